from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .base import BasePage


class HomePage(BasePage):
    """The root of the site: hero, featured routes, the call to register, latest articles, upcoming events."""

    hero_title = models.CharField(_("grote kop"), max_length=140)
    hero_text = models.TextField(_("tekst onder de kop"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_action = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hoofdknop verwijst naar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Meestal de routewijzer."),
    )
    primary_action_label = models.CharField(_("tekst hoofdknop"), max_length=60, blank=True)
    featured_routes_title = models.CharField(
        _("titel uitgelichte routes"), max_length=120, default="Routes naar het techniekonderwijs"
    )
    featured_routes = StreamField(
        [("route", blocks.PageChooserBlock(page_type="routes.RoutePage", label=_("Route")))],
        verbose_name=_("uitgelichte routes"),
        blank=True,
    )
    register_title = models.CharField(_("titel aanmeldblok"), max_length=120, blank=True)
    register_text = models.TextField(_("tekst aanmeldblok"), blank=True)
    register_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("aanmeldpagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("primary_action"),
                FieldPanel("primary_action_label"),
            ],
            heading=_("Openingsblok"),
        ),
        MultiFieldPanel(
            [FieldPanel("featured_routes_title"), FieldPanel("featured_routes")], heading=_("Uitgelichte routes")
        ),
        MultiFieldPanel(
            [FieldPanel("register_title"), FieldPanel("register_text"), FieldPanel("register_page")],
            heading=_("Aanmelden"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "routes.RouteIndexPage",
        "routes.RouteFinderPage",
        "content.ArticleIndexPage",
        "content.PracticeExampleIndexPage",
        "content.EventIndexPage",
        "content.StandardPage",
        "content.GlossaryPage",
        "recruitment.RegistrationPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def get_featured_routes(self):
        """The chosen routes that are live, in the editor's order, fetched in one query per page type."""
        ids = [item["value"] for item in self.featured_routes.raw_data if item.get("value")]
        pages = Page.objects.live().public().filter(pk__in=ids).specific().in_bulk()
        return [pages[pk] for pk in ids if pk in pages]

    def get_context(self, request, *args, **kwargs):
        from .events import EventPage
        from .toolkit import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        context["featured_routes"] = self.get_featured_routes()
        context["latest_articles"] = ArticlePage.objects.live().public().order_by("-first_published_at")[:3]
        context["upcoming_events"] = (
            EventPage.objects.live().public().filter(start_date__gte=timezone.localdate()).order_by("start_date")[:3]
        )
        return context
