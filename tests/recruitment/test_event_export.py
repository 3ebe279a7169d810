"""The sign-ups' export for Dutch Excel, through Wagtail's own export of the listing: Dutch headings, the status,
attendance and walk-ins in words, the time of signing up as Amsterdam reads it, one column per question of the event
exported, only the attendees when asked, never a formula from what a visitor typed, and only the sign-ups the staff
member may see."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from recruitment.models import EventSignUp, RegionAssignment, SignUpStatus
from routes.models import Region

from .test_event_sign_up import make_event

pytestmark = pytest.mark.django_db
INDEX = "/admin/evenementaanmeldingen/"
AMS = ZoneInfo("Europe/Amsterdam")
HEADINGS = [
    "Evenement",
    "Datum evenement",
    "Naam",
    "E-mailadres",
    "Telefoonnummer",
    "Status",
    "Aanwezig",
    "Binnengelopen",
    "Aangemeld op",
    "Nodig om mee te doen",
]
HOSTILE_NAME = '=HYPERLINK("http://evil.example","klik")'


@pytest.fixture
def event(home):
    return make_event(
        home,
        title="Open avond Hengelo",
        start_date=dt.date(2026, 10, 1),
        questions=[("Wat wil je vooral weten?", False), ("Welke vakrichting?", True)],
    )


def utc(month, day, hour, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def sign_ups(event):
    first, second = event.questions.all()
    rows = [
        # name, email, created (UTC), and what else is known
        (
            "Zoë Straße-Жукова",
            "zoe@example.org",
            utc(9, 1, 21, 30),
            {  # 23:30 in Amsterdam (summer time)
                "phone": "+31 6 12345678",
                "needs": "Een rolstoelplek",
                "answers": {str(first.pk): "Hoe lang duurt het?", str(second.pk): "Elektrotechniek"},
                "attended_at": utc(10, 1, 17, 5),
            },
        ),
        (
            HOSTILE_NAME,
            "formule@example.org",
            utc(9, 2, 8),
            {"needs": "@SUM(1+1)", "answers": {str(second.pk): "-1+1"}},
        ),
        ("Binnenloper", "", utc(10, 1, 17, 10), {"walk_in": True, "attended_at": utc(10, 1, 17, 10)}),
        ("Afmelder", "afmelder@example.org", utc(9, 3, 8), {"status": SignUpStatus.CANCELLED}),
    ]
    return [
        EventSignUp.objects.create(event=event, name=name, email=email, created_at=created, **fields)
        for name, email, created, fields in rows
    ]


def sheet_of(client, **params):
    response = client.get(INDEX, {**params, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    return response, headings, [dict(zip(headings, row, strict=True)) for row in rows[1:]]


def test_one_event_s_export_has_dutch_headings_and_a_column_per_question(client, staff_user, event, sign_ups):
    client.force_login(staff_user)

    response, headings, rows = sheet_of(client, event=event.pk)

    assert response["Content-Disposition"].endswith(f'filename="aanmeldingen-{event.slug}.xlsx"')
    assert headings == [*HEADINGS, "Wat wil je vooral weten?", "Welke vakrichting?"]
    by_name = {row["Naam"].value: row for row in rows}
    assert set(by_name) == {"Zoë Straße-Жукова", HOSTILE_NAME, "Binnenloper", "Afmelder"}
    zoe = {heading: cell.value for heading, cell in by_name["Zoë Straße-Жукова"].items()}
    assert zoe == {
        "Evenement": "Open avond Hengelo",
        "Datum evenement": dt.date(2026, 10, 1),  # a date cell
        "Naam": "Zoë Straße-Жукова",
        "E-mailadres": "zoe@example.org",
        "Telefoonnummer": "+31 6 12345678",
        "Status": "Aangemeld",
        "Aanwezig": "Ja",
        "Binnengelopen": "Nee",
        "Aangemeld op": dt.datetime(2026, 9, 1, 23, 30),  # the wall-clock time in Amsterdam, as a date cell
        "Nodig om mee te doen": "Een rolstoelplek",
        "Wat wil je vooral weten?": "Hoe lang duurt het?",
        "Welke vakrichting?": "Elektrotechniek",
    }
    assert by_name["Zoë Straße-Жукова"]["Aangemeld op"].is_date
    walk_in = {heading: cell.value for heading, cell in by_name["Binnenloper"].items()}
    assert (walk_in["Aanwezig"], walk_in["Binnengelopen"], walk_in["E-mailadres"]) == ("Ja", "Ja", None)
    assert by_name["Afmelder"]["Status"].value == "Afgemeld"
    assert by_name[HOSTILE_NAME]["Wat wil je vooral weten?"].value is None  # not answered


def test_the_attendees_export_holds_only_who_came(client, staff_user, event, sign_ups):
    client.force_login(staff_user)

    _response, _headings, rows = sheet_of(client, event=event.pk, aanwezig="ja")

    assert sorted(row["Naam"].value for row in rows) == ["Binnenloper", "Zoë Straße-Жукова"]


def test_what_a_visitor_typed_stays_text_in_the_xlsx(client, staff_user, event, sign_ups):
    client.force_login(staff_user)

    _response, _headings, rows = sheet_of(client, event=event.pk)

    hostile = next(row for row in rows if row["Naam"].value == HOSTILE_NAME)
    for heading, typed in (
        ("Naam", HOSTILE_NAME),
        ("Nodig om mee te doen", "@SUM(1+1)"),
        ("Welke vakrichting?", "-1+1"),
    ):
        cell = hostile[heading]
        assert cell.value == typed, "shown as the visitor typed it"
        assert cell.data_type == "s", f"{heading} is text, not a formula"
        assert cell.quotePrefix, f"{heading} stays text when someone edits the cell"


def test_the_csv_is_for_dutch_excel_and_defuses_formulas(client, staff_user, event, sign_ups):
    client.force_login(staff_user)

    response = client.get(INDEX, {"event": event.pk, "export": "csv"})

    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    hostile = next(row for row in rows if row["Naam"].endswith('"klik")'))
    assert hostile["Naam"] == "'" + HOSTILE_NAME
    assert hostile["Nodig om mee te doen"] == "'@SUM(1+1)"
    assert hostile["Welke vakrichting?"] == "'-1+1"
    zoe = next(row for row in rows if row["E-mailadres"] == "zoe@example.org")
    assert zoe["Aangemeld op"] == "2026-09-01 23:30"
    assert zoe["Datum evenement"] == "2026-10-01"
    assert zoe["Telefoonnummer"] == "'+31 6 12345678"


def test_the_export_of_every_event_has_no_question_columns(client, staff_user, event, sign_ups, home):
    other = make_event(home, title="Webinar", questions=[("Waarom?", False)])
    EventSignUp.objects.create(event=other, name="Webinarganger", email="web@example.org")
    client.force_login(staff_user)

    response, headings, rows = sheet_of(client)

    assert response["Content-Disposition"].endswith('filename="aanmeldingen-evenementen.xlsx"')
    assert headings == HEADINGS
    assert {row["Evenement"].value for row in rows} == {"Open avond Hengelo", "Webinar"}


def test_staff_of_another_region_export_nothing_of_this_event(client, staff_user, event, sign_ups, regions):
    event.regions.set([regions["east"]])
    event.save()
    west = Region.objects.create(name="West")
    RegionAssignment.objects.create(user=staff_user).regions.set([west])
    client.force_login(staff_user)

    _response, headings, rows = sheet_of(client, event=event.pk)

    assert rows == [] and headings == HEADINGS  # the event is no choice of theirs: no questions either
    listing = client.get(INDEX, {"event": event.pk}).content.decode()
    assert "zoe@example.org" not in listing
    sign_up = sign_ups[0]
    assert client.get(f"{INDEX}inspect/{sign_up.pk}/").status_code == 404


def test_editors_cannot_export(client, editor_user, event, sign_ups):
    client.force_login(editor_user)

    response = client.get(INDEX, {"event": event.pk, "export": "xlsx"})

    assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))
    assert b"zoe@example.org" not in response.content


def test_the_listing_filters_on_attendance_and_shows_it(client, staff_user, event, sign_ups):
    client.force_login(staff_user)

    html = client.get(INDEX, {"event": event.pk, "aanwezig": "nee"}).content.decode()

    assert "formule@example.org" in html and "afmelder@example.org" in html
    assert "zoe@example.org" not in html
    assert "Aanwezig" in html
    assert 'href="/admin/evenementaanmeldingen/cijfers/"' in html
    assert f'<option value="{event.pk}" selected>Open avond Hengelo (1 oktober 2026)</option>' in html
    assert f'href="/admin/evenementaanmeldingen/bericht/{event.pk}/"' in html  # the event chosen: its mailing
    every_event = client.get(INDEX).content.decode()
    assert "/admin/evenementaanmeldingen/bericht/" not in every_event


def test_a_sign_up_s_page_shows_local_times_attendance_and_each_answer_after_its_question(client, staff_user, sign_ups):
    client.force_login(staff_user)

    walk_in = client.get(f"{INDEX}inspect/{sign_ups[2].pk}/").content.decode()
    zoe = client.get(f"{INDEX}inspect/{sign_ups[0].pk}/").content.decode()

    assert re.search(r"Aanwezig \(ingecheckt op\)</dt>\s*<dd>\s*1 oktober 2026, 19:10", walk_in)  # Amsterdam time
    assert re.search(r"Binnengelopen zonder aanmelding</dt>\s*<dd>\s*Ja", walk_in)
    assert re.search(r"Afgemeld op</dt>\s*<dd>\s*—", walk_in)
    assert "Wat wil je vooral weten?: Hoe lang duurt het?; Welke vakrichting?: Elektrotechniek" in zoe
