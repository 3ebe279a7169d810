"""A follow-up staff member in a real browser (Chromium, live server, PostgreSQL, a real SMTP server): logs in, logs
the first interaction, moves the candidate through three phases with interactions and a next-action date on a day
off, assigns the registration to themselves; the scan, with the clock moved over that holiday weekend, sends the
next-action reminder once, on the first working day, to them."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.utils import timezone

from recruitment.models import Phase, PhaseChange, Status
from recruitment.tasks import send_due_reminders
from recruitment.working_days import is_working_day, next_working_day
from tests.helpers import browser_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def next_day_off_before_a_weekend(today):
    """The next public holiday on a Friday (a holiday weekend), else the next Saturday."""
    for offset in range(2, 400):
        day = today + timedelta(days=offset)
        if day.weekday() == 4 and not is_working_day(day):
            return day
    return today + timedelta(days=(5 - today.weekday()) % 7 or 7)


@pytest.fixture
def desk(browser):
    with browser_tab(browser, timeout=15_000) as tab:
        yield tab


def test_staff_move_a_candidate_through_three_phases_and_get_the_next_action_reminder_on_a_working_day(
    live_server, desk, make_registration, staff_user, stop_reasons, smtp_server
):
    registration = make_registration(name="Bram Bouwkundige")
    url = f"{live_server.url}/admin/aanmeldingen/inspect/{registration.pk}/"
    desk.goto(url)
    desk.fill("#id_username", staff_user.username)
    desk.fill("#id_password", "geheim-wachtwoord-1")
    desk.click("button[type=submit]")
    desk.wait_for_url(url)

    # The first interaction is the contact.
    desk.get_by_label("Telefoongesprek", exact=True).check()
    desk.get_by_label("Notitie", exact=True).fill("Kennismaking; wil eerst meelopen.")
    desk.get_by_role("button", name="Interactie vastleggen").click()
    desk.wait_for_url(url)
    assert "Contact vastgelegd" in desk.content()

    # Phase one: orienting, with a next action on a day off.
    day_off = next_day_off_before_a_weekend(timezone.localdate())
    desk.get_by_label("Oriënteert zich", exact=True).check()
    desk.get_by_label("Volgende actie op").fill(day_off.isoformat())
    desk.get_by_label("Wat is de volgende actie?").fill("Bellen over de open dag")
    desk.get_by_role("button", name="Fase opslaan").click()
    desk.wait_for_url(url)
    assert "is nu in de fase Oriënteert zich" in desk.content()

    # Assigned to the staff member themselves: the reminder goes to them.
    desk.get_by_label("Toegewezen aan").select_option(label="Olga Opvolger")
    desk.get_by_role("button", name="Toewijzen").click()
    desk.wait_for_url(url)
    assert "Toegewezen aan Olga Opvolger." in desk.content()

    # Phase two: a job-shadowing day, logged as an interaction, and preparation.
    desk.get_by_label("Meeloopdag", exact=True).first.check()  # the interaction kind
    desk.get_by_role("button", name="Interactie vastleggen").click()
    desk.wait_for_url(url)
    desk.get_by_label("Voorbereiding", exact=True).check()
    desk.locator("#id_preparation_steps").get_by_label("Sollicitatie").check()
    desk.get_by_role("button", name="Fase opslaan").click()
    desk.wait_for_url(url)

    # Phase three: in training (the next action stays).
    desk.get_by_label("In opleiding", exact=True).check()
    desk.get_by_role("button", name="Fase opslaan").click()
    desk.wait_for_url(url)
    assert "is nu in de fase In opleiding" in desk.content()

    registration.refresh_from_db()
    assert (registration.status, registration.phase) == (Status.CONTACTED, Phase.IN_TRAINING)
    assert list(registration.follow_ups.order_by("contacted_at", "pk").values_list("method", flat=True)) == [
        "telefoongesprek",
        "meeloopdag",
    ]
    assert list(PhaseChange.objects.filter(registration=registration).values_list("phase", flat=True)) == [
        Phase.IN_CONVERSATION,
        Phase.ORIENTING,
        Phase.PREPARING,
        Phase.IN_TRAINING,
    ]
    assert registration.assigned_to == staff_user and registration.next_action_on == day_off

    # The clock moves over the days off: nothing; on the first working day after them, one reminder, to Olga.
    send_due_reminders.apply()
    before = len(smtp_server.messages)
    first_working_day = next_working_day(day_off)
    day = day_off
    while day < first_working_day:
        with time_machine.travel(datetime.combine(day, time(12), tzinfo=AMSTERDAM), tick=False):
            send_due_reminders.apply()
        day += timedelta(days=1)
    assert len(smtp_server.messages) == before
    with time_machine.travel(datetime.combine(first_working_day, time(9, 30), tzinfo=AMSTERDAM), tick=False):
        send_due_reminders.apply()
        send_due_reminders.apply()
    reminders = smtp_server.messages[before:]
    assert [item["to"] for item in reminders] == [["opvolger@example.org"]]
    assert "Bram Bouwkundige" in reminders[0]["message"]["Subject"]
    assert first_working_day > day_off and is_working_day(first_working_day)
    assert date.today() < day_off
