"""The glossary (begrippenlijst): the terms people stumble on, each with a plain-Dutch explanation and its source."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from .base import BasePage


class GlossaryTerm(index.Indexed, models.Model):
    """One term, edited as a snippet under "Begrippenlijst"; listed on the glossary page in alphabetical order."""

    term = models.CharField(
        _("begrip"),
        max_length=80,
        unique=True,
        help_text=_("Zoals mensen het tegenkomen, bijvoorbeeld: PDG of zij-instroom."),
    )
    full_name = models.CharField(
        _("voluit"), max_length=160, blank=True, help_text=_("Bij een afkorting: wat ze betekent.")
    )
    explanation = models.TextField(_("uitleg"), help_text=_("Twee of drie korte zinnen in eenvoudig Nederlands."))
    source_name = models.CharField(
        _("bron"), max_length=200, help_text=_("Waar de uitleg op steunt, bijvoorbeeld: Rijksoverheid, zij-instroom.")
    )
    source_url = models.URLField(_("link naar de bron"), blank=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("full_name"),
        FieldPanel("explanation"),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Bron")),
    ]
    search_fields = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("full_name"),
        index.SearchField("explanation"),
    ]

    class Meta:
        ordering = [Lower("term")]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        """The id of the term on the glossary page, for links such as /begrippen/#pdg."""
        return slugify(self.term) or f"begrip-{self.pk}"


class GlossaryPage(BasePage):
    """The one glossary page: every term with its explanation and source, and an A–Z index of plain links."""

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/glossary_page.html"

    class Meta:
        verbose_name = _("begrippenlijst")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = list(GlossaryTerm.objects.all())
        letters = {}
        for term in terms:
            letters.setdefault(term.term[:1].upper(), []).append(term)
        context.update(terms=terms, letters=sorted(letters.items()))
        return context
