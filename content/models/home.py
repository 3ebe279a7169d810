from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from content import fragments

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
        "content.ConversationToolPage",
        "recruitment.RegistrationPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def get_featured_routes(self, request=None):
        """The chosen routes that are live, in the editor's order, in one query (the block names their page type)."""
        ids = [item["value"] for item in self.featured_routes.raw_data if item.get("value")]
        if not ids:
            return []
        model = self.featured_routes.stream_block.child_blocks["route"].target_model
        pages = fragments.public(model.objects.live().filter(pk__in=ids), request).in_bulk()
        return [pages[pk] for pk in ids if pk in pages]

    def get_context(self, request, *args, **kwargs):
        from .events import EventIndexPage, EventPage
        from .toolkit import ArticleIndexPage, ArticlePage

        context = super().get_context(request, *args, **kwargs)
        # Published content only (and, for the events, today's date): built once per publish. The lists show pages in
        # this home page's language.
        context["featured_routes"] = fragments.cached(
            request, ("featured_routes", self.pk), lambda: self.get_featured_routes(request)
        )
        context["latest_articles"] = fragments.cached(
            request,
            "latest_articles",
            lambda: list(
                fragments.public(ArticlePage.objects.live().filter(locale_id=self.locale_id), request).order_by(
                    "-first_published_at"
                )[:3]
            ),
        )
        today = timezone.localdate()
        context["upcoming_events"] = fragments.cached(
            request,
            ("upcoming_events", today),
            lambda: list(
                fragments.public(EventPage.objects.live(), request)
                .filter(locale_id=self.locale_id, start_date__gte=today)
                .order_by("start_date")[:3]
            ),
        )
        # The "more" links of both lists: the parents of the articles and events, without a query per request.
        context["toolkit"] = fragments.page_of_type(request, ArticleIndexPage)
        context["agenda"] = fragments.page_of_type(request, EventIndexPage)
        # The form is in Dutch: a home page in another language (the English one) does not call to it.
        context["in_site_language"] = fragments.in_site_language()
        context["linked_urls"] = self.load_linked_pages(request)
        return context

    def load_linked_pages(self, request):
        """The pages the buttons link to, read once per publish instead of a query each per request, with their URLs
        ({field name: url}: Wagtail resolves a plain page's URL afresh on every call)."""
        fields = [self._meta.get_field(name) for name in ("primary_action", "register_page")]
        ids = tuple(getattr(self, field.attname) for field in fields)

        def build():
            pages = Page.objects.in_bulk([pk for pk in ids if pk is not None])
            return pages, {pk: page.get_url(request) for pk, page in pages.items()}

        pages, urls = fragments.cached(request, ("home_links", self.pk, ids), build)
        for field, pk in zip(fields, ids, strict=True):
            if pk in pages:
                field.set_cached_value(self, pages[pk])
        return {field.name: urls[pk] for field, pk in zip(fields, ids, strict=True) if pk in urls}
