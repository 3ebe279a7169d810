from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """What every public page has: a short introduction, shown under the title and in listings."""

    intro = models.TextField(_("inleiding"), blank=True, help_text=_("Eén of twee zinnen onder de titel."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True
