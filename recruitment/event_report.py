"""Events in figures ("Evenementen in cijfers"): per event with sign-up, how many signed up, waited, cancelled, came
(and of those, walked in), stayed away, and registered with the regional desk afterwards. One query for every
event shown, however many there are. Only for users who may see registrations; staff limited to regions see the
events of their regions and the events for every region (an event without regions), as in the sign-up listing."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.fields import DateTimeField, IntegerField, TextField, TimeField
from django.db.models.functions import Cast, Coalesce, Lower, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content.models import EventPage
from content.models.events import EVENT_TIME_ZONE

from .admin_views import can_see_registrations
from .models import EventSignUp, RegionAssignment, Registration, SignUpStatus
from .report import visible_regions

PERIOD_DAYS = 365  # shown unless staff choose otherwise: the events of the past year and every one to come


def events_for(user):
    """The events a staff member may see the sign-ups of: every event, or, when they are limited to regions, the
    events for one of those regions and the events for every region (no regions chosen)."""
    events = EventPage.objects.all()
    region_ids = RegionAssignment.region_ids_for(user)
    if region_ids is None:
        return events
    through = EventPage._meta.get_field("regions").remote_field.through
    return events.filter(
        Exists(through.objects.filter(eventpage=OuterRef("pk"), region__in=region_ids))
        | ~Exists(through.objects.filter(eventpage=OuterRef("pk")))
    )


class EventStart(Func):
    """``EventPage.starts_at`` in SQL: the start date and time (midnight without one) read in Amsterdam."""

    template = f"((%(expressions)s) AT TIME ZONE '{EVENT_TIME_ZONE.key}')"
    arg_joiner = " + "
    output_field = DateTimeField()

    def __init__(self):
        super().__init__(F("start_date"), Coalesce(F("start_time"), Value(dt.time(0)), output_field=TimeField()))


class CountDistinct(Func):
    """How many different values a subquery holds, as a value of the outer query: unlike ``Count``, not an aggregate
    to Django, so the subquery has no GROUP BY and gives one row, always a number."""

    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def registered_afterwards():
    """The people who registered with the regional desk at or after the event's start (``created_at`` at or after
    ``EventPage.starts_at``) through this event. A registration is through the event when

    - it names the event as where it came from (``Registration.event``, set by attribution), or
    - a sign-up of the event that was attended was matched with it (``EventSignUp.registration``), or
    - its address is (case-insensitively) the address of a sign-up of the event that was attended.

    Registrations made before the event's start never count, however they are linked. A person counts once: one
    registration linked in more ways is one, and two registrations with the same address (registered, withdrawn,
    registered again) are one person. An erased registration (withdrawn or past the retention period: no address
    left) still happened: it counts, on its own, when attribution or a matched sign-up links it; an empty address
    never matches anything (a walk-in without an address, another erased registration). Every registration counts,
    whichever region it went to: a region-limited staff member sees a number, not who it is."""
    # Each way as a set PostgreSQL builds once per event (a hashed subplan), not a lookup per registration.
    attended = EventSignUp.objects.filter(event_id=OuterRef(OuterRef("pk")), attended_at__isnull=False)
    linked = (
        Q(event_id=OuterRef("pk"))
        | Q(pk__in=attended.filter(registration__isnull=False).values("registration_id"))
        | Q(address__in=attended.exclude(email="").values(address=Lower("email")))
    )
    person = Coalesce(NullIf("address", Value("")), Cast("pk", TextField()))  # an erased one is someone of its own
    return Subquery(
        Registration.objects.annotate(address=Lower("email"))
        .filter(linked, created_at__gte=OuterRef("starts"))
        .order_by()
        .annotate(people=CountDistinct(person))
        .values("people"),
        output_field=IntegerField(),
    )


def sign_up_counts():
    """Per event, from its sign-ups. "Aangemeld" is who had a place (confirmed) through the form: a walk-in, added
    at the door, is counted among those present only."""

    def count(**lookups):
        return Count("sign_ups", filter=Q(**{f"sign_ups__{key}": value for key, value in lookups.items()}))

    return {
        "confirmed": count(status=SignUpStatus.CONFIRMED, walk_in=False),
        "waiting": count(status=SignUpStatus.WAITING),
        "cancelled": count(status=SignUpStatus.CANCELLED),
        "attended": count(attended_at__isnull=False),
        "walk_ins": count(attended_at__isnull=False, walk_in=True),
        "absent": count(status=SignUpStatus.CONFIRMED, walk_in=False, attended_at__isnull=True),
    }


@dataclass
class EventFigures:
    event: EventPage
    confirmed: int
    waiting: int
    cancelled: int
    attended: int
    walk_ins: int
    absent: int | None  # None until the event's day is over: nobody stayed away yet
    registered: int


def event_figures(user, first=None, last=None, region_id=None, today=None):
    """The figures of the events with sign-up (switched on, or with sign-ups from when it was) the user may see,
    on days from ``first`` up to and including ``last`` (either may be None: no limit), latest first."""
    today = today or timezone.localdate()
    events = events_for(user).filter(Q(signup_enabled=True) | Exists(EventSignUp.objects.filter(event=OuterRef("pk"))))
    if first:
        events = events.filter(start_date__gte=first)
    if last:
        events = events.filter(start_date__lte=last)
    if region_id is not None:
        events = events.filter(EventPage.for_region(region_id))
    events = (
        events.annotate(starts=EventStart(), **sign_up_counts())
        .annotate(registered=registered_afterwards())
        .prefetch_related("regions")
        .order_by("-start_date", "-start_time", "-pk")
    )
    return [
        EventFigures(
            event=event,
            confirmed=event.confirmed,
            waiting=event.waiting,
            cancelled=event.cancelled,
            attended=event.attended,
            walk_ins=event.walk_ins,
            absent=event.absent if event.start_date < today else None,
            registered=event.registered,
        )
        for event in events
    ]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class EventFiguresFilterForm(forms.Form):
    regio = forms.TypedChoiceField(label="Regio", required=False, coerce=int, empty_value=None)
    van = forms.DateField(label="Vanaf datum", required=False, widget=DateInput(), help_text="Bijvoorbeeld 2026-01-31.")
    tot = forms.DateField(label="Tot en met datum", required=False, widget=DateInput(), help_text="Leeg: alles.")

    def __init__(self, data, *, regions, default_first):
        initial = {"van": default_first}
        data = {key: value for key, value in data.items() if key in ("regio", "van", "tot")}
        super().__init__({"van": default_first.isoformat(), **data}, initial=initial)
        self.fields["regio"].choices = [("", "Alle regio's"), *regions]

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("van"), cleaned.get("tot")
        if first and last and first > last:
            raise forms.ValidationError("De eerste datum ligt na de laatste.")
        return cleaned

    def choice(self, default_first):
        """(first, last, region id) as chosen, or the default when the choice is wrong."""
        if self.is_valid():
            return self.cleaned_data["van"], self.cleaned_data["tot"], self.cleaned_data["regio"]
        return default_first, None, None


class StaffPageView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page for who may see registrations (the recruitment staff and superusers); refused to editors."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_registrations(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class EventFiguresView(StaffPageView):
    page_title = "Evenementen in cijfers"
    header_icon = "date"
    template_name = "recruitment/admin/events/figures.html"
    index_url_name = "evenementaanmeldingen:index"
    mailing_url_name = "evenementaanmeldingen:mailing"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def default_first(self):
        return timezone.localdate() - dt.timedelta(days=PERIOD_DAYS)

    def get_context_data(self, **kwargs):
        regions, _sees_all = visible_regions(self.request.user)
        form = EventFiguresFilterForm(self.request.GET, regions=regions, default_first=self.default_first)
        first, last, region_id = form.choice(self.default_first)
        index_url = reverse(self.index_url_name)
        rows = []
        for figures in event_figures(self.request.user, first, last, region_id):
            event = figures.event
            rows.append(
                {
                    "figures": figures,
                    "date": date_format(event.start_date, "j F Y"),
                    "regions": ", ".join(region.name for region in event.regions.all()) or "Alle regio's",
                    "sign_ups_url": f"{index_url}?event={event.pk}",
                    "attendees_url": f"{index_url}?event={event.pk}&aanwezig=ja",
                    "export_url": f"{index_url}?event={event.pk}&export=xlsx",
                    "attendees_export_url": f"{index_url}?event={event.pk}&aanwezig=ja&export=xlsx",
                    "mailing_url": reverse(self.mailing_url_name, args=[event.pk]),
                    # An online event has no door to check in at.
                    "check_in_url": None if event.online else reverse("recruitment:check_in", args=[event.pk]),
                }
            )
        period = f"vanaf {date_format(first, 'j F Y')}" if first else "alle data"
        if last:
            period += f" tot en met {date_format(last, 'j F Y')}"
        return super().get_context_data(
            form=form,
            rows=rows,
            period_text=period,
            **kwargs,
        )


class EventFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registrations(request.user)


def figures_menu_item():
    """In the admin's "Rapporten" menu."""
    return EventFiguresMenuItem(
        "Evenementen in cijfers",
        reverse("evenementaanmeldingen:figures"),
        name="evenementen-in-cijfers",
        icon_name="date",
        order=100,
    )
