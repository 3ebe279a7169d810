"""Practice examples ("Uit de praktijk"): regional initiatives other schools can learn from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .base import BasePage


class PracticeTheme(models.TextChoices):
    STRATEGIC_HRM = "strategisch-hrm", _("Strategisch HRM en personeelsplanning")
    RECRUITMENT = "werven", _("Werven van nieuwe docenten")
    RETENTION = "behoud", _("Behoud en begeleiding van starters")
    DOUBLE_QUALIFICATION = "dubbele-bevoegdheid", _("Dubbele bevoegdheid")
    COOPERATION = "samenwerking", _("Regionale samenwerking")


class PracticeExample(index.Indexed, models.Model):
    """One regional example, shown on the "Uit de praktijk" page. A snippet, edited under Snippets."""

    title = models.CharField(_("titel"), max_length=200)
    region = models.CharField(_("regio"), max_length=100, help_text=_("Bijvoorbeeld: Zwolle, Rijnmond, Zeeland."))
    theme = models.CharField(_("thema"), max_length=30, choices=PracticeTheme.choices)
    summary = models.TextField(_("samenvatting"))
    link = models.URLField(_("link naar het verhaal"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("region"), FieldPanel("theme"), FieldPanel("summary"), FieldPanel("link")]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("region"),
        index.FilterField("theme"),
        index.FilterField("region"),
    ]

    class Meta:
        ordering = ["region", "title"]
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    def __str__(self):
        return f"{self.title} ({self.region})"


class PracticeExampleIndexPage(BasePage):
    """Lists the practice examples, filterable by theme and region (plain GET form, no script needed)."""

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/practice_example_index_page.html"

    class Meta:
        verbose_name = _("praktijkvoorbeelden (overzicht)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        examples = PracticeExample.objects.all()
        theme = request.GET.get("thema", "")
        region = request.GET.get("regio", "")
        if theme in PracticeTheme.values:
            examples = examples.filter(theme=theme)
        else:
            theme = ""
        regions = list(PracticeExample.objects.order_by("region").values_list("region", flat=True).distinct())
        if region in regions:
            examples = examples.filter(region=region)
        else:
            region = ""
        context.update(
            examples=examples,
            themes=PracticeTheme.choices,
            regions=regions,
            selected_theme=theme,
            selected_region=region,
        )
        return context
