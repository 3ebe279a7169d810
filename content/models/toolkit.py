"""The Docententoolkit: articles for school HR staff (and candidates)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

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
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-first_published_at")
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

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("topic"), FieldPanel("audience")], heading=_("Indeling")),
        FieldPanel("body"),
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
