"""Event sign-ups in the Wagtail admin, read only: for the recruitment staff (who may see registrations), never for
editors. Staff limited to regions see the sign-ups of events for their regions and of events for every region.
The listing exports to Dutch Excel (one event's export has a column per question asked); beside it, the events in
figures and the mailing to an event's attendees."""

import django_filters

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.coreutils import multigetattr

from content.models import EventPage

from .admin_views import EMPTY, RegistrationIndexView, StaffReadOnlyViewSetMixin, display_value, local_datetime
from .event_mailing import EventMailingView
from .event_report import EventFiguresView, events_for
from .models import EventSignUp, SignUpStatus

ANSWER_PREFIX = "answer_"  # an export column per question: answer_<question pk>


def sign_ups_for(user):
    return EventSignUp.objects.select_related("event").filter(event__in=events_for(user).values("pk"))


def events_with_sign_up(user):
    """The events whose sign-ups the user may see, that have (or had) sign-up: the listing's choice of event."""
    sign_ups = EventSignUp.objects.filter(event=OuterRef("pk"))
    return events_for(user).filter(Q(signup_enabled=True) | Exists(sign_ups)).order_by("-start_date", "-pk")


class EventChoiceField(forms.ModelChoiceField):
    """An event by its title and date: a monthly information evening has the same title every time."""

    def label_from_instance(self, event):
        return f"{event.title} ({date_format(event.start_date, 'j F Y')})"


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class EventSignUpFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SignUpStatus.choices, empty_label=_("Alle"))
    event = EventFilter(label=_("Evenement"), queryset=EventPage.objects.none(), empty_label=_("Alle"))
    aanwezig = django_filters.ChoiceFilter(
        label=_("Aanwezig"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        empty_label=_("Alle"),
        method="filter_attended",
    )

    class Meta:
        model = EventSignUp
        fields = ["status", "event", "aanwezig"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Fails closed: without a request there is no user to show events to.
        self.filters["event"].queryset = events_with_sign_up(request.user) if request else EventPage.objects.none()

    def filter_attended(self, queryset, name, value):
        return queryset.filter(attended_at__isnull=(value != "ja"))


class EventSignUpIndexView(RegistrationIndexView):
    """The sign-ups the user may see, exported as the registrations are (Dutch Excel, CSV with semicolons, local
    times, never a formula). Filtered to one event, the export is that event's, with a column per question."""

    def get_base_queryset(self):
        return sign_ups_for(self.request.user)

    @cached_property
    def chosen_event(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    @cached_property
    def questions(self):
        return list(self.chosen_event.questions.all()) if self.chosen_event else []

    @cached_property
    def header_more_buttons(self):
        buttons = [
            *super().header_more_buttons,
            Button(
                _("Evenementen in cijfers"),
                url=reverse("evenementaanmeldingen:figures"),
                icon_name="date",
                priority=110,
            ),
        ]
        if self.chosen_event:
            mailing_url = reverse("evenementaanmeldingen:mailing", args=[self.chosen_event.pk])
            buttons.append(Button(_("Bericht aan de deelnemers"), url=mailing_url, icon_name="mail", priority=120))
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        answers = {f"{ANSWER_PREFIX}{question.pk}": question.text for question in self.questions}
        self.list_export = [*self.list_export, *answers]
        self.export_headings = {**self.export_headings, **answers}
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        given = item.answers if isinstance(item.answers, dict) else {}
        return {
            field: given.get(field.removeprefix(ANSWER_PREFIX), "")
            if field.startswith(ANSWER_PREFIX)
            else multigetattr(item, field)
            for field in self.list_export
        }

    def get_filename(self):
        return f"aanmeldingen-{self.chosen_event.slug}" if self.chosen_event else self.export_filename


class EventSignUpInspectView(InspectView):
    """One sign-up as staff read it: local times, "Ja"/"Nee", a dash for nothing, and each answer after its
    question."""

    def get_object(self, queryset=None):
        return get_object_or_404(sign_ups_for(self.request.user), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        return display_value(super().get_field_display_value(field_name, field))

    def get_answers_display_value(self):
        given = self.object.answers if isinstance(self.object.answers, dict) else {}
        questions = {str(question.pk): question.text for question in self.object.event.questions.all()}
        answered = [(questions.get(key, _("Vraag die niet meer bestaat")), answer) for key, answer in given.items()]
        return "; ".join(f"{question}: {answer}" for question, answer in answered if answer) or EMPTY


class EventSignUpViewSet(StaffReadOnlyViewSetMixin, ModelViewSet):
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
        "attended_at",
        "walk_in",
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
        Column("attended", label=_("Aanwezig"), accessor=lambda sign_up: _("Ja") if sign_up.attended else _("Nee")),
        Column(
            "created_at",
            label=_("Aangemeld op"),
            accessor=lambda sign_up: local_datetime(sign_up.created_at),
            sort_key="created_at",
        ),
    ]
    export_filename = "aanmeldingen-evenementen"
    list_export = [
        "event",
        "event.start_date",
        "name",
        "email",
        "phone",
        "get_status_display",
        "attended",
        "walk_in",
        "created_at",
        "needs",
    ]
    export_headings = {
        "event": _("Evenement"),
        "event.start_date": _("Datum evenement"),
        "name": _("Naam"),
        "email": _("E-mailadres"),
        "phone": _("Telefoonnummer"),
        "get_status_display": _("Status"),
        "attended": _("Aanwezig"),
        "walk_in": _("Binnengelopen"),
        "created_at": _("Aangemeld op"),
        "needs": _("Nodig om mee te doen"),
    }

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("cijfers/", EventFiguresView.as_view(), name="figures"),
            path("bericht/<int:event_pk>/", EventMailingView.as_view(), name="mailing"),
        ]
