"""The follow-up chain with time moved forward day by day (no sleeping): the scan sends exactly the reminders of
the schedule and the warnings, each once; a contacted registration gets nothing more. Real PostgreSQL and a real
SMTP server; the beat task runs in this process (``apply``), as the worker would run it."""

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.contrib.auth.models import User
from django.utils import timezone

from recruitment.models import InteractionKind, MessageState, OutgoingMessage, Registration, Status
from recruitment.schedule import due_follow_up_kind
from recruitment.services import log_contact
from recruitment.tasks import send_due_reminders

from .conftest import valid_data

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Monday. Summer time starts on day 27 (Sunday 29 March 2026): that day's reminder falls on Monday, day 28.
START = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)


def repeated_hour(moment):
    """In the hour that the end of summer time repeats (its wall-clock time exists twice)."""
    local_moment = moment.astimezone(AMSTERDAM)
    return local_moment.replace(fold=1 - local_moment.fold).utcoffset() != local_moment.utcoffset()


def local(day, hour, minute=0):
    return datetime.combine(START.date() + timedelta(days=day), time(hour, minute), tzinfo=AMSTERDAM)


def sent_kinds(registration):
    return {
        message.kind: (timezone.localdate(message.sent_at) - START.date()).days
        for message in OutgoingMessage.objects.filter(registration=registration, state=MessageState.SENT)
    }


def test_thirty_five_days_exact_reminders_and_warning_each_once_and_nothing_after_contact(
    client, routes, regions, smtp_server
):
    staff = User.objects.create_user("olga", first_name="Olga", last_name="Opvolger")
    with time_machine.travel(START, tick=False) as traveller:
        client.post("/aanmelding/", valid_data(name="Wachtende Willem", email="willem@example.org"))
        client.post("/aanmelding/", valid_data(name="Gebelde Gerda", email="gerda@example.org"))
        willem = Registration.objects.get(email="willem@example.org")
        gerda = Registration.objects.get(email="gerda@example.org")
        received_per_scan = []
        for day in range(36):
            for hour in (8, 22):  # the beat runs every few minutes; twice a day is enough to see every step
                traveller.move_to(local(day, hour))
                if (day, hour) == (9, 22):
                    log_contact(
                        gerda,
                        user=staff,
                        contacted_at=timezone.now(),
                        method=InteractionKind.PHONE_CALL,
                        note="Gebeld, afspraak gemaakt",
                    )
                before = len(smtp_server.messages)
                send_due_reminders.apply()
                send_due_reminders.apply()  # a second scan at the same moment (a restarted beat) sends nothing
                received_per_scan.append(len(smtp_server.messages) - before)

    assert sent_kinds(willem) == {
        "staff_notification": 0,
        "confirmation": 0,
        "reminder_day_7": 7,
        "reminder_day_14": 14,
        "reminder_day_21": 21,
        "reminder_day_27": 28,  # a Sunday: moved to Monday
        "escalation_day_30": 30,
    }
    assert sent_kinds(gerda) == {"staff_notification": 0, "confirmation": 0, "reminder_day_7": 7}
    assert not OutgoingMessage.objects.exclude(state=MessageState.SENT).exists()

    # What the SMTP server received matches the records one to one: ten messages, no duplicates.
    assert len(smtp_server.messages) == 10
    deliveries = Counter((item["message"]["Subject"], tuple(sorted(item["to"]))) for item in smtp_server.messages)
    assert all(count == 1 for count in deliveries.values()), deliveries
    willem_mail = [item for item in smtp_server.messages if "Willem" in item["message"]["Subject"]]
    reminders = [item for item in willem_mail if item["message"]["Subject"].startswith("Herinnering")]
    assert [item["message"]["Subject"].split(" wacht ")[1].split(" dagen")[0] for item in reminders] == [
        "7",
        "14",
        "21",
        "27",
    ]
    for item in reminders:
        assert sorted(item["to"]) == ["oost-1@example.org", "oost-2@example.org"]
    (warning,) = [item for item in willem_mail if item["message"]["Subject"].startswith("Te laat")]
    assert warning["message"]["To"] == "coordinator-oost@example.org"
    assert sorted(warning["to"]) == ["coordinator-oost@example.org", "oost-1@example.org", "oost-2@example.org"]
    assert "wacht al 30 dagen" in warning["message"]["Subject"]
    body = warning["message"].get_body(("plain",)).get_content()
    assert "Wachtende Willem" in body and "/admin/aanmeldingen/inspect/" in body
    assert "woensdag 1 april 2026" in body, "the deadline, 30 local days after 2 March 10:00 (across summer time)"

    # The deadline is the same wall-clock time 30 calendar days later, although summer time started in between.
    assert timezone.localtime(willem.contact_due_at) == local(30, 10)
    assert sum(received_per_scan) == 10
    assert received_per_scan[0] == 0 and received_per_scan[1] == 4, "day 0: both notifications and confirmations"


def test_after_the_deadline_the_coordinator_is_warned_weekly_while_still_overdue(make_registration, smtp_server):
    registration = make_registration(created_at=START)
    kinds_by_day = {}
    with time_machine.travel(START, tick=False) as traveller:
        for day in range(0, 53):
            traveller.move_to(local(day, 12))
            before = set(OutgoingMessage.objects.filter(state=MessageState.SENT).values_list("kind", flat=True))
            send_due_reminders.apply()
            after = set(OutgoingMessage.objects.filter(state=MessageState.SENT).values_list("kind", flat=True))
            for kind in after - before:
                kinds_by_day[kind] = day
    assert kinds_by_day == {
        "staff_notification": 0,
        "confirmation": 0,
        "reminder_day_7": 7,
        "reminder_day_14": 14,
        "reminder_day_21": 21,
        "reminder_day_27": 28,  # a Sunday: moved to Monday
        "escalation_day_30": 30,
        "escalation_week_1": 37,
        "escalation_week_2": 44,
        "escalation_week_3": 51,
    }
    assert registration.messages.count() == len(kinds_by_day)
    week_two = [item for item in smtp_server.messages if "wacht al 44 dagen" in item["message"]["Subject"]]
    assert len(week_two) == 1
    assert "14 dagen te laat" in week_two[0]["message"].get_body(("plain",)).get_content()


def test_after_an_outage_the_scan_sends_only_the_current_step(make_registration, smtp_server):
    registration = make_registration(created_at=START)
    with time_machine.travel(local(16, 9), tick=False):
        send_due_reminders.apply()
    assert set(registration.messages.filter(state=MessageState.SENT).values_list("kind", flat=True)) == {
        "staff_notification",
        "confirmation",
        "reminder_day_14",
    }


@pytest.mark.parametrize(
    ("age_days", "expected"),
    [
        (0, None),
        (6, None),
        (7, "reminder_day_7"),
        (13, "reminder_day_7"),
        (14, "reminder_day_14"),
        (27, "reminder_day_21"),  # day 27 is a Sunday: its reminder comes on Monday
        (28, "reminder_day_27"),
        (29, "reminder_day_27"),
        (30, "escalation_day_30"),
        (36, "escalation_day_30"),
        (37, "escalation_week_1"),
        (64, "escalation_week_4"),
        (65, None),
        (100, None),
    ],
)
def test_the_due_step_for_each_age(age_days, expected):
    assert due_follow_up_kind(START, START + timedelta(days=age_days, minutes=1)) == expected


def test_the_schedule_comes_from_settings(make_registration, smtp_server, settings):
    settings.RECRUITMENT_REMINDER_DAYS = (3, 10)
    settings.RECRUITMENT_CONTACT_DAYS = 14
    registration = make_registration(created_at=START)
    seen = []
    with time_machine.travel(START, tick=False) as traveller:
        for day in range(16):
            traveller.move_to(local(day, 12))
            send_due_reminders.apply()
            seen.append(set(registration.messages.values_list("kind", flat=True)))
    assert "reminder_day_3" in seen[3] and "reminder_day_3" not in seen[2]
    assert "reminder_day_10" in seen[10] and "reminder_day_10" not in seen[9]
    assert "escalation_day_14" in seen[14] and "escalation_day_14" not in seen[13]
    assert not any(kind.startswith("reminder_day_7") for kind in seen[-1])


def test_withdrawn_and_closed_registrations_get_no_reminders(make_registration, smtp_server):
    closed = make_registration(created_at=START, status=Status.CLOSED)
    withdrawn = make_registration(created_at=START)
    withdrawn.status = Status.WITHDRAWN
    withdrawn.erase_personal_data()
    with time_machine.travel(local(31, 12), tick=False):
        send_due_reminders.apply()
    assert set(closed.messages.values_list("kind", flat=True)) == {"staff_notification", "confirmation"}
    assert not withdrawn.messages.filter(state=MessageState.SENT).exists()
    assert len(smtp_server.messages) == 2, "only the closed one's first messages (it was closed after them)"


@hypothesis_settings(max_examples=3000, deadline=None)
@given(
    age=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)),
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)),
)
def test_the_scan_windows_give_the_same_step_as_the_schedule(age, now):
    """The scan asks the database per window; each registration falls in exactly the window of its due step, also
    when working days move a reminder."""
    from recruitment.schedule import follow_up_windows

    created_at = now - age
    assume(not repeated_hour(created_at) and not repeated_hour(now))  # see the test below
    windows = follow_up_windows(now, created_at)
    matching = [kind for kind, lower, upper in windows if lower <= created_at < upper]
    assert len(matching) <= 1
    assert (matching[0] if matching else None) == due_follow_up_kind(created_at, now)


def test_the_scan_windows_agree_with_the_schedule_over_christmas_and_the_end_of_summer_time():
    """Exhaustively over the days where working days and summer time matter most (25 October 2026, Christmas and
    New Year): every registration lies in the window of its due step, and only there. Except a moment in the hour
    that the end of summer time repeats: the schedule counts in wall-clock time, in which 02:52 of the second pass
    comes before 02:59 of the first, and no window of instants can follow that (its step comes up to an hour early
    or late, once a year)."""
    from recruitment.schedule import follow_up_windows

    now = datetime(2026, 10, 20, 0, 30, tzinfo=UTC)
    while now < datetime(2027, 1, 8, tzinfo=UTC):
        windows = follow_up_windows(now, now - timedelta(days=80))
        for hours in range(0, 80 * 24, 13):
            created_at = now - timedelta(hours=hours, minutes=7)
            if repeated_hour(created_at) or repeated_hour(now):
                continue
            matching = [kind for kind, lower, upper in windows if lower <= created_at < upper]
            assert len(matching) <= 1, (now, created_at, matching)
            assert (matching[0] if matching else None) == due_follow_up_kind(created_at, now), (now, created_at)
        now += timedelta(hours=7, minutes=13)
