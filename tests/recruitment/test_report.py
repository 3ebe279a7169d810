"""The coordinators' report ("Rapportage opvolging"): its figures on hand-made registrations, each expected number
counted again here in plain Python over the rows made (working days through working_days_between); a constant number
of queries for 10 and 10,000 registrations; the export for the regional partners; who may see it; and the dashboard
panel's count of open registrations. Against the real PostgreSQL and the real admin."""

import csv
import io
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment.admin_views import RegistrationsPanel
from recruitment.models import (
    FUNNEL_PHASES,
    Channel,
    FollowUp,
    Phase,
    PhaseChange,
    RegionAssignment,
    Registration,
    Status,
    StopReason,
)
from recruitment.report import Period, build_report
from recruitment.report_views import duration_text
from recruitment.working_days import working_days_between
from routes.models import Region

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db
URL = "/admin/rapportage-opvolging/"
AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 20, 14, 0, tzinfo=AMS)  # a Friday
PERIOD = Period.last_twelve_months(NOW.date())  # December 2025 up to and including November 2026


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


@dataclass
class Row:
    """A registration as made for the test, with everything the expected figures are counted from."""

    region: str
    created: datetime
    contacted: datetime | None = None
    status: str = Status.NEW
    withdrawn: datetime | None = None
    phase: str = Phase.NEW
    changes: list = field(default_factory=list)  # phases it was moved to, in order
    stop_reason: str | None = None
    channel: str = Channel.DIRECT


ROWS = [
    # Friday afternoon, contacted on Tuesday: 4 calendar days, but only 2 working days (the weekend does not count).
    Row(
        "Oost",
        at(2026, 10, 2, 16),
        at(2026, 10, 6),
        Status.CONTACTED,
        phase=Phase.IN_TRAINING,
        changes=[Phase.IN_CONVERSATION, Phase.ORIENTING, Phase.PREPARING, Phase.IN_TRAINING],
        channel=Channel.CAMPAIGN,
    ),
    # Friday before King's Day (Monday 27 April 2026), contacted on Wednesday: 2 working days, not 3.
    Row(
        "Oost",
        at(2026, 4, 24, 11),
        at(2026, 4, 29, 9, 30),
        Status.CONTACTED,
        phase=Phase.IN_CONVERSATION,
        channel=Channel.FINDER,
    ),
    # Christmas Eve, contacted the Monday after Christmas: 1 working day.
    Row(
        "Oost",
        at(2025, 12, 24),
        at(2025, 12, 29, 15),
        Status.CLOSED,
        phase=Phase.STOPPED,
        changes=[Phase.IN_CONVERSATION, Phase.STOPPED],
        stop_reason="Te weinig tijd",
        channel=Channel.EVENT,
    ),
    # Monday, contacted on Thursday: 3 working days (too late for 2), within 7 days. Moved straight to "oriënteert".
    Row(
        "Oost",
        at(2026, 6, 1, 9),
        at(2026, 6, 4, 9),
        Status.CLOSED,
        phase=Phase.STOPPED,
        changes=[Phase.ORIENTING, Phase.STOPPED],
        stop_reason="Salaris",
        channel=Channel.FINDER,
    ),
    # 23:30 on the last day of August (21:30 UTC): an August registration. Contacted after 10 days.
    Row("Oost", at(2026, 8, 31, 23, 30), at(2026, 9, 10), Status.CONTACTED, channel=""),
    # 00:30 on the first of October (still 30 September in UTC): an October registration, never contacted, overdue.
    Row("Oost", at(2026, 10, 1, 0, 30)),
    # Never contacted, overdue.
    Row("Oost", at(2026, 9, 15)),
    # Yesterday: nothing to measure yet, not overdue.
    Row("Oost", at(2026, 11, 19)),
    # Withdrawn the next day without contact: not a broken promise, left out of the shares.
    Row("Oost", at(2026, 7, 6), status=Status.WITHDRAWN, withdrawn=at(2026, 7, 7, 12)),
    # Contacted after six weeks; stopped without a recorded reason.
    Row(
        "Landelijk",
        at(2026, 5, 4),
        at(2026, 6, 15),
        Status.CLOSED,
        phase=Phase.STOPPED,
        changes=[Phase.STOPPED],
        channel=Channel.SITE,
    ),
    # Contacted within the hour.
    Row("Landelijk", at(2026, 10, 5), at(2026, 10, 5, 10, 45), Status.CONTACTED, channel=Channel.ELSEWHERE),
    # A region this staff member may not see.
    Row("West", at(2026, 10, 5), at(2026, 10, 5, 11), Status.CONTACTED, channel=Channel.CAMPAIGN),
    # Before the period.
    Row("Oost", at(2025, 11, 28), at(2025, 11, 28, 12), Status.CONTACTED),
]


def make(rows, regions):
    reasons = {}
    for row in rows:
        reason = None
        if row.stop_reason:
            reason = reasons.get(row.stop_reason) or StopReason.objects.get_or_create(name=row.stop_reason)[0]
            reasons[row.stop_reason] = reason
        registration = RegistrationFactory(
            region=regions[row.region],
            created_at=row.created,
            contacted_at=row.contacted,
            status=row.status,
            withdrawn_at=row.withdrawn,
            phase=row.phase,
            stop_reason=reason,
            channel=row.channel,
            messages=False,
        )
        if row.contacted:
            FollowUp.objects.create(
                registration=registration, contacted_at=row.contacted, method="telefoongesprek", status_after=row.status
            )
        for number, phase in enumerate(row.changes):
            PhaseChange.objects.create(
                registration=registration,
                phase=phase,
                changed_at=(row.contacted or row.created) + timedelta(days=number),
                stop_reason=reason if phase == Phase.STOPPED else None,
            )
    return rows


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def all_regions(regions):
    return {"Oost": regions["east"], "Landelijk": regions["national"], "West": Region.objects.create(name="West")}


@pytest.fixture
def rows(all_regions):
    return make(ROWS, all_regions)


@pytest.fixture
def coordinator(staff_user, all_regions):
    """A staff member limited to Oost and Landelijk (not West)."""
    assignment = RegionAssignment.objects.create(user=staff_user)
    assignment.regions.set([all_regions["Oost"], all_regions["Landelijk"]])
    return staff_user


# What the report should say, counted here without the database.


def month_of(moment):
    return moment.astimezone(AMS).date().replace(day=1)


def local_days_later(moment, days):
    local = moment.astimezone(AMS).replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=AMS)


def share(rows, contacted_in_time, time_up, now):
    """(met, decided): contacted within the time; or not contacted when the time is up, unless withdrawn before."""
    met = missed = 0
    for row in rows:
        if row.contacted is not None:
            if contacted_in_time(row):
                met += 1
            else:
                missed += 1
        elif time_up(row, now) and not (row.withdrawn and not time_up(row, row.withdrawn)):
            missed += 1
    return met, met + missed


def expected(rows, now=NOW):
    contacted = [row for row in rows if row.contacted]
    waits = sorted(row.contacted - row.created for row in contacted)

    def furthest(row):
        steps = [FUNNEL_PHASES.index(phase) for phase in [row.phase, *row.changes] if phase in FUNNEL_PHASES]
        return max(steps, default=0)

    channels = {channel: 0 for channel in Channel}
    for row in rows:
        channels[Channel(row.channel or Channel.DIRECT)] += 1
    reasons = {}
    for row in rows:
        if row.phase == Phase.STOPPED:
            reasons[row.stop_reason or ""] = reasons.get(row.stop_reason or "", 0) + 1
    return {
        "registrations": len(rows),
        "contacted": len(contacted),
        "median_wait": statistics.median(waits) if waits else None,
        "working_days": share(
            rows,
            lambda row: working_days_between(row.created, row.contacted) <= 2,
            lambda row, moment: working_days_between(row.created, moment) > 2,
            now,
        ),
        "days_7": share(
            rows,
            lambda row: row.contacted <= local_days_later(row.created, 7),
            lambda row, moment: moment >= local_days_later(row.created, 7),
            now,
        ),
        "days_30": share(
            rows,
            lambda row: row.contacted <= local_days_later(row.created, 30),
            lambda row, moment: moment >= local_days_later(row.created, 30),
            now,
        ),
        "overdue": sum(row.status == Status.NEW and now > local_days_later(row.created, 30) for row in rows),
        "funnel": [sum(furthest(row) >= step for row in rows) for step in range(len(FUNNEL_PHASES))],
        "stopped": sum(row.phase == Phase.STOPPED for row in rows),
        "channels": channels,
        "stop_reasons": reasons,
    }


def reported(figures):
    return {
        "registrations": figures.registrations,
        "contacted": figures.contacted,
        "median_wait": figures.median_wait,
        **{key: (share.met, share.decided) for key, share in figures.within.items()},
        "overdue": figures.overdue,
        "funnel": [figures.funnel[phase] for phase in FUNNEL_PHASES],
        "stopped": figures.stopped,
        "channels": dict(figures.channels),
        "stop_reasons": dict(figures.stop_reasons),
    }


def in_period(rows, regions=("Oost", "Landelijk")):
    return [row for row in rows if row.region in regions and PERIOD.first <= month_of(row.created) <= PERIOD.last]


class TestFigures:
    def test_every_level_matches_the_rows_counted_by_hand(self, rows, coordinator):
        report = build_report(coordinator, PERIOD, now=NOW)
        visible = in_period(rows)

        assert reported(report.total) == expected(visible)
        assert [name for _pk, name in report.regions] == ["Landelijk", "Oost"]
        for region in ("Oost", "Landelijk"):
            region_id = Region.objects.get(name=region).pk
            assert reported(report.by_region[region_id]) == expected(in_period(rows, [region]))
        for month in PERIOD.months:
            of_month = [row for row in visible if month_of(row.created) == month]
            assert reported(report.by_month.get(month) or _empty()) == expected(of_month), month
            for region in ("Oost", "Landelijk"):
                region_id = Region.objects.get(name=region).pk
                here = [row for row in of_month if row.region == region]
                figures = report.by_region_month.get((region_id, month)) or _empty()
                assert reported(figures) == expected(here), (region, month)

    def test_the_hand_counts_say_what_the_rows_were_made_for(self, rows, coordinator):
        """The independent counts themselves, spelled out: so a mistake in both the report and the counting shows."""
        visible = in_period(rows)
        counts = expected(visible)
        assert counts["registrations"] == 11  # not West, not November 2025
        assert counts["working_days"] == (4, 9)  # weekend, King's Day, Christmas and within the hour met
        assert counts["days_7"] == (5, 9)
        assert counts["days_30"] == (6, 9)
        assert counts["overdue"] == 2
        assert counts["funnel"] == [11, 4, 2, 1, 1, 0]
        assert counts["stop_reasons"] == {"Te weinig tijd": 1, "Salaris": 1, "": 1}

    def test_a_registration_at_half_past_eleven_on_the_last_evening_of_a_month_counts_in_that_month(
        self, rows, coordinator
    ):
        report = build_report(coordinator, PERIOD, now=NOW)
        august, september, october = (PERIOD.first.replace(year=2026, month=m) for m in (8, 9, 10))
        assert report.by_month[august].registrations == 1
        assert report.by_month[september].registrations == 1
        assert report.by_month[october].registrations == 3  # 1 October 00:30, 2 and 5 October (West left out)

    def test_one_region_asked_for_is_all_that_is_counted(self, rows, coordinator, all_regions):
        report = build_report(coordinator, PERIOD, region_id=all_regions["Landelijk"].pk, now=NOW)
        assert reported(report.total) == expected(in_period(rows, ["Landelijk"]))
        assert report.regions == [(all_regions["Landelijk"].pk, "Landelijk")]

    def test_without_registrations_every_figure_is_empty(self, coordinator):
        report = build_report(coordinator, PERIOD, now=NOW)
        assert reported(report.total) == expected([])


def _empty():
    from recruitment.report import Figures

    return Figures()


def test_waits_read_in_dutch():
    assert duration_text(None) == "nog geen contact"
    assert duration_text(timedelta(minutes=45)) == "45 minuten"
    assert duration_text(timedelta(minutes=1)) == "1 minuut"
    assert duration_text(timedelta(hours=5, minutes=10)) == "5 uur"
    assert duration_text(timedelta(days=1)) == "1 dag"
    assert duration_text(timedelta(days=3, hours=4, minutes=20)) == "3 dagen en 4 uur"


# The page, its queries, the export and who may see it.


@pytest.mark.usefixtures("frozen_clock")
class TestPage:
    def test_the_page_shows_the_figures_of_the_regions_the_user_may_see(self, client, rows, coordinator):
        client.force_login(coordinator)
        response = client.get(URL)
        assert response.status_code == 200
        html = response.content.decode()
        counts = expected(in_period(rows))
        assert "Rapportage opvolging" in html
        assert "december 2025 tot en met november 2026" in html
        met, decided = counts["working_days"]
        assert f"{round(100 * met / decided)}% ({met} van {decided})" in html
        assert "West" not in html
        assert 'src="data:image/svg+xml;base64,' in html
        assert html.count("<caption>") == 5
        reasons = [
            html.index(f'scope="row">{name}</th>') for name in ("Salaris", "Te weinig tijd", "Geen reden vastgelegd")
        ]
        assert reasons == sorted(reasons), "in the admin's order (by name when equal), without a reason last"

    def test_the_charts_carry_no_script_and_the_same_numbers(self, client, rows, coordinator):
        import base64
        import re

        client.force_login(coordinator)
        html = client.get(URL).content.decode()
        charts = [
            base64.b64decode(data).decode() for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
        ]
        assert len(charts) == 3
        assert all("<script" not in chart and "kozea.github.io" not in chart for chart in charts)
        assert "Aan het werk" in charts[1] and "Routewijzer" in charts[2]
        counts = expected(in_period(rows))

        def printed(chart):  # the numbers written on the bars (a zero bar has none)
            return sorted(int(value) for value in re.findall(r'class="value">([\d.]+)</text>', chart))

        by_month = [len([row for row in in_period(rows) if month_of(row.created) == month]) for month in PERIOD.months]
        assert printed(charts[0]) == sorted(count for count in by_month if count)
        assert printed(charts[1]) == sorted(count for count in counts["funnel"] if count)
        assert printed(charts[2]) == sorted(count for count in counts["channels"].values() if count)

    def test_the_number_of_queries_does_not_grow_with_the_registrations(self, client, coordinator, all_regions):
        client.force_login(coordinator)
        make(
            [Row("Oost", at(2026, 3, 2), at(2026, 3, 3), Status.CONTACTED, changes=[Phase.IN_CONVERSATION])] * 10,
            all_regions,
        )
        client.get(URL)  # warm up: sessions, content types
        with CaptureQueriesContext(connection) as few:
            assert client.get(URL).status_code == 200
        many_rows = []
        for index in range(9_990):
            created = NOW - timedelta(days=1 + index % 330, minutes=index)
            many_rows.append(
                Registration(
                    region=all_regions["Oost" if index % 2 else "Landelijk"],
                    created_at=created,
                    contact_due_at=created + timedelta(days=30),
                    contacted_at=created + timedelta(hours=index % 200) if index % 3 else None,
                    status=Status.CONTACTED if index % 3 else Status.NEW,
                    phase=Phase.IN_CONVERSATION if index % 3 else Phase.NEW,
                    channel=list(Channel)[index % len(Channel)],
                    consent_version="2026-1",
                    consented_at=created,
                    email=f"veel-{index}@example.org",
                    withdrawal_token=None,
                )
            )
        created = Registration.objects.bulk_create(many_rows, batch_size=2000)
        PhaseChange.objects.bulk_create(
            [PhaseChange(registration=registration, phase=Phase.IN_CONVERSATION) for registration in created[::3]]
        )
        assert Registration.objects.count() == 10_000
        with CaptureQueriesContext(connection) as lots:
            response = client.get(URL)
        assert response.status_code == 200
        assert len(lots.captured_queries) == len(few.captured_queries), [q["sql"][:80] for q in lots.captured_queries]
        report_queries = [q for q in lots.captured_queries if "recruitment_registration" in q["sql"]]
        assert len(report_queries) == 3  # the counts, the medians at every level, the reasons to stop

    def test_the_export_has_the_figures_in_dutch_without_personal_data(self, client, rows, coordinator):
        client.force_login(coordinator)
        counts = expected(in_period(rows))

        response = client.get(URL + "?export=csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="rapportage-opvolging-2025-12-tot-en-met-2026-11.csv"' in response["Content-Disposition"]
        assert response.content.startswith(b"\xef\xbb\xbf")
        table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        total = next(row for row in table if row["Regio"] == "Alle regio's" and row["Maand"] == "Alle maanden")
        assert int(total["Aanmeldingen"]) == counts["registrations"]
        met, decided = counts["working_days"]
        assert int(total["Binnen 2 werkdagen: aantal"]) == met
        assert int(total["Binnen 2 werkdagen: te meten"]) == decided
        assert total["Binnen 2 werkdagen (%)"] == f"{100 * met / decided:.1f}".replace(".", ",")
        assert int(total["Fase bereikt: Aan het werk"]) == 0
        assert int(total["Gestopt: Te weinig tijd"]) == 1
        assert int(total["Kanaal: Routewijzer"]) == 2
        august = next(row for row in table if row["Regio"] == "Oost" and row["Maand"] == "augustus 2026")
        assert august["Aanmeldingen"] == "1"
        hours = (at(2026, 9, 10) - at(2026, 8, 31, 23, 30)).total_seconds() / 3600
        assert august["Mediane tijd tot eerste contact (uren)"] == f"{hours:.1f}".replace(".", ",")
        assert {row["Regio"] for row in table} == {"Oost", "Landelijk", "Alle regio's"}
        assert len(table) == 2 * 13 + 13

        workbook = client.get(URL + "?export=xlsx")
        assert workbook["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        sheet = load_workbook(io.BytesIO(workbook.content)).active
        values = list(sheet.values)
        headings = values[0]
        assert headings[:3] == ("Regio", "Maand", "Aanmeldingen")
        last = dict(zip(headings, values[-1], strict=True))
        assert (last["Regio"], last["Maand"], last["Aanmeldingen"]) == ("Alle regio's", "Alle maanden", 11)
        assert last["Binnen 30 dagen: aantal"] == counts["days_30"][0]

        text = response.content.decode("utf-8-sig") + repr(values)
        for registration in Registration.objects.all():
            assert registration.email not in text and registration.name not in text

    def test_a_region_named_like_a_formula_stays_text(self, client, all_regions):
        south = Region.objects.create(name="=HYPERLINK(1)")
        make([Row("Zuid", at(2026, 3, 2), phase=Phase.STOPPED, stop_reason="@reden")], {"Zuid": south})
        client.force_login(User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-3"))
        table = list(
            csv.reader(io.StringIO(client.get(URL + "?export=csv").content.decode("utf-8-sig")), delimiter=";")
        )
        assert "'=HYPERLINK(1)" in [row[0] for row in table]
        assert "=HYPERLINK(1)" not in [row[0] for row in table]
        sheet = load_workbook(io.BytesIO(client.get(URL + "?export=xlsx").content)).active
        cells = [row[0] for row in sheet.iter_rows() if row[0].value == "=HYPERLINK(1)"]
        assert cells and all(cell.data_type == "s" for cell in cells)

    def test_filters_narrow_the_months_and_the_region(self, client, rows, coordinator, all_regions):
        client.force_login(coordinator)
        html = client.get(URL, {"regio": all_regions["Oost"].pk, "van": "2026-08", "tot": "2026-10"}).content.decode()
        assert "augustus 2026 tot en met oktober 2026" in html
        assert "juli 2026" not in html
        table = list(
            csv.DictReader(
                io.StringIO(
                    client.get(
                        URL, {"regio": all_regions["Oost"].pk, "van": "2026-08", "tot": "2026-10", "export": "csv"}
                    ).content.decode("utf-8-sig")
                ),
                delimiter=";",
            )
        )
        total = table[-1]
        assert int(total["Aanmeldingen"]) == 4  # 31 August, 15 September, 1 and 2 October
        assert {row["Regio"] for row in table} == {"Oost", "Alle regio's"}

    def test_a_wrong_filter_is_said_and_the_last_twelve_months_shown(self, client, rows, coordinator):
        client.force_login(coordinator)
        html = client.get(URL, {"van": "2026-10", "tot": "2026-02"}).content.decode()
        assert "De eerste maand ligt na de laatste." in html
        assert "december 2025 tot en met november 2026" in html


@pytest.mark.usefixtures("frozen_clock")
class TestPermissions:
    def test_an_editor_is_refused_and_has_no_menu_item(self, client, editor_user, rows):
        client.force_login(editor_user)
        assert "rapportage-opvolging" not in client.get("/admin/").content.decode()
        for url in (URL, URL + "?export=csv", URL + "?export=xlsx"):
            response = client.get(url)
            assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None)), url
            assert b"Aanmeldingen" not in response.content

    def test_anonymous_visitors_are_sent_to_the_login(self, client, rows):
        response = client.get(URL)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    def test_staff_see_the_menu_item(self, client, coordinator):
        client.force_login(coordinator)
        assert "/admin/rapportage-opvolging/" in client.get("/admin/").content.decode()

    def test_staff_limited_to_one_region_see_only_it(self, client, staff_user, rows, all_regions):
        RegionAssignment.objects.create(user=staff_user).regions.set([all_regions["Landelijk"]])
        client.force_login(staff_user)
        html = client.get(URL).content.decode()
        assert 'scope="row">Landelijk</th>' in html
        assert "Oost" not in html and "West" not in html
        table = list(
            csv.DictReader(io.StringIO(client.get(URL + "?export=csv").content.decode("utf-8-sig")), delimiter=";")
        )
        assert {row["Regio"] for row in table} == {"Landelijk", "Alle regio's"}
        assert int(table[-1]["Aanmeldingen"]) == len(in_period(rows, ["Landelijk"]))
        # Asking for another region does not widen the view: the choice is refused.
        other = client.get(URL, {"regio": all_regions["Oost"].pk, "export": "csv"}).content.decode("utf-8-sig")
        assert "Oost" not in other

    def test_a_superuser_sees_every_region(self, client, rows):
        admin = User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-3")
        client.force_login(admin)
        html = client.get(URL).content.decode()
        assert all(f'scope="row">{name}</th>' in html for name in ("Oost", "Landelijk", "West"))


class TestDashboardPanel:
    def test_open_counts_only_registrations_awaiting_first_contact(self, client, make_registration, staff_user):
        now = NOW
        with time_machine.travel(now, tick=False):
            make_registration(created_at=now - timedelta(days=2))  # awaiting contact
            make_registration(created_at=now - timedelta(days=40))  # awaiting contact, overdue
            make_registration(
                created_at=now - timedelta(days=5), status=Status.CONTACTED, contacted_at=now - timedelta(days=4)
            )
            make_registration(created_at=now - timedelta(days=6), status=Status.CLOSED, contacted_at=now)
            rows = {row["name"]: row for row in RegistrationsPanel(staff_user).rows()}
            assert (rows["Oost"]["open"], rows["Oost"]["overdue"]) == (2, 1)
            assert rows["Landelijk"]["open"] == 0
            client.force_login(staff_user)
            html = client.get("/admin/").content.decode()
        assert "Contact gehad binnen de termijn" in html
        assert "Binnen de termijn gebeld" not in html
