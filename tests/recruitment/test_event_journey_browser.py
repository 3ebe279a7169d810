"""The whole way of one visitor through an event, in a real browser and through a real SMTP server: she registered
her interest earlier, signs up for an event on her phone, gets the confirmation with the calendar file and the QR code
(decoded here as a scanner would), gets the reminder the day before from 19:00 Amsterdam time (not a minute earlier),
is checked in at the door by staff who type the QR code's content, and her attendance shows on her registration in
the admin. The event page and the check-in page pass axe on the way."""

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
import zxingcpp
from icalendar import Calendar
from PIL import Image

from django.utils import timezone

from recruitment.models import EventSignUp, FollowUp, InteractionKind, SignUpStatus
from recruitment.tasks import send_due_reminders
from tests.browser.conftest import axe_violations
from tests.helpers import browser_tab

from .test_check_in_browser import PHONE, log_in_and_open
from .test_event_sign_up import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TITLE = "Kennismaken met lesgeven in de techniek"


def parts_of(message):
    return {part.get_content_type(): part for part in message.walk()}


def content_bytes(part):
    content = part.get_content()
    return content.encode() if isinstance(content, str) else content


def mails_to(smtp_server, address, subject_start=""):
    return [
        mail["message"]
        for mail in smtp_server.messages
        if mail["to"] == [address] and str(mail["message"]["Subject"]).startswith(subject_start)
    ]


def decode_qr(png):
    """What a scanner reads from the QR code image (zxing-cpp, another decoder than the site's own)."""
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    return found.text


def test_a_visitor_signs_up_on_her_phone_is_reminded_checked_in_at_the_door_and_her_attendance_is_on_her_registration(
    live_server, phone, browser, home, staff_user, make_registration, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    today = timezone.localdate()
    event = make_event(
        home,
        title=TITLE,
        start_date=today + dt.timedelta(days=5),
        start_time=dt.time(19, 30),
        end_time=dt.time(21, 0),
        location="ROC Twente, Hengelo",
    )
    registration = make_registration(
        email="sanne@example.org",
        name="Sanne de Vries",
        created_at=timezone.now() - dt.timedelta(days=3),
        messages=False,
    )

    # On her phone: the event page (axe finds nothing), the form, the outcome in place.
    phone.set_default_timeout(15_000)
    phone.goto(live_server.url + event.url)
    phone.wait_for_function("window.htmx !== undefined")
    assert not axe_violations(phone)
    phone.get_by_label("Je naam").fill("Sanne de Vries")
    phone.get_by_label("Je e-mailadres").fill("Sanne@Example.org")
    phone.get_by_label("Ik geef toestemming").check()
    phone.get_by_role("button", name="Meld je aan").click()
    phone.get_by_role("heading", name="Je bent aangemeld").wait_for()
    assert not axe_violations(phone)
    attendee = EventSignUp.objects.get()
    assert attendee.status == SignUpStatus.CONFIRMED and attendee.email == "Sanne@example.org"

    # The periodic scan sends the confirmation: the calendar file and the QR code, read from the SMTP server.
    send_due_reminders()
    smtp_server.wait_for(1)
    (confirmation,) = mails_to(smtp_server, "Sanne@example.org")
    parts = parts_of(confirmation)
    assert parts["text/calendar"].get_filename() == f"{event.slug}.ics"
    (vevent,) = Calendar.from_ical(content_bytes(parts["text/calendar"])).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == TITLE
    assert vevent.decoded("DTSTART") == dt.datetime.combine(event.start_date, dt.time(19, 30), tzinfo=AMSTERDAM)
    assert parts["image/png"].get_filename() == "aanmeldcode.png"
    code = decode_qr(content_bytes(parts["image/png"]))
    assert code == attendee.token

    # The day before: nothing at 18:59 Amsterdam time, the reminder from 19:00.
    day_before = event.start_date - dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(day_before, dt.time(18, 59), tzinfo=AMSTERDAM), tick=False):
        send_due_reminders()
    assert mails_to(smtp_server, "Sanne@example.org", "Morgen") == []
    with time_machine.travel(dt.datetime.combine(day_before, dt.time(19, 0), tzinfo=AMSTERDAM), tick=False):
        send_due_reminders()
    smtp_server.wait_for(2)
    (reminder,) = mails_to(smtp_server, "Sanne@example.org", "Morgen")
    assert str(reminder["Subject"]) == f"Morgen: {TITLE}"

    # At the door on the evening itself: staff open the check-in page on a phone and enter the QR code's content.
    evening = dt.datetime.combine(event.start_date, dt.time(19, 20), tzinfo=AMSTERDAM)
    with time_machine.travel(evening, tick=True), browser_tab(browser, timeout=15_000, **PHONE) as door:
        log_in_and_open(door, live_server, event)
        assert not axe_violations(door)
        door.get_by_label("Code", exact=True).fill(code)
        door.get_by_role("button", name="Inchecken met code").click()
        door.locator(".check-in__message").filter(has_text="Sanne de Vries is ingecheckt.").wait_for()
        assert door.locator(".check-in__counts").inner_text().split() == ["Aangemeld", "1", "Ingecheckt", "1"]

        # Her registration in the admin shows the attendance as an interaction.
        door.goto(f"{live_server.url}/admin/aanmeldingen/inspect/{registration.pk}/")
        row = door.locator("tr").filter(has_text="Informatiebijeenkomst")
        row.wait_for()
        note = f"Aanwezig bij {TITLE} op {event.start_date.day} "
        assert note in row.inner_text() and str(event.start_date.year) in row.inner_text()
        assert "Olga Opvolger" in row.inner_text()

    attendee.refresh_from_db()
    assert attendee.attended and attendee.registration == registration and attendee.checked_in_by == staff_user
    assert timezone.localtime(attendee.attended_at, AMSTERDAM).date() == event.start_date
    (follow_up,) = FollowUp.objects.filter(registration=registration)
    assert follow_up.method == InteractionKind.INFORMATION_MEETING
    assert re.fullmatch(rf"Aanwezig bij {TITLE} op \d+ \w+ \d{{4}}", follow_up.note)
