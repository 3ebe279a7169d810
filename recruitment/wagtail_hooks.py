"""Registrations in the Wagtail admin: a menu for the recruitment staff only (it needs a permission on
Registration, which editors do not have), and a dashboard panel."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    INSPECT_FIELDS,
    SECRET_FIELDS,
    RegistrationFilterSet,
    RegistrationIndexView,
    RegistrationsPanel,
    StaffReadOnlyViewSetMixin,
    can_see_registrations,
    deadline_label,
    local_datetime,
)
from .event_admin import EventSignUpViewSet
from .event_report import figures_menu_item
from .models import RegionAssignment, Registration
from .path_admin import RegionFollowUpViewSet, StaffAbsenceViewSet, StopReasonViewSet
from .path_views import (
    RegistrationAssignView,
    RegistrationInteractionView,
    RegistrationPathInspectView,
    RegistrationPathView,
)
from .report_views import report_menu_item, report_urls


class RegistrationViewSet(StaffReadOnlyViewSetMixin, ModelViewSet):
    """List, search, filter, export and inspect registrations. Nobody adds, edits or deletes them here: they come
    from the form, change through the contact action, and are erased by withdrawal or the retention task."""

    model = Registration
    name = "registrations"
    url_prefix = "aanmeldingen"
    icon = "form"
    menu_label = _("Aanmeldingen")
    menu_order = 150
    add_to_admin_menu = True
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationPathInspectView
    # Wagtail hands these to the inspect view; its default (no list) would show every field, the token included.
    inspect_view_fields = INSPECT_FIELDS
    inspect_view_fields_exclude = list(SECRET_FIELDS)
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    export_filename = "aanmeldingen"
    list_export = [
        "created_at",
        "name",
        "email",
        "phone",
        "postcode",
        "region",
        "get_status_display",
        "get_situation_display",
        "get_education_display",
        "experience_years",
        "routes_text",
        "roles_text",
        "get_contact_preference_display",
        "get_language_display",
        "message",
        "finder_answers_text",
        "contact_due_at",
        "contacted_at",
        "get_phase_display",
        "stop_reason",
        "next_action_on",
        "get_channel_display",
        "campaign_text",
    ]
    export_headings = {
        "created_at": _("Aangemeld op"),
        "name": _("Naam"),
        "email": _("E-mailadres"),
        "phone": _("Telefoon"),
        "postcode": _("Postcode"),
        "region": _("Regio"),
        "get_status_display": _("Status"),
        "get_situation_display": _("Situatie"),
        "get_education_display": _("Opleiding"),
        "experience_years": _("Jaren werkervaring"),
        "routes_text": _("Routes"),
        "roles_text": _("Rollen"),
        "get_contact_preference_display": _("Liefst contact via"),
        "get_language_display": _("Voorkeurstaal"),
        "message": _("Bericht"),
        "finder_answers_text": _("Antwoorden uit de routewijzer"),
        "contact_due_at": _("Contact uiterlijk op"),
        "contacted_at": _("Eerste contact op"),
        "get_phase_display": _("Fase"),
        "stop_reason": _("Reden om te stoppen"),
        "next_action_on": _("Volgende actie op"),
        "get_channel_display": _("Kanaal"),
        "campaign_text": _("Campagne"),
    }

    @property
    def list_display(self):
        return [
            "name",
            Column("region", label=_("Regio"), accessor="region"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("phase", label=_("Fase"), accessor="get_phase_display", sort_key="phase"),
            Column(
                "created_at",
                label=_("Aangemeld op"),
                accessor=lambda registration: local_datetime(registration.created_at),
                sort_key="created_at",
            ),
            Column("deadline", label=_("Termijn"), accessor=deadline_label, sort_key="contact_due_at"),
        ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            contact_url_name=self.get_url_name("contact"),
            path_url_name=self.get_url_name("path"),
            assign_url_name=self.get_url_name("assign"),
            **kwargs,
        )

    def construct_action_view(self, view_class):
        return self.construct_view(
            view_class, **self.get_inspect_view_kwargs(inspect_url_name=self.get_url_name("inspect"))
        )

    @property
    def contact_view(self):
        return self.construct_action_view(RegistrationInteractionView)

    @property
    def path_view(self):
        return self.construct_action_view(RegistrationPathView)

    @property
    def assign_view(self):
        return self.construct_action_view(RegistrationAssignView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("contact/<int:pk>/", self.contact_view, name="contact"),
            path("fase/<int:pk>/", self.path_view, name="path"),
            path("toewijzen/<int:pk>/", self.assign_view, name="assign"),
        ]

    def register_admin_url_finder(self):
        finder = type(
            "RegistrationURLFinder",
            (ModelAdminURLFinder,),
            {
                "permission_policy": self.permission_policy,
                "edit_url_name": self.get_url_name("inspect"),
            },
        )
        register_admin_url_finder(self.model, finder)


class RegionAssignmentViewSet(ModelViewSet):
    """Which staff member follows up which regions (administrators only: it needs a permission on the model)."""

    model = RegionAssignment
    name = "regiotoewijzingen"
    icon = "user"
    menu_label = _("Regiotoewijzingen")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    form_fields = ["user", "regions"]
    list_display = [
        "user",
        Column(
            "regions", label=_("Regio's"), accessor=lambda obj: ", ".join(region.name for region in obj.regions.all())
        ),
    ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        RegistrationViewSet(),
        RegionAssignmentViewSet(),
        StopReasonViewSet(),
        StaffAbsenceViewSet(),
        RegionFollowUpViewSet(),
        EventSignUpViewSet(),
    ]


@hooks.register("construct_homepage_panels")
def add_registrations_panel(request, panels):
    if can_see_registrations(request.user):
        panels.append(RegistrationsPanel(request.user))


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls()


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return report_menu_item()


@hooks.register("register_reports_menu_item")
def register_event_figures_menu_item():
    return figures_menu_item()


from .hybrid import wagtail_hooks as hybrid_wagtail_hooks  # noqa: E402, F401 (registers the hybride match admin)
