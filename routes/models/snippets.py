"""Colleges (Institution) and regional desks (Region): snippets, edited under Snippets in the admin."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from content import fragments

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})?\s*$")


def postcode_digits(postcode):
    """The four digits of a Dutch postcode ("1234 AB" → 1234), or None if it is not one."""
    match = POSTCODE_RE.match(postcode or "")
    return int(match.group(1)) if match else None


class Region(index.Indexed, ClusterableModel):
    """A regional desk: who follows up the registrations from its postcodes."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    provinces = models.CharField(
        _("provincies"),
        max_length=200,
        blank=True,
        help_text=_("Ter informatie, bijvoorbeeld: Overijssel, Gelderland."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website van het regioloket"), blank=True)
    contact_email = models.EmailField(
        _("e-mailadres voor bezoekers"), blank=True, help_text=_("Staat in de routewijzer bij dit regioloket.")
    )
    phone = models.CharField(
        _("telefoonnummer voor bezoekers"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^\+?[0-9][0-9 -]{8,18}$", _("Vul een telefoonnummer in, bijvoorbeeld 030 123 4567."))
        ],
        help_text=_("Staat in de routewijzer bij dit regioloket."),
    )
    is_default = models.BooleanField(
        _("standaardregio"),
        default=False,
        help_text=_("Aanmeldingen met een onbekende postcode komen bij deze regio terecht."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("provinces"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("contact_email"), FieldPanel("phone")],
            heading=_("Contact voor bezoekers"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_default")],
            heading=_("Aanmeldingen"),
        ),
        InlinePanel("postcode_ranges", heading=_("Postcodegebieden"), label=_("Postcodegebied")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("provinces")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_region"
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_postcode(cls, postcode):
        """The region whose postcode range holds this postcode (the first by name when ranges overlap); the default
        region when none does. The regions and their ranges are read once per change to them (content/fragments.py),
        not on every registration."""
        regions, ranges, default = fragments.cached(None, "postcode_regions", cls.postcode_table)
        digits = postcode_digits(postcode)
        if digits is not None:
            holding = {region_id for region_id, start, end in ranges if start <= digits <= end}
            for region in regions:
                if region.pk in holding:
                    return region
        return default

    @classmethod
    def postcode_table(cls):
        regions = list(cls.objects.order_by("name", "pk"))
        ranges = list(PostcodeRange.objects.values_list("region_id", "start", "end"))
        return regions, ranges, next((region for region in regions if region.is_default), None)


class PostcodeRange(Orderable):
    """A range of four-digit postcodes (inclusive) that belongs to a region."""

    region = ParentalKey(Region, on_delete=models.CASCADE, related_name="postcode_ranges")
    start = models.PositiveSmallIntegerField(_("van postcode"))
    end = models.PositiveSmallIntegerField(_("tot en met postcode"))

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self):
        return f"{self.start}–{self.end}"

    def clean(self):
        if self.start is not None and self.end is not None:
            if not (1000 <= self.start <= 9999 and 1000 <= self.end <= 9999):
                raise ValidationError(_("Een postcode heeft vier cijfers, van 1000 tot en met 9999."))
            if self.start > self.end:
                raise ValidationError(_("De eerste postcode moet kleiner zijn dan of gelijk aan de laatste."))


class Institution(index.Indexed, models.Model):
    """A teacher-training college and its programme for technical vocational education."""

    name = models.CharField(_("naam"), max_length=120)
    programme = models.CharField(_("opleiding"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mailadres contact"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), null=True, blank=True, on_delete=models.SET_NULL, related_name="institutions"
    )
    is_ecpb_member = models.BooleanField(_("lid van het ECPB"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("programme"),
        FieldPanel("website"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
        FieldPanel("region"),
        FieldPanel("is_ecpb_member"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("programme"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lerarenopleiding")
        verbose_name_plural = _("lerarenopleidingen")

    def __str__(self):
        return self.name


class Source(index.Indexed, models.Model):
    """Where a fact comes from: a web page, a publication or one of the project's source documents. Routes name a
    source per group of facts, and the route page shows it beside the fact."""

    code = models.CharField(
        _("kenmerk"),
        max_length=20,
        blank=True,
        help_text=_("Het nummer in de bronnenlijst, bijvoorbeeld S21. Voor de redactie."),
    )
    title = models.CharField(_("titel"), max_length=200, help_text=_("Zoals bezoekers de bron lezen."))
    publisher = models.CharField(
        _("uitgever"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: Rijksoverheid, DUO, Hogeschool van Amsterdam."),
    )
    published = models.CharField(
        _("datum of jaar"),
        max_length=40,
        blank=True,
        help_text=_("Wanneer de bron dit schreef, als dat bekend is. Bijvoorbeeld: 2023."),
    )
    url = models.URLField(_("link"), max_length=500, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("publisher"),
        FieldRowPanel([FieldPanel("published"), FieldPanel("code")]),
        FieldPanel("url"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("publisher"),
        index.SearchField("code"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title
