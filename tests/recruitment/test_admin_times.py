"""Staff read every time in Europe/Amsterdam: on a registration's page (details, deadline, follow-up log, messages), in
the list and in both exports, in winter (UTC+1) as in summer (UTC+2). The database holds UTC."""

import csv
import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from django.utils import timezone
from django.utils.formats import date_format

from recruitment.models import MessageState
from tests.recruitment.factories import FollowUpFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"

WINTER = datetime(2026, 1, 15, 12, 30, tzinfo=UTC)  # 13:30 in Amsterdam
SUMMER = datetime(2026, 7, 15, 12, 30, tzinfo=UTC)  # 14:30 in Amsterdam


@pytest.fixture
def winter_and_summer(make_registration):
    winter = make_registration(name="Wim Winter", created_at=WINTER)
    summer = make_registration(name="Sanne Zomer", created_at=SUMMER)
    FollowUpFactory(registration=winter, contacted_at=datetime(2026, 1, 20, 9, 5, tzinfo=UTC))
    winter.messages.filter(kind="confirmation").update(
        state=MessageState.SENT, sent_at=datetime(2026, 1, 15, 12, 31, tzinfo=UTC)
    )
    return winter, summer


def in_words(moment):
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def test_the_conversion_the_tests_rely_on_is_europe_amsterdam():
    assert in_words(WINTER) == "15 januari 2026, 13:30"
    assert in_words(SUMMER) == "15 juli 2026, 14:30"


def test_a_registrations_page_shows_local_times(client, staff_user, winter_and_summer):
    winter, summer = winter_and_summer
    client.force_login(staff_user)

    page = client.get(f"{INDEX}inspect/{winter.pk}/").content.decode()
    assert "15 januari 2026, 13:30" in page  # registered, consent, last activity
    assert "15 januari 2026, 12:30" not in page  # the UTC time it is stored as
    assert "20 januari 2026, 10:05" in page  # the follow-up log
    assert "20 januari 2026, 09:05" not in page
    assert "15 januari 2026, 13:31" in page  # the confirmation's sent_at
    # The deadline reads the same in the banner above and in the details below.
    assert page.count(in_words(winter.contact_due_at)) >= 2
    assert date_format(timezone.make_naive(winter.contact_due_at, UTC), "j F Y, H:i") not in page

    page = client.get(f"{INDEX}inspect/{summer.pk}/").content.decode()
    assert "15 juli 2026, 14:30" in page
    assert "15 juli 2026, 12:30" not in page


def test_the_list_shows_local_times(client, staff_user, winter_and_summer):
    client.force_login(staff_user)

    listing = client.get(INDEX).content.decode()

    assert "15 januari 2026, 13:30" in listing
    assert "15 juli 2026, 14:30" in listing
    assert "12:30" not in listing


def test_the_csv_export_shows_local_times(client, staff_user, winter_and_summer):
    winter, summer = winter_and_summer
    client.force_login(staff_user)

    body = b"".join(client.get(INDEX, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    rows = {row["Naam"]: row for row in csv.DictReader(io.StringIO(body), delimiter=";")}

    assert rows["Wim Winter"]["Aangemeld op"] == "2026-01-15 13:30"
    assert rows["Sanne Zomer"]["Aangemeld op"] == "2026-07-15 14:30"
    assert rows["Wim Winter"]["Contact uiterlijk op"] == timezone.localtime(winter.contact_due_at).strftime(
        "%Y-%m-%d %H:%M"
    )


def test_the_xlsx_export_shows_local_times(client, staff_user, winter_and_summer):
    client.force_login(staff_user)

    response = client.get(INDEX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings, *values = list(sheet.values)
    rows = {row[headings.index("Naam")]: row for row in values}

    assert rows["Wim Winter"][headings.index("Aangemeld op")] == datetime(2026, 1, 15, 13, 30)
    assert rows["Sanne Zomer"][headings.index("Aangemeld op")] == datetime(2026, 7, 15, 14, 30)
