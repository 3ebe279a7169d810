"""Event sign-ups in the Wagtail admin, read only: for the recruitment staff (who may see registrations), never for
editors. Staff limited to regions see the sign-ups of events for their regions and of events for every region."""

from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import local_datetime, registration_permissions
from .models import EventSignUp, RegionAssignment

READ_ONLY = (
    "add_url_name",
    "edit_url_name",
    "delete_url_name",
    "copy_url_name",
    "history_url_name",
    "usage_url_name",
)


def sign_ups_for(user):
    queryset = EventSignUp.objects.select_related("event")
    region_ids = RegionAssignment.region_ids_for(user)
    if region_ids is None:
        return queryset
    return queryset.filter(Q(event__regions__in=region_ids) | Q(event__regions__isnull=True)).distinct()


class EventSignUpFilterSet(WagtailFilterSet):
    class Meta:
        model = EventSignUp
        fields = ["status", "event"]


class EventSignUpIndexView(IndexView):
    def get_base_queryset(self):
        return sign_ups_for(self.request.user)


class EventSignUpInspectView(InspectView):
    def get_object(self, queryset=None):
        return sign_ups_for(self.request.user).get(pk=self.pk)


class EventSignUpViewSet(ModelViewSet):
    """Who signed up for which event, with their answers and needs. Sign-ups come from the form and change through
    the cancel link; nobody adds, edits or deletes them here."""

    model = EventSignUp
    name = "evenementaanmeldingen"
    url_prefix = "evenementaanmeldingen"
    icon = "date"
    menu_label = _("Aanmeldingen evenementen")
    menu_order = 151
    add_to_admin_menu = True
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = EventSignUpIndexView
    inspect_view_class = EventSignUpInspectView
    inspect_view_fields = [
        "event",
        "name",
        "email",
        "phone",
        "needs",
        "answers",
        "status",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "consent_version",
    ]
    filterset_class = EventSignUpFilterSet
    search_fields = ["name", "email"]
    search_backend_name = None
    ordering = ["event", "created_at"]
    list_per_page = 100
    list_display = [
        "name",
        "email",
        Column("event", label=_("Evenement"), accessor="event"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column(
            "created_at",
            label=_("Aangemeld op"),
            accessor=lambda sign_up: local_datetime(sign_up.created_at),
            sort_key="created_at",
        ),
    ]

    @property
    def permission_policy(self):
        # Who may see registrations may see sign-ups: the recruitment staff group, and superusers.
        return registration_permissions()

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(dict.fromkeys(READ_ONLY))
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]
