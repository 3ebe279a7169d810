"""The staff side in the Wagtail admin: the registrations list (filters, search, CSV export), the detail view with
the follow-up log and the "contact" action, and the dashboard panel."""

import codecs
import csv
from datetime import date, datetime, timedelta

import django_filters

from django.contrib import messages
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter
from wagtail.admin.widgets import Button
from wagtail.permissions import ModelPermissionPolicy

from routes.models import Region

from .forms import ContactForm
from .models import Phase, RegionAssignment, Registration, Status
from .registrant import hide_personal_page_tokens
from .services import log_contact

# What a read-only ModelViewSet hands its views as None: no add, edit, delete, copy, history or usage buttons.
READ_ONLY_URL_NAMES = (
    "add_url_name",
    "edit_url_name",
    "delete_url_name",
    "copy_url_name",
    "history_url_name",
    "usage_url_name",
)

CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Dutch Excel reads a CSV file as UTF-8 only with a byte-order mark, and splits columns on semicolons.
CSV_DELIMITER = ";"
CSV_BYTE_ORDER_MARK = codecs.BOM_UTF8
EMPTY = "—"
# Never shown in the admin: whoever reads the withdrawal token can withdraw the registration.
SECRET_FIELDS = ("withdrawal_token",)
# What the registration's page shows, in this order.
INSPECT_FIELDS = [
    "name",
    "email",
    "phone",
    "contact_preference",
    "language",
    "postcode",
    "region",
    "situation",
    "education",
    "experience_years",
    "routes",
    "roles",
    "message",
    "status",
    "phase",
    "assigned_to",
    "next_action_on",
    "channel",
    "referrer_path",
    "event",
    "previous",
    "created_at",
    "contact_due_at",
    "contacted_at",
    "closed_at",
    "withdrawn_at",
    "erased_at",
    "last_activity_at",
    "notified_at",
    "confirmed_at",
    "consent_version",
    "consented_at",
]


def local_datetime(value):
    """A moment as staff read it everywhere (list, page, export, e-mails): the wall-clock time in Europe/Amsterdam."""
    return date_format(timezone.localtime(value), "j F Y, H:i") if value else EMPTY


def display_value(value):
    """A value as staff read it: local times, dates in words, "Ja"/"Nee", and a dash for nothing."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, datetime):
        return local_datetime(value)
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return value


def registration_permissions():
    return ModelPermissionPolicy(Registration)


def can_see_registrations(user):
    return registration_permissions().user_has_any_permission(user, ["view", "change"])


class StaffReadOnlyViewSetMixin:
    """For a ``ModelViewSet`` of what staff read but never add, edit or delete here (registrations, sign-ups): who may
    see registrations may see it (the recruitment staff group, and superusers), and its views have no add, edit,
    delete, copy, history or usage buttons."""

    @property
    def permission_policy(self):
        return registration_permissions()

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(dict.fromkeys(READ_ONLY_URL_NAMES))
        return view_kwargs


def deadline_label(registration, now=None):
    """The contact deadline in words, so it never depends on colour alone."""
    if registration.status != Status.NEW:
        return registration.get_status_display()
    now = now or timezone.now()
    days = (timezone.localdate(registration.contact_due_at) - timezone.localdate(now)).days
    if registration.is_expired(now):
        return _("Verlopen: %(days)s dagen over de termijn, geen waarschuwingen meer") % {"days": max(-days, 0)}
    if registration.contact_due_at < now:
        late = max(-days, 0)
        return _("Te laat: %(days)s dagen over de termijn") % {"days": late} if late else _("Te laat: vandaag verlopen")
    if days == 0:
        return _("Vandaag uiterlijk")
    return _("Nog %(days)s dagen") % {"days": days}


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alle"))
    region = django_filters.ModelChoiceFilter(label=_("Regio"), queryset=Region.objects.all(), empty_label=_("Alle"))
    deadline = django_filters.ChoiceFilter(
        label=_("Termijn"),
        empty_label=_("Alle"),
        choices=[
            ("overdue", _("Te laat")),
            ("expired", _("Verlopen (geen waarschuwingen meer)")),
            ("this_week", _("Contact uiterlijk binnen 7 dagen")),
        ],
        method="filter_deadline",
    )
    phase = django_filters.ChoiceFilter(label=_("Fase"), choices=Phase.choices, empty_label=_("Alle"))
    assigned = django_filters.ChoiceFilter(
        label=_("Toegewezen"),
        empty_label=_("Alle"),
        choices=[("me", _("Aan mij")), ("nobody", _("Aan niemand"))],
        method="filter_assigned",
    )
    next_action = django_filters.ChoiceFilter(
        label=_("Volgende actie"),
        empty_label=_("Alle"),
        choices=[("due", _("Vandaag of eerder")), ("week", _("Binnen 7 dagen"))],
        method="filter_next_action",
    )

    class Meta:
        model = Registration
        fields = ["status", "phase", "region", "deadline", "assigned", "next_action"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Fails closed: without a request there is no user to widen the choice for.
        region_ids = RegionAssignment.region_ids_for(request.user) if request else []
        if region_ids is not None:
            self.filters["region"].queryset = Region.objects.filter(pk__in=region_ids)

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assigned_to=self.request.user) if self.request else queryset.none()
        if value == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset

    def filter_next_action(self, queryset, name, value):
        today = timezone.localdate()
        open_ = queryset.filter(status=Status.CONTACTED)
        if value == "due":
            return open_.filter(next_action_on__lte=today)
        if value == "week":
            return open_.filter(next_action_on__gte=today, next_action_on__lt=today + timedelta(days=7))
        return queryset

    def filter_deadline(self, queryset, name, value):
        now = timezone.now()
        if value == "overdue":
            return queryset.overdue(now)
        if value == "expired":
            return queryset.expired(now)
        if value == "this_week":
            week = now + timedelta(days=7)
            return queryset.awaiting_contact().filter(contact_due_at__gte=now, contact_due_at__lt=week)
        return queryset


class RegistrationIndexView(IndexView):
    """Only the registrations of the user's regions (when limited). The export is made for Dutch Excel: XLSX first,
    or CSV with semicolons and a byte-order mark; times in Europe/Amsterdam; what a visitor typed is never a formula.
    """

    def get_base_queryset(self):
        queryset = super().get_base_queryset().for_user(self.request.user).select_related("region", "stop_reason")
        if self.is_export:
            queryset = queryset.prefetch_related("routes")
        return queryset

    @cached_property
    def header_more_buttons(self):
        buttons = [button for button in super().header_more_buttons if button.url not in self.export_urls]
        if self.show_export_buttons:
            buttons += [
                Button(_("Downloaden voor Excel (XLSX)"), url=self.xlsx_export_url, icon_name="download", priority=90),
                Button(_("Downloaden als CSV"), url=self.csv_export_url, icon_name="download", priority=100),
            ]
        return buttons

    @property
    def export_urls(self):
        return (self.xlsx_export_url, self.csv_export_url)

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime):
            value = timezone.localtime(value)  # the wall-clock time the list, the page and the e-mails show
            if export_format == self.FORMAT_XLSX:
                return timezone.make_naive(value)  # a date cell; xlsx has no time zones
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, bool):
            return str(_("Ja") if value else _("Nee"))
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and is_formula(value):
            return "'" + value  # a spreadsheet must not run what a visitor typed as a formula
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if is_formula(cell.value):
                # Wagtail stores it as text already; the quote prefix keeps it text when someone edits the cell.
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell

    def write_xlsx(self, queryset, output):
        """Wagtail's, with the sheet named in Dutch instead of "Sheet1"."""
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=str(_("Aanmeldingen")))
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format))
        workbook.save(output)

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield CSV_BYTE_ORDER_MARK + writer.writerow(headings)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


def is_formula(value):
    return isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES)


class RegistrationInspectView(InspectView):
    """One registration: details, the contact deadline, the follow-up log, the messages sent, and the contact form."""

    template_name = "recruitment/admin/inspect.html"
    contact_url_name = None
    fields = INSPECT_FIELDS

    def get_fields(self):
        # The viewset hands every view its own field list (Wagtail's default is all of them, the token included):
        # whatever it says, a secret field is never shown.
        return [field for field in (self.fields or INSPECT_FIELDS) if field not in SECRET_FIELDS]

    def get_object(self, queryset=None):
        queryset = Registration.objects.for_user(self.request.user).select_related(
            "region", "assigned_to", "stop_reason", "event"
        )
        return get_object_or_404(queryset, pk=self.pk)

    def get_page_title(self):
        return _("Aanmelding")

    def get_field_display_value(self, field_name, field):
        return display_value(super().get_field_display_value(field_name, field))

    def get_roles_display_value(self):
        return ", ".join(self.object.role_labels) or EMPTY

    def get_contact_form(self):
        return ContactForm(registration=self.object)

    def get_sent_messages(self):
        """The messages about this registration. A mail server's error may quote the message it refused, and with it
        the withdrawal link, a resubmission's confirmation link or the personal page's link: their tokens are blanked
        out of what staff read."""
        sent = list(self.object.messages.all())
        if any(message.last_error for message in sent):
            tokens = [self.object.withdrawal_token, *self.object.resubmissions.values_list("token", flat=True)]
            for message in sent:
                for token in filter(None, tokens):
                    message.last_error = message.last_error.replace(token, "[verborgen]")
                message.last_error = hide_personal_page_tokens(message.last_error)  # not stored: known by their form
        return sent

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        can_log = registration.status != Status.WITHDRAWN and self.user_has_permission_for_instance(
            "change", registration
        )
        context.update(
            registration=registration,
            deadline=deadline_label(registration),
            follow_ups=registration.follow_ups.all(),
            sent_messages=self.get_sent_messages(),
            contact_form=(kwargs.get("contact_form") or self.get_contact_form()) if can_log else None,
            contact_url=reverse(self.contact_url_name, args=[registration.pk]) if can_log else None,
        )
        return context


class RegistrationContactView(RegistrationInspectView):
    """POST: log a contact (who, when, how, note) and stop the reminders."""

    any_permission_required = None
    permission_required = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ContactForm(request.POST, registration=self.object)
        if self.object.status == Status.WITHDRAWN:
            messages.error(request, _("Deze aanmelding is ingetrokken en kan niet meer worden opgevolgd."))
            return redirect(self.inspect_url)
        if not form.is_valid():
            messages.error(request, _("Het contact is niet vastgelegd. Verbeter de fouten hieronder."))
            return self.render_to_response(self.get_context_data(contact_form=form))
        data = form.cleaned_data
        log_contact(
            self.object,
            user=request.user,
            contacted_at=data["contacted_at"],
            method=data["method"],
            note=data["note"],
            status_after=data["status_after"],
        )
        messages.success(
            request, _("Contact vastgelegd. Er gaan geen herinneringen meer uit voor %(name)s.") % {"name": self.object}
        )
        return redirect(self.inspect_url)

    @property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    inspect_url_name = None


LOOK_UP_REGIONS = object()  # RegistrationsPanel.rows() called without region ids looks up the user's own


class RegistrationsPanel(Component):
    """Dashboard: per region, open registrations (awaiting first contact: whoever was contacted is no longer open
    here), overdue now, and the share contacted within the deadline over the last 90 days. Two queries, however many
    regions."""

    name = "registrations"
    order = 50
    template_name = "recruitment/admin/dashboard_panel.html"
    window_days = 90

    def __init__(self, user):
        self.user = user

    @staticmethod
    def counts(prefix, now, window_start):
        """Conditional counts over registrations, reached through ``prefix`` ("registrations__" from a region)."""

        def q(**lookups):
            return Q(**{prefix + key: value for key, value in lookups.items()})

        def f(name):
            return F(prefix + name)

        target = prefix.removesuffix("__") or "pk"
        in_window = q(created_at__gte=window_start)
        on_time = in_window & q(contacted_at__lte=f("contact_due_at"))
        # Withdrawn before the deadline without contact is not a broken promise.
        not_withdrawn_in_time = q(withdrawn_at__isnull=True) | q(withdrawn_at__gte=f("contact_due_at"))
        never_contacted_in_time = q(contacted_at__isnull=True, contact_due_at__lt=now) & not_withdrawn_in_time
        late = in_window & (q(contacted_at__gt=f("contact_due_at")) | never_contacted_in_time)
        return {
            "open": Count(target, filter=q(status=Status.NEW, contacted_at__isnull=True)),
            "overdue": Count(target, filter=q(status=Status.NEW, contact_due_at__lt=now)),
            "on_time": Count(target, filter=on_time),
            "late": Count(target, filter=late),
        }

    def rows(self, region_ids=LOOK_UP_REGIONS):
        """One row per region the user may see (none when they are limited to no region at all)."""
        now = timezone.now()
        window_start = now - timedelta(days=self.window_days)
        if region_ids is LOOK_UP_REGIONS:
            region_ids = RegionAssignment.region_ids_for(self.user)
        regions = Region.objects.order_by("name")
        if region_ids is not None:
            regions = regions.filter(pk__in=region_ids)
        rows = [
            {
                "name": region.name,
                "open": region.open,
                "overdue": region.overdue,
                "on_time": region.on_time,
                "late": region.late,
            }
            for region in regions.annotate(**self.counts("registrations__", now, window_start))
        ]
        if region_ids is None:
            unassigned = Registration.objects.filter(region__isnull=True).aggregate(
                **self.counts("", now, window_start)
            )
            if any(unassigned.values()):
                rows.append({"name": _("Zonder regio"), **unassigned})
        for row in rows:
            decided = row["on_time"] + row["late"]
            row["decided"] = decided
            row["share"] = round(100 * row["on_time"] / decided) if decided else None
        return rows

    def get_context_data(self, parent_context):
        region_ids = RegionAssignment.region_ids_for(self.user)
        rows = self.rows(region_ids)
        total = {key: sum(row[key] for row in rows) for key in ("open", "overdue", "on_time", "late", "decided")}
        total["share"] = round(100 * total["on_time"] / total["decided"]) if total["decided"] else None
        return {
            "rows": rows,
            "total": total,
            "window_days": self.window_days,
            "no_regions": region_ids == [],
            "index_url": reverse("registrations:index"),
            "today": date_format(timezone.localdate(), "j F Y"),
        }
