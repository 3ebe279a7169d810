import copy

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site name, contact address and footer links, edited under Instellingen."""

    site_name = models.CharField(_("naam van de site"), max_length=80, default="Word techniekdocent")
    tagline = models.CharField(_("ondertitel"), max_length=160, blank=True)
    contact_email = models.EmailField(_("contactadres"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacyverklaring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_version = models.CharField(
        _("versie privacyverklaring"),
        max_length=20,
        default="1",
        help_text=_("Verhoog dit nummer als de privacyverklaring inhoudelijk verandert."),
    )
    footer_links = StreamField(
        [
            (
                "link",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(label=_("Linktekst"))),
                        ("page", blocks.PageChooserBlock(label=_("Pagina"), required=False)),
                        ("url", blocks.URLBlock(label=_("Of webadres"), required=False)),
                    ],
                    icon="link",
                ),
            )
        ],
        verbose_name=_("links in de voettekst"),
        blank=True,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("contact_email")], heading=_("Algemeen")
        ),
        MultiFieldPanel([FieldPanel("privacy_page"), FieldPanel("privacy_version")], heading=_("Privacy")),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site-instellingen")

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site, read from the database once per publish (content/fragments.py) instead
        of once per request; each request gets its own copy, as Wagtail remembers the request on it."""
        from content import fragments

        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        kept = fragments.site_settings(request, cls)
        if kept.privacy_page_id and not cls.privacy_page.is_cached(kept):
            kept.privacy_page  # noqa: B018 (loaded once per publish, then copied with the settings)
        site_settings = copy.copy(kept)
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings
