"""The Docententoolkit: articles for school HR staff (and candidates)."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content import fragments
from content.blocks import BaseStreamBlock

from .base import BasePage


class ArticleTopic(models.TextChoices):
    ATTRACT = "aantrekken", _("Nieuw talent aantrekken")
    TRAIN = "opleiden", _("Samen opleiden")
    ORGANISE = "organiseren", _("Slim en flexibel organiseren")
    RETAIN = "behouden", _("Begeleiden en behouden")


class ArticleAudience(models.TextChoices):
    SCHOOLS = "scholen", _("Scholen")
    CANDIDATES = "kandidaten", _("Kandidaten")


class ArticleIndexPage(BasePage):
    """The Docententoolkit: lists its articles, filterable by topic."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]
    max_count = 1
    template = "pages/article_index_page.html"

    class Meta:
        verbose_name = _("docententoolkit (overzicht)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = fragments.public(ArticlePage.objects.child_of(self).live(), request).order_by("-first_published_at")
        topic = request.GET.get("thema", "")
        if topic in ArticleTopic.values:
            articles = articles.filter(topic=topic)
        context.update(articles=articles, topics=ArticleTopic.choices, selected_topic=topic)
        return context


class ArticlePage(BasePage):
    """An article of the Docententoolkit."""

    topic = models.CharField(_("thema"), max_length=20, choices=ArticleTopic.choices, default=ArticleTopic.ATTRACT)
    audience = models.CharField(
        _("voor wie"), max_length=20, choices=ArticleAudience.choices, default=ArticleAudience.SCHOOLS
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    checked_on = models.DateField(
        _("laatst gecontroleerd op"),
        null=True,
        blank=True,
        help_text=_("De datum waarop iemand het artikel met de bronnen heeft vergeleken. Staat onder het artikel."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("topic"), FieldPanel("audience")], heading=_("Indeling")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("checked_on"), InlinePanel("sources", label=_("bron"))],
            heading=_("Bronnen"),
            help_text=_(
                "Waar de feiten in dit artikel vandaan komen. Ze staan onder het artikel, met de datum van de "
                "laatste controle."
            ),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("topic"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types = []
    template = "pages/article_page.html"

    class Meta:
        verbose_name = _("toolkitartikel")
        verbose_name_plural = _("toolkitartikelen")

    def get_context(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):  # a preview shows the draft's own sources
            # Kept on the page, which is kept until the next publish (content/fragments.py): one query per publish.
            prefetch_related_objects([self], "sources")
        return super().get_context(request, *args, **kwargs)


class ArticleSource(Orderable):
    """A source an article relies on: listed under the article, with a link when there is one."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("titel"), max_length=200, help_text=_("Zoals lezers de bron lezen."))
    publisher = models.CharField(
        _("uitgever"), max_length=120, blank=True, help_text=_("Bijvoorbeeld: Rijksoverheid, Voion, CAOP.")
    )
    published = models.CharField(
        _("datum of jaar"),
        max_length=40,
        blank=True,
        help_text=_("Wanneer de bron dit schreef, als dat bekend is. Bijvoorbeeld: 2023."),
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("publisher"), FieldPanel("published")]), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return self.title
