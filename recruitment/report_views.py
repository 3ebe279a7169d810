"""The coordinators' report in the Wagtail admin ("Rapportage opvolging"): the figures of ``report.py`` per month,
per region, the funnel, the reasons to stop and the channels, each as a chart (server-rendered SVG by pygal, shown as
an image with a text alternative) beside an HTML table with the same numbers; and the same figures as a spreadsheet
for the regional partners (XLSX, and CSV for Dutch Excel). Only for users who may see registrations, limited to
their regions."""

import base64
import csv
import io
import math
import re
from datetime import date

import pygal
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from pygal.style import Style

from django import forms
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_views import CSV_FORMULA_PREFIXES, can_see_registrations
from .models import FUNNEL_PHASES, Channel
from .report import MAX_MONTHS, NO_REGION, THRESHOLDS, Figures, Period, add_months, build_report, visible_regions

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
NO_REASON = "Geen reden vastgelegd"


# Numbers as staff read them (Dutch: 1.234 and 66,7).


def whole(value):
    return number_format(value, force_grouping=True)


def percent(share):
    if share.percentage is None:
        return None
    return f"{number_format(round(share.percentage), force_grouping=True)}%"


def share_text(share):
    if share.percentage is None:
        return "nog niets te meten"
    return f"{percent(share)} ({whole(share.met)} van {whole(share.decided)})"


def plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


def duration_text(duration):
    """A median wait in Dutch words: "45 minuten", "5 uur", "2 dagen en 3 uur"."""
    if duration is None:
        return "nog geen contact"
    minutes = round(duration.total_seconds() / 60)
    if minutes < 60:
        return plural(minutes, "minuut", "minuten")
    hours = round(minutes / 60)
    if hours < 24:
        return f"{hours} uur"
    days, hours = divmod(hours, 24)
    text = plural(days, "dag", "dagen")
    return f"{text} en {hours} uur" if hours else text


def month_text(month):
    return date_format(month, "F Y")


def region_text(name):
    return name or NO_REGION


# The filter: region, from month, to month.


def parse_month(value):
    match = MONTH_PATTERN.match(value or "")
    if not match:
        raise forms.ValidationError("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01.")
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise forms.ValidationError("Dit is geen bestaande maand.")
    return date(year, month, 1)


class MonthInput(forms.TextInput):
    input_type = "month"


class ReportFilterForm(forms.Form):
    regio = forms.TypedChoiceField(label="Regio", required=False, coerce=int, empty_value=None)
    van = forms.CharField(label="Van maand", widget=MonthInput, help_text="Als jjjj-mm, bijvoorbeeld 2026-01.")
    tot = forms.CharField(label="Tot en met maand", widget=MonthInput, help_text="Als jjjj-mm.")

    def __init__(self, data, *, regions, default):
        self.default = default
        initial = {"van": f"{default.first:%Y-%m}", "tot": f"{default.last:%Y-%m}"}
        super().__init__({**initial, **{key: value for key, value in data.items() if value}}, initial=initial)
        self.fields["regio"].choices = [("", "Alle regio's"), *regions]

    def clean_van(self):
        return parse_month(self.cleaned_data["van"])

    def clean_tot(self):
        return parse_month(self.cleaned_data["tot"])

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("van"), cleaned.get("tot")
        if first and last:
            if first > last:
                raise forms.ValidationError("De eerste maand ligt na de laatste.")
            if add_months(first, MAX_MONTHS) <= last:
                raise forms.ValidationError(f"Kies hoogstens {MAX_MONTHS} maanden.")
        return cleaned

    @property
    def period(self):
        if self.is_valid():
            return Period(self.cleaned_data["van"], self.cleaned_data["tot"])
        return self.default

    @property
    def region_id(self):
        return self.cleaned_data.get("regio") if self.is_valid() else None


# Charts: SVG from pygal, no scripts, shown as <img src="data:..."> (the admin's img-src allows data:).

CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#262626",
    foreground_strong="#000000",
    foreground_subtle="#595959",
    colors=("#00676a", "#8c3b00", "#3d3d9e"),
    font_family="system-ui, -apple-system, 'Segoe UI', Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    value_label_font_size=13,
    tooltip_font_size=13,
    opacity=1,
    opacity_hover=1,
)


SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def chart_uri(chart):
    """The chart as a data: URI. pygal always writes its tooltip configuration as a script; an image never runs
    scripts, and this one is left out all the same."""
    svg = SCRIPT.sub("", chart.render(is_unicode=True)).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def whole_ticks(values, most=6):
    """Whole-number ticks for the value axis, 1, 2 or 5 times a power of ten apart (counts are never 0,2)."""
    top = max([*values, 1])
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(top / step) <= most:
                return list(range(0, math.ceil(top / step) * step + 1, step))
        magnitude *= 10


def chart_options(**options):
    return {
        "style": CHART_STYLE,
        "js": [],  # pygal's default loads a tooltip script from the internet
        "show_legend": False,
        "print_values": True,
        "print_values_position": "top",
        "print_zeroes": False,
        "truncate_label": -1,
        "value_formatter": whole,
        "width": 800,
        "height": 340,
        "margin": 16,
        "no_data_text": "Geen aanmeldingen",
        "include_x_axis": True,
        "disable_xml_declaration": True,
        **options,
    }


def bar_chart(labels, values, *, horizontal=False, **options):
    chart = (pygal.HorizontalBar if horizontal else pygal.Bar)(**chart_options(y_labels=whole_ticks(values), **options))
    if horizontal:  # pygal draws the first label at the bottom: read from the top down
        labels, values = labels[::-1], values[::-1]
    chart.x_labels = [str(label) for label in labels]
    chart.add("", values)
    return chart_uri(chart)


# The report page.


class FollowUpReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Rapportage opvolging"
    header_icon = "table"
    template_name = "recruitment/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_registrations(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        regions, _sees_all = visible_regions(request.user)
        self.form = ReportFilterForm(request.GET, regions=regions, default=Period.last_twelve_months())
        self.report = build_report(request.user, self.form.period, self.form.region_id)
        export = request.GET.get("export")
        if export in EXPORTS:
            return EXPORTS[export](self.report)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        report = self.report
        total = report.total
        months = report.month_rows()
        query = self.request.GET.copy()
        query.pop("export", None)
        export_url = {kind: f"?{query.urlencode()}&export={kind}" if query else f"?export={kind}" for kind in EXPORTS}
        return super().get_context_data(
            form=self.form,
            report=report,
            period_text=f"{month_text(report.period.first)} tot en met {month_text(report.period.last)}",
            region_text=region_text(report.regions[0][1]) if self.form.region_id else "alle regio's die je mag zien",
            thresholds=[label for _key, label in THRESHOLDS],
            month_rows=[(month_text(month), figure_cells(figures)) for month, figures in months],
            region_rows=[(region_text(name), figure_cells(figures)) for name, figures in report.region_rows()],
            total_cells=figure_cells(total),
            funnel_rows=[
                (phase.label, whole(count), percent_of(count, total.registrations)) for phase, count in funnel(total)
            ],
            stop_rows=[  # in the admin's order of the reasons, those without one last
                (
                    name or NO_REASON,
                    whole(total.stop_reasons[name]),
                    percent_of(total.stop_reasons[name], total.stopped),
                )
                for name in report.stop_reason_names
            ],
            stopped=whole(total.stopped),
            channel_rows=[
                (channel.label, whole(count), percent_of(count, total.registrations))
                for channel, count in total.channels.items()
            ],
            months_chart=bar_chart(
                [f"{date_format(month, 'M').lower()} '{month:%y}" for month, _figures in months],
                [figures.registrations for _month, figures in months],
                x_label_rotation=-45 if len(months) > 12 else 0,
            ),
            funnel_chart=bar_chart(
                [phase.label for phase, _count in funnel(total)], [n for _p, n in funnel(total)], horizontal=True
            ),
            channels_chart=bar_chart(
                [channel.label for channel in total.channels], list(total.channels.values()), horizontal=True
            ),
            export_url=export_url,
            **kwargs,
        )


def funnel(figures):
    return [(phase, figures.funnel[phase]) for phase in FUNNEL_PHASES]


def percent_of(count, whole_count):
    return f"{number_format(round(100 * count / whole_count))}%" if whole_count else "–"


def figure_cells(figures):
    """One row of the month and region tables, as staff read it."""
    return [
        whole(figures.registrations),
        duration_text(figures.median_wait) if figures.contacted else "nog geen contact",
        *(share_text(figures.within[key]) for key, _label in THRESHOLDS),
        whole(figures.overdue),
    ]


# The export: the same figures, one row per region and month, then per region, per month and in total.


def export_headings(report):
    headings = ["Regio", "Maand", "Aanmeldingen", "Eerste contact gehad", "Mediane tijd tot eerste contact (uren)"]
    for _key, label in THRESHOLDS:
        headings += [f"{label}: aantal", f"{label}: te meten", f"{label} (%)"]
    headings.append("Nu te laat (wacht op eerste contact)")
    headings += [f"Fase bereikt: {phase.label}" for phase in FUNNEL_PHASES]
    headings.append("Gestopt")
    headings += [f"Gestopt: {name or NO_REASON}" for name in report.stop_reason_names]
    headings += [f"Kanaal: {channel.label}" for channel in Channel]
    return headings


def export_values(report, figures):
    hours = figures.median_wait.total_seconds() / 3600 if figures.median_wait is not None else None
    values = [figures.registrations, figures.contacted, None if hours is None else round(hours, 1)]
    for key, _label in THRESHOLDS:
        share = figures.within[key]
        values += [share.met, share.decided, None if share.percentage is None else round(share.percentage, 1)]
    values.append(figures.overdue)
    values += [figures.funnel[phase] for phase in FUNNEL_PHASES]
    values.append(figures.stopped)
    values += [figures.stop_reasons.get(name, 0) for name in report.stop_reason_names]
    values += [figures.channels[channel] for channel in Channel]
    return values


def export_rows(report):
    """(region, month, figures) in the order of the export."""
    every_month, every_region = "Alle maanden", "Alle regio's"
    for region_id, name in report.regions:
        for month in report.period.months:
            figures = report.by_region_month.get((region_id, month)) or Figures()
            yield region_text(name), month_text(month), figures
        yield region_text(name), every_month, report.by_region.get(region_id) or Figures()
    for month, figures in report.month_rows():
        yield every_region, month_text(month), figures
    yield every_region, every_month, report.total


def export_filename(report, extension):
    return f"rapportage-opvolging-{report.period.first:%Y-%m}-tot-en-met-{report.period.last:%Y-%m}.{extension}"


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def safe_text(value):
    """A name staff typed must not run as a spreadsheet formula."""
    return "'" + value if isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES) else value


def dutch_number(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return number_format(value, decimal_pos=1)
    return value


def export_csv(report):
    """Semicolon-separated UTF-8 with a byte order mark and decimal commas: what Dutch Excel opens as it is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_text(heading) for heading in export_headings(report))
    for region, month, figures in export_rows(report):
        writer.writerow([safe_text(region), month, *(dutch_number(value) for value in export_values(report, figures))])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    return attachment(response, export_filename(report, "csv"))


def export_xlsx(report):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Rapportage opvolging")

    def text_cell(value, bold=False):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever a name starts with
        if bold:
            cell.font = Font(bold=True)
        return cell

    sheet.append([text_cell(heading, bold=True) for heading in export_headings(report)])
    for region, month, figures in export_rows(report):
        sheet.append([text_cell(region), text_cell(month), *export_values(report, figures)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return attachment(response, export_filename(report, "xlsx"))


EXPORTS = {"xlsx": export_xlsx, "csv": export_csv}


# Registered by wagtail_hooks.py.


class FollowUpReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registrations(request.user)


def report_urls():
    return [path("rapportage-opvolging/", FollowUpReportView.as_view(), name="recruitment_report")]


def report_menu_item():
    return FollowUpReportMenuItem(
        _("Rapportage opvolging"),
        reverse("recruitment_report"),
        name="rapportage-opvolging",
        icon_name="table",
        order=151,
    )
