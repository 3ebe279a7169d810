"""What the public overview of the hybride match shows: approved offers and needs that have not expired, with only
their public fields read from the database (never the contact person's), filtered by region and field."""

from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from routes.models import Region

from ..models import HybridNeed, HybridOffer, TechField

# What the overview reads: the organisation's name and what it offers or asks. The contact person, the postcode and
# the tokens stay in the database.
PUBLIC_FIELDS = (
    "field",
    "hours_per_week",
    "day_parts",
    "available_from",
    "description",
    "region",
    "region__name",
    "expires_at",
)
OFFER_FIELDS = ("company_name", *PUBLIC_FIELDS)
NEED_FIELDS = ("school_name", "school_type", "vmbo_profile", "mbo_programme", *PUBLIC_FIELDS)


class OverviewFilter(forms.Form):
    """The overview's filters, in the query string (``?regio=3&vakgebied=ict``). A value that is not one of the
    choices is ignored, with a message."""

    regio = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("Alle regio's"),
        error_messages={"invalid_choice": _("Deze regio kennen we niet. We tonen alle regio's.")},
    )
    vakgebied = forms.ChoiceField(
        label=_("Vakgebied"),
        choices=[("", _("Alle vakgebieden"))] + TechField.choices,
        required=False,
        error_messages={"invalid_choice": _("Dit vakgebied kennen we niet. We tonen alle vakgebieden.")},
    )

    @property
    def chosen(self):
        """The valid filters: ``{"region": Region or None, "field": value or ""}``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"region": data.get("regio"), "field": data.get("vakgebied") or ""}

    @property
    def query_without_pages(self):
        """The filters as a query string for the page links (``regio=3&vakgebied=ict&``), or ""."""
        chosen = self.chosen
        pairs = [("regio", chosen["region"].pk)] if chosen["region"] else []
        pairs += [("vakgebied", chosen["field"])] if chosen["field"] else []
        return urlencode(pairs) + "&" if pairs else ""


def public_posts(chosen, now=None):
    """The offers and needs to show (unevaluated querysets, for a paginator), earliest start first."""
    now = now or timezone.now()
    offers = HybridOffer.objects.public(now).select_related("region").only(*OFFER_FIELDS)
    needs = HybridNeed.objects.public(now).select_related("region").only(*NEED_FIELDS)
    if chosen.get("region"):
        offers, needs = offers.filter(region=chosen["region"]), needs.filter(region=chosen["region"])
    if chosen.get("field"):
        offers, needs = offers.filter(field=chosen["field"]), needs.filter(field=chosen["field"])
    order = ("available_from", "-approved_at", "pk")
    return offers.order_by(*order), needs.order_by(*order)
