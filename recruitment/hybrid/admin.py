"""The hybride match in the Wagtail admin, for the recruitment staff only (who may see registrations; never
editors), limited to their regions like the registrations: the offers and the needs (list, filters, each one's page
with the approve or reject action), and the proposals of the matching with their reasons."""

import django_filters

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from routes.models import Region

from ..admin_views import (
    EMPTY,
    StaffReadOnlyViewSetMixin,
    can_see_registrations,
    display_value,
    local_datetime,
    registration_permissions,
)
from ..event_report import StaffPageView
from ..models import HybridNeed, HybridOffer, HybridStatus, Introduction, RegionAssignment, TechField
from ..models.hybrid import DAY_PARTS
from . import matching, services
from .forms import DecisionForm, OutcomeForm

# What staff read about a post, in this order (the tokens never).
COMMON_INSPECT_FIELDS = [
    "field",
    "hours_per_week",
    "day_parts",
    "available_from",
    "region",
    "postcode",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
    "status",
    "created_at",
    "confirmed_at",
    "approved_at",
    "approved_by",
    "rejection_reason",
    "expires_at",
    "consent_version",
    "consented_at",
]


def regions_for(user):
    """The regions a staff member may choose from: theirs when limited, else all."""
    region_ids = RegionAssignment.region_ids_for(user)
    regions = Region.objects.order_by("name")
    return regions if region_ids is None else regions.filter(pk__in=region_ids)


class HybridPostFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=HybridStatus.choices, empty_label=_("Alle"))
    region = django_filters.ModelChoiceFilter(label=_("Regio"), queryset=Region.objects.none(), empty_label=_("Alle"))
    field = django_filters.ChoiceFilter(label=_("Vakgebied"), choices=TechField.choices, empty_label=_("Alle"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Fails closed: without a request there is no user to show regions to.
        self.filters["region"].queryset = regions_for(request.user) if request else Region.objects.none()


class HybridOfferFilterSet(HybridPostFilterSet):
    class Meta:
        model = HybridOffer
        fields = ["status", "region", "field"]


class HybridNeedFilterSet(HybridPostFilterSet):
    class Meta:
        model = HybridNeed
        fields = ["status", "region", "field"]


class HybridPostIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().for_user(self.request.user).select_related("region")


class HybridPostInspectView(InspectView):
    """One offer or need: its details, the messages about it, and the approve or reject action."""

    template_name = "recruitment/hybrid/admin/inspect.html"
    decide_url_name = None

    def get_object(self, queryset=None):
        queryset = self.model.objects.for_user(self.request.user).select_related("region", "approved_by")
        return get_object_or_404(queryset, pk=self.pk)

    def get_fields(self):
        return [field for field in (self.fields or []) if not field.endswith("_token")]

    def get_field_display_value(self, field_name=None, field=None):
        """Every field's value as staff read it. Wagtail also calls this, without arguments, as the display method of
        the model field named ``field`` (the vakgebied): then it is that field's label."""
        if field_name is None:
            return self.object.get_field_display()
        return display_value(super().get_field_display_value(field_name, field))

    def get_day_parts_display_value(self):
        return self.object.day_parts_text or EMPTY

    def can_decide(self):
        return self.object.status != HybridStatus.UNCONFIRMED and self.user_has_permission_for_instance(
            "change", self.object
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_decide = self.can_decide()
        context.update(
            post=self.object,
            public=self.object.is_public(),
            sent_messages=list(self.object.messages.all()),
            decision_form=(kwargs.get("decision_form") or DecisionForm()) if can_decide else None,
            decide_url=reverse(self.decide_url_name, args=[self.object.pk]) if can_decide else None,
        )
        return context


class HybridPostDecideView(HybridPostInspectView):
    """POST: approve (public until it expires) or reject (with a reason)."""

    any_permission_required = None
    permission_required = "change"
    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        inspect_url = reverse(self.inspect_url_name, args=[self.object.pk])
        if not self.can_decide():
            messages.error(
                request, _("Dit is nog niet bevestigd door de contactpersoon en kan nog niet beoordeeld worden.")
            )
            return redirect(inspect_url)
        if not form.is_valid():
            messages.error(request, _("Er is niets vastgelegd. Verbeter de fouten hieronder."))
            return self.render_to_response(self.get_context_data(decision_form=form))
        approve = form.cleaned_data["decision"] == "approve"
        services.decide(self.object, approve=approve, user=request.user, reason=form.cleaned_data["reason"])
        if approve:
            messages.success(
                request,
                _("Goedgekeurd: %(post)s staat op de openbare lijst tot %(until)s.")
                % {"post": self.object, "until": local_datetime(self.object.expires_at)},
            )
        else:
            messages.success(request, _("Afgewezen: %(post)s staat niet op de openbare lijst.") % {"post": self.object})
        return redirect(inspect_url)


class HybridPostViewSet(StaffReadOnlyViewSetMixin, ModelViewSet):
    """Offers or needs come from the public form; staff read them and approve or reject them, nothing else."""

    icon = "group"
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = HybridPostIndexView
    inspect_view_class = HybridPostInspectView
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(decide_url_name=self.get_url_name("decide"), **kwargs)

    @property
    def decide_view(self):
        return self.construct_view(
            HybridPostDecideView, **self.get_inspect_view_kwargs(inspect_url_name=self.get_url_name("inspect"))
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("beoordelen/<int:pk>/", self.decide_view, name="decide"),
        ]


def status_column():
    return Column("status", label=_("Status"), accessor="get_status_display", sort_key="status")


def created_column():
    return Column(
        "created_at",
        label=_("Ingestuurd op"),
        accessor=lambda post: local_datetime(post.created_at),
        sort_key="created_at",
    )


class HybridOfferViewSet(HybridPostViewSet):
    model = HybridOffer
    name = "hybride_aanbod"
    url_prefix = "hybride-aanbod"
    menu_label = _("Aanbod van bedrijven")
    filterset_class = HybridOfferFilterSet
    search_fields = ["company_name", "contact_name", "contact_email"]
    inspect_view_fields = ["company_name", *COMMON_INSPECT_FIELDS]
    list_display = [
        "company_name",
        Column("field", label=_("Vakgebied"), accessor="get_field_display", sort_key="field"),
        Column("region", label=_("Regio"), accessor="region"),
        status_column(),
        created_column(),
    ]


class HybridNeedViewSet(HybridPostViewSet):
    model = HybridNeed
    name = "hybride_vragen"
    url_prefix = "hybride-vragen"
    menu_label = _("Vragen van scholen")
    filterset_class = HybridNeedFilterSet
    search_fields = ["school_name", "contact_name", "contact_email"]
    inspect_view_fields = ["school_name", "school_type", "vmbo_profile", "mbo_programme", *COMMON_INSPECT_FIELDS]
    list_display = [
        "school_name",
        Column("school_type", label=_("Soort"), accessor="get_school_type_display", sort_key="school_type"),
        Column("field", label=_("Vakgebied"), accessor="get_field_display", sort_key="field"),
        Column("region", label=_("Regio"), accessor="region"),
        status_column(),
        created_column(),
    ]


class ProposalsView(StaffPageView):
    """ "Hybride match: voorstellen": the pairs of the user's regions that fit, best first, with the reasons."""

    page_title = _("Hybride match: voorstellen")
    header_icon = "group"
    template_name = "recruitment/hybrid/admin/proposals.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region_ids = RegionAssignment.region_ids_for(self.request.user)
        context.update(
            proposals=matching.proposals(region_ids),
            limit=matching.DEFAULT_LIMIT,
            day_parts=DAY_PARTS,
            introductions_url=reverse("hybride_kennismakingen:index"),
            offers_url=reverse("hybride_aanbod:index"),
            needs_url=reverse("hybride_vragen:index"),
            no_regions=region_ids == [],
        )
        return context


def posted_pk(request, name):
    """A primary key posted as ``name``, or 404."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        raise Http404("Onbekend")
    return int(value)


class StaffActionView(StaffPageView):
    """A POST by staff who may change registrations (and so offers, needs and introductions)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not registration_permissions().user_has_permission(request.user, "change"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class IntroduceView(StaffActionView):
    """Introduce a proposed pair: one message to both contact persons, then the reminders until an outcome."""

    def post(self, request):
        region_ids = RegionAssignment.region_ids_for(request.user)
        now = timezone.now()
        offer = get_object_or_404(matching.open_posts(HybridOffer, region_ids, now), pk=posted_pk(request, "offer"))
        need = get_object_or_404(matching.open_posts(HybridNeed, region_ids, now), pk=posted_pk(request, "need"))
        if not matching.shared_day_parts(offer, need):
            messages.error(request, _("Dit aanbod en deze vraag passen niet bij elkaar."))
            return redirect("hybride_voorstellen:index")
        introduction, created = services.introduce(offer, need, user=request.user, now=now)
        if created:
            messages.success(
                request,
                _("%(offer)s en %(need)s zijn aan elkaar voorgesteld. Ze krijgen allebei een e-mail.")
                % {"offer": offer.company_name, "need": need.school_name},
            )
        else:
            messages.warning(request, _("Deze twee waren al aan elkaar voorgesteld."))
        return redirect("hybride_kennismakingen:index")


def introductions_for(user):
    """The introductions of the user's regions (by the offer's region: the pair shares it)."""
    introductions = Introduction.objects.select_related("offer__region", "need", "introduced_by", "outcome_by")
    region_ids = RegionAssignment.region_ids_for(user)
    return introductions if region_ids is None else introductions.filter(offer__region_id__in=region_ids)


class IntroductionsView(StaffPageView):
    """ "Hybride match: kennismakingen": the introductions of the user's regions, those without an outcome first,
    each with the form to log it."""

    page_title = _("Hybride match: kennismakingen")
    header_icon = "group"
    template_name = "recruitment/hybrid/admin/introductions.html"
    shown = 200

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        introductions = list(
            introductions_for(self.request.user).order_by("-outcome_at", "-introduced_at")[: self.shown]
        )
        introductions.sort(key=lambda introduction: bool(introduction.outcome))
        invalid = kwargs.get("invalid")
        for introduction in introductions:
            if not introduction.outcome:
                form = (
                    invalid[1]
                    if invalid and invalid[0] == introduction.pk
                    else OutcomeForm(prefix=f"uitkomst-{introduction.pk}")
                )
                introduction.outcome_form = form
        context.update(introductions=introductions, proposals_url=reverse("hybride_voorstellen:index"))
        return context


class OutcomeView(StaffActionView, IntroductionsView):
    """Log an introduction's outcome: the reminders stop."""

    def post(self, request, pk):
        introduction = get_object_or_404(introductions_for(request.user), pk=pk)
        if introduction.outcome:
            messages.warning(request, _("Voor deze kennismaking is al een uitkomst vastgelegd."))
            return redirect("hybride_kennismakingen:index")
        form = OutcomeForm(request.POST, prefix=f"uitkomst-{pk}")
        if not form.is_valid():
            messages.error(request, _("Er is niets vastgelegd. Verbeter de fouten hieronder."))
            return self.render_to_response(self.get_context_data(invalid=(pk, form)))
        data = form.cleaned_data
        services.log_outcome(introduction, outcome=data["outcome"], reason=data["reason"], user=request.user)
        messages.success(
            request,
            _("Uitkomst vastgelegd: %(outcome)s. Er gaan geen herinneringen meer uit over deze kennismaking.")
            % {"outcome": introduction.get_outcome_display().lower()},
        )
        return redirect("hybride_kennismakingen:index")


class StaffMenuViewSet(ViewSet):
    """A page of the hybride match in the admin menu, shown to who may see registrations."""

    icon = "group"

    @property
    def menu_item_class(self):
        return type(
            f"{type(self).__name__}MenuItem",
            (MenuItem,),
            {"is_shown": lambda item, request: can_see_registrations(request.user)},
        )


class ProposalsViewSet(StaffMenuViewSet):
    name = "hybride_voorstellen"
    url_prefix = "hybride-voorstellen"
    menu_label = _("Voorstellen")

    def get_urlpatterns(self):
        return [
            path("", ProposalsView.as_view(), name="index"),
            path("voorstellen/", IntroduceView.as_view(), name="introduce"),
        ]


class IntroductionsViewSet(StaffMenuViewSet):
    name = "hybride_kennismakingen"
    url_prefix = "hybride-kennismakingen"
    menu_label = _("Kennismakingen")

    def get_urlpatterns(self):
        return [
            path("", IntroductionsView.as_view(), name="index"),
            path("<int:pk>/uitkomst/", OutcomeView.as_view(), name="outcome"),
        ]


class HybridMatchViewSetGroup(ViewSetGroup):
    menu_label = _("Hybride match")
    menu_icon = "group"
    menu_order = 152
    items = (HybridOfferViewSet, HybridNeedViewSet, ProposalsViewSet, IntroductionsViewSet)
