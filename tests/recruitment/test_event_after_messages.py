"""The messages after an event: a thank-you to who came (walk-ins included) and a "sorry we missed you" to who had a
place and did not come, from 10:00 Amsterdam time the day after (also across the changes of summer time), only
where check-in was used, never for events more than a week ago, once per (sign-up, kind) also when two scans run at
once, never to cancelled or waiting sign-ups or to a walk-in without an address, read from a real SMTP server, and
a planner whose queries do not grow with the number of events."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment.delivery import deliver_pending
from recruitment.event_schedule import AFTER_EVENT_WINDOW, plan_event_messages
from recruitment.events import cancel, sign_up
from recruitment.models import EventSignUp, MessageState, OutgoingMessage, SignUpStatus
from recruitment.tasks import send_due_reminders
from tests.recruitment.factories import RegistrationFactory
from tests.recruitment.test_event_sign_up import in_threads, make_event, person
from tests.routes.factories import RouteFinderPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
AFTER_EVENT_KINDS = ["event_thanks", "event_missed"]


def local(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


def after_event_messages():
    return OutgoingMessage.objects.filter(kind__in=AFTER_EVENT_KINDS)


def planned_for(sign_up_):
    return sorted(sign_up_.messages.filter(kind__in=AFTER_EVENT_KINDS).values_list("kind", flat=True))


def check_in(sign_up_, at):
    sign_up_.attended_at = at
    sign_up_.save(update_fields=["attended_at"])


def walk_in(event, at, name, email):
    """Someone added at the door who had not signed up, as check-in stores them."""
    return EventSignUp.objects.create(event=event, name=name, email=email, walk_in=True, attended_at=at)


def event_with_attendance(home, start_date, *, came=1, stayed_away=1, **fields):
    """An event at 19:30 with sign-ups made a week before; the first ``came`` of them checked in at the door."""
    event = make_event(home, start_date=start_date, start_time=dt.time(19, 30), capacity=None, **fields)
    with time_machine.travel(local(start_date - dt.timedelta(days=7), 12), tick=False):
        people = [sign_up(event, person(number)).sign_up for number in range(came + stayed_away)]
    for attendee in people[:came]:
        check_in(attendee, local(start_date, 19, 25))
    return event, people


def parts_of(mail):
    return {part.get_content_type(): part.get_content() for part in mail["message"].walk() if not part.is_multipart()}


# --- when: from 10:00 Amsterdam time the day after -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_date", "due_in_utc"),
    [
        (dt.date(2026, 10, 23), dt.datetime(2026, 10, 24, 8, 0, tzinfo=UTC)),  # the day after is summer time
        (dt.date(2026, 10, 24), dt.datetime(2026, 10, 25, 9, 0, tzinfo=UTC)),  # the day after is winter time
        (dt.date(2026, 3, 27), dt.datetime(2026, 3, 28, 9, 0, tzinfo=UTC)),  # the day after is winter time
        (dt.date(2026, 3, 28), dt.datetime(2026, 3, 29, 8, 0, tzinfo=UTC)),  # the day after is summer time
    ],
)
def test_after_the_event_messages_are_planned_from_10_00_amsterdam_time_the_day_after(home, start_date, due_in_utc):
    event, (came, stayed_away) = event_with_attendance(home, start_date)

    with time_machine.travel(local(start_date, 23, 59), tick=False):
        assert plan_event_messages() == 0  # the evening of the event: late check-ins may still come
    with time_machine.travel(local(start_date + dt.timedelta(days=1), 9, 59), tick=False):
        assert plan_event_messages() == 0
    # 10:00 at the other season's offset from UTC is not it either.
    with time_machine.travel(due_in_utc - dt.timedelta(hours=1), tick=False):
        assert plan_event_messages() == 0
    assert not after_event_messages().exists()
    with time_machine.travel(due_in_utc, tick=False):
        assert dt.datetime.now(AMSTERDAM).time() == dt.time(10, 0)
        assert plan_event_messages() == 2
        assert plan_event_messages() == 0
    assert planned_for(came) == ["event_thanks"]
    assert planned_for(stayed_away) == ["event_missed"]
    assert set(after_event_messages().values_list("state", flat=True)) == {MessageState.PENDING}


def test_a_check_in_entered_the_evening_of_the_event_counts(home):
    day = dt.date(2026, 11, 12)
    event, (came, late) = event_with_attendance(home, day)
    check_in(late, local(day, 22, 45))  # entered after the event, from the paper list
    guest = walk_in(event, local(day, 23, 10), "Binnenloper", "binnenloper@example.org")

    with time_machine.travel(local(day + dt.timedelta(days=1), 10, 5), tick=False):
        assert plan_event_messages() == 3
    assert planned_for(came) == planned_for(late) == planned_for(guest) == ["event_thanks"]


# --- for whom ---------------------------------------------------------------------------------------------------------


def test_an_event_where_nobody_was_checked_in_gets_no_messages_afterwards(home):
    day = dt.date(2026, 11, 12)
    event, people = event_with_attendance(home, day, came=0, stayed_away=3)

    for moment in (local(day + dt.timedelta(days=1), 10, 5), local(day + dt.timedelta(days=3), 10)):
        with time_machine.travel(moment, tick=False):
            assert plan_event_messages() == 0
    assert not after_event_messages().exists(), "without check-in everyone would be told they were missed"

    # Once staff enter the attendance (within the week), the messages follow at the next scan.
    check_in(people[0], local(day, 19, 20))
    with time_machine.travel(local(day + dt.timedelta(days=3), 10, 5), tick=False):
        assert plan_event_messages() == 3
    assert [planned_for(attendee) for attendee in people] == [["event_thanks"], ["event_missed"], ["event_missed"]]


def test_events_more_than_a_week_ago_get_no_messages_afterwards(home):
    assert AFTER_EVENT_WINDOW == dt.timedelta(days=7)
    older, (older_came, older_away) = event_with_attendance(home, dt.date(2026, 11, 4))
    recent, (recent_came, recent_away) = event_with_attendance(home, dt.date(2026, 11, 5))

    # Turned on (or the scan back) on 12 November: the event of the 5th is a week ago, that of the 4th longer.
    with time_machine.travel(local(dt.date(2026, 11, 12), 23, 59), tick=False):
        assert plan_event_messages() == 2
    assert planned_for(recent_came) == ["event_thanks"] and planned_for(recent_away) == ["event_missed"]
    assert planned_for(older_came) == planned_for(older_away) == []
    with time_machine.travel(local(dt.date(2026, 11, 13), 0, 1), tick=False):
        OutgoingMessage.objects.filter(sign_up__event=recent).delete()
        assert plan_event_messages() == 0, "the event of the 5th is now more than a week ago"
    assert not after_event_messages().exists()


def test_no_messages_afterwards_to_cancelled_or_waiting_sign_ups_or_walk_ins_without_an_address(home):
    day = dt.date(2026, 11, 12)
    event = make_event(home, start_date=day, start_time=dt.time(19, 30), capacity=2)
    with time_machine.travel(local(day - dt.timedelta(days=7), 12), tick=False):
        came, away, waiting, leaver = (sign_up(event, person(number)).sign_up for number in range(4))
        cancel(leaver)  # left the waiting list
    check_in(came, local(day, 19, 25))
    check_in(leaver, local(day, 19, 30))  # checked in by mistake: a cancelled sign-up still gets nothing
    anonymous = walk_in(event, local(day, 19, 40), "Binnenloper zonder e-mail", "")

    with time_machine.travel(local(day + dt.timedelta(days=1), 10, 5), tick=False):
        assert plan_event_messages() == 2
    waiting.refresh_from_db()
    leaver.refresh_from_db()
    assert (waiting.status, leaver.status) == (SignUpStatus.WAITING, SignUpStatus.CANCELLED)
    assert planned_for(came) == ["event_thanks"] and planned_for(away) == ["event_missed"]
    assert planned_for(waiting) == planned_for(leaver) == planned_for(anonymous) == []


def test_the_outbox_skips_a_message_afterwards_for_a_walk_in_without_an_address(home, smtp_server):
    day = dt.date(2026, 11, 12)
    event, (came,) = event_with_attendance(home, day, stayed_away=0)  # came has only the confirmation pending
    anonymous = walk_in(event, local(day, 19, 40), "Binnenloper zonder e-mail", "")
    with time_machine.travel(local(day + dt.timedelta(days=1), 10, 5), tick=False):
        # A row for the walk-in (planned before the address was taken out) reaches the outbox anyway.
        message = OutgoingMessage.objects.create(sign_up=anonymous, kind="event_thanks")
        report = deliver_pending()

    message.refresh_from_db()
    assert message.state == MessageState.SKIPPED and message.attempts == 0
    assert report.failed == 0
    assert not OutgoingMessage.objects.filter(sign_up=anonymous).exclude(pk=message.pk).exists(), "nobody is warned"
    smtp_server.wait_for(1)
    assert [mail["to"] for mail in smtp_server.messages] == [[came.email]]


# --- end to end: the scan, the outbox and a real SMTP server ----------------------------------------------------------


def test_the_scan_sends_thanks_and_sorry_we_missed_you_once_each_with_their_links(home, smtp_server, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    finder = RouteFinderPageFactory(parent=home)
    day = dt.date(2026, 11, 12)
    event = make_event(home, start_date=day, start_time=dt.time(19, 30), capacity=3, title="Open avond Hengelo")
    with time_machine.travel(local(day - dt.timedelta(days=7), 12), tick=False):
        came, registered, leaver, away, waiting = (sign_up(event, person(number)).sign_up for number in range(5))
        cancel(leaver)  # had a place: the first on the waiting list moves up, the second keeps waiting
        send_due_reminders()
    away.refresh_from_db()
    waiting.refresh_from_db()
    assert (away.status, waiting.status) == (SignUpStatus.CONFIRMED, SignUpStatus.WAITING)
    registered.registration = RegistrationFactory(email=registered.email)
    registered.save(update_fields=["registration"])
    for attendee in (came, registered):
        check_in(attendee, local(day, 19, 20))
    guest = walk_in(event, local(day, 20, 5), "Binnenloper", "binnenloper@example.org")
    before = len(smtp_server.messages)

    with time_machine.travel(local(day + dt.timedelta(days=1), 10, 5), tick=False):
        first = send_due_reminders()
        second = send_due_reminders()

    assert (first["planned"], first["sent"]) == (4, 4)
    assert (second["planned"], second["sent"]) == (0, 0)
    sent = {(row.sign_up_id, row.kind) for row in after_event_messages().filter(state=MessageState.SENT)}
    assert sent == {
        (came.pk, "event_thanks"),
        (registered.pk, "event_thanks"),
        (guest.pk, "event_thanks"),
        (away.pk, "event_missed"),
    }
    assert after_event_messages().count() == 4
    assert planned_for(leaver) == planned_for(waiting) == []

    smtp_server.wait_for(before + 4)
    mails = smtp_server.messages[before:]
    assert len(mails) == 4
    by_address = {mail["to"][0]: mail for mail in mails}
    assert sorted(by_address) == sorted([came.email, registered.email, guest.email, away.email])
    assert leaver.email not in by_address and waiting.email not in by_address

    finder_url = f"https://techniekdocent.example.org{finder.url}"
    for address in (came.email, guest.email):
        mail = by_address[address]
        assert str(mail["message"]["Subject"]) == "Bedankt voor je komst: Open avond Hengelo"
        parts = parts_of(mail)
        for content in (parts["text/plain"], parts["text/html"]):
            assert f"?evenement={event.pk}" in content, "the registration records that it came from this event"
            assert finder_url in content
    thanks_registered = parts_of(by_address[registered.email])
    assert "evenement=" not in thanks_registered["text/plain"] and "evenement=" not in thanks_registered["text/html"]
    assert "Je hebt je al aangemeld" in thanks_registered["text/plain"]
    assert finder_url in thanks_registered["text/plain"]

    missed = by_address[away.email]
    assert str(missed["message"]["Subject"]) == "Jammer dat je er niet bij was: Open avond Hengelo"
    missed_parts = parts_of(missed)
    agenda_url = f"https://techniekdocent.example.org{event.get_parent().url}"
    assert agenda_url in missed_parts["text/plain"] and f'href="{agenda_url}"' in missed_parts["text/html"]
    assert "niet gezien" in missed_parts["text/plain"]

    # A day later nothing more is planned or sent.
    with time_machine.travel(local(day + dt.timedelta(days=2), 10, 5), tick=False):
        assert send_due_reminders()["planned"] == 0
    assert len(smtp_server.messages) == before + 4


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_send_each_message_afterwards_once(home, postgres, smtp_server):
    day = dt.date(2026, 11, 12)
    event, people = event_with_attendance(home, day, came=4, stayed_away=3)
    with time_machine.travel(local(day - dt.timedelta(days=7), 12, 5), tick=False):
        deliver_pending()  # the confirmations
    smtp_server.wait_for(7)

    with time_machine.travel(local(day + dt.timedelta(days=1), 10, 5), tick=False):
        results = in_threads(2, lambda i: send_due_reminders())
        in_threads(2, lambda i: send_due_reminders())

    assert sum(result["sent"] for result in results) == 7
    rows = after_event_messages()
    assert rows.count() == 7 and set(rows.values_list("state", flat=True)) == {MessageState.SENT}
    smtp_server.wait_for(14)
    after = [mail for mail in smtp_server.messages if str(mail["message"]["Subject"]).startswith(("Bedankt", "Jammer"))]
    assert sorted(mail["to"][0] for mail in after) == sorted(attendee.email for attendee in people)
    assert sum(str(mail["message"]["Subject"]).startswith("Bedankt") for mail in after) == 4


# --- the planner's cost ----------------------------------------------------------------------------------------------


def test_the_planner_s_queries_do_not_grow_with_the_number_of_events_after_them(home):
    def queries_for(count, day):
        for _ in range(count):
            event_with_attendance(home, day)
        with (
            time_machine.travel(local(day + dt.timedelta(days=1), 10, 0), tick=False),
            CaptureQueriesContext(connection) as queries,
        ):
            planned = plan_event_messages()
        assert planned == count * 2  # a thank-you and a "sorry we missed you" for each event
        return len(queries)

    assert queries_for(1, dt.date(2026, 11, 12)) == queries_for(50, dt.date(2026, 12, 10))
