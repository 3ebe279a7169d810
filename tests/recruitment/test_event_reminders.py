"""The time-based messages to those with a place at an event: the reminder from 19:00 Amsterdam time the day before
(also across the change to winter time), the video link from an hour before an online event, each planned once per
(sign-up, kind) by the periodic scan (also when two scans run at once), never to cancelled or waiting sign-ups,
nothing once the event has started, read from a real SMTP server, and a planner whose queries do not grow with the
number of events."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recruitment.delivery import deliver_pending
from recruitment.event_schedule import plan_event_messages
from recruitment.events import cancel, sign_up
from recruitment.models import MessageState, OutgoingMessage, SignUpStatus
from recruitment.tasks import send_due_reminders
from tests.recruitment.test_event_sign_up import in_threads, make_event, person

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
VIDEO_LINK = "https://video.example.org/geheime-kamer-4711"


def local(year, month, day, hour, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def kinds(sign_up_, kind):
    return OutgoingMessage.objects.filter(sign_up=sign_up_, kind=kind)


def parts_of(mail):
    return {part.get_content_type(): part for part in mail["message"].walk()}


def mails_of_kind(smtp_server, subject_start):
    return [mail for mail in smtp_server.messages if str(mail["message"]["Subject"]).startswith(subject_start)]


# --- the reminder: from 19:00 Amsterdam time on the day before -----------------------------------------------------


@pytest.mark.parametrize(
    ("start_date", "due_in_utc"),
    [
        (dt.date(2026, 10, 25), dt.datetime(2026, 10, 24, 17, 0, tzinfo=UTC)),  # the day before is summer time
        (dt.date(2026, 10, 26), dt.datetime(2026, 10, 25, 18, 0, tzinfo=UTC)),  # the day before is winter time
        (dt.date(2026, 6, 10), dt.datetime(2026, 6, 9, 17, 0, tzinfo=UTC)),
        (dt.date(2026, 12, 10), dt.datetime(2026, 12, 9, 18, 0, tzinfo=UTC)),
    ],
)
def test_the_reminder_is_planned_from_19_00_amsterdam_time_the_day_before_never_earlier(home, start_date, due_in_utc):
    event = make_event(home, start_date=start_date, start_time=dt.time(19, 30))
    with time_machine.travel(dt.datetime.combine(start_date, dt.time(3, 0), tzinfo=UTC) - dt.timedelta(days=1)):
        attendee = sign_up(event, person(1)).sign_up
        assert plan_event_messages() == 0  # 03:00 UTC the day before: too early

    day_before = start_date - dt.timedelta(days=1)
    with time_machine.travel(dt.datetime.combine(day_before, dt.time(18, 59), tzinfo=AMSTERDAM), tick=False):
        assert plan_event_messages() == 0
        assert not kinds(attendee, "event_reminder").exists()
    # 19:00 at the other season's offset from UTC (an hour earlier around the change to winter time) is not it.
    with time_machine.travel(due_in_utc - dt.timedelta(hours=1), tick=False):
        assert plan_event_messages() == 0
    with time_machine.travel(due_in_utc, tick=False):
        assert dt.datetime.now(AMSTERDAM).time() == dt.time(19, 0)
        assert plan_event_messages() == 1
    assert kinds(attendee, "event_reminder").get().state == MessageState.PENDING


def test_the_scan_sends_the_reminder_once_with_the_calendar_the_place_and_the_cancel_link(home, smtp_server, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    event = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(19, 30), end_time=dt.time(21, 0))
    with time_machine.travel(local(2026, 11, 1, 10), tick=False):
        attendee = sign_up(event, person(1)).sign_up
        send_due_reminders()  # the confirmation
    with time_machine.travel(local(2026, 11, 11, 19, 5), tick=False):
        first = send_due_reminders()
        second = send_due_reminders()

    assert (first["planned"], first["sent"]) == (1, 1)
    assert (second["planned"], second["sent"]) == (0, 0)
    assert kinds(attendee, "event_reminder").get().state == MessageState.SENT
    smtp_server.wait_for(2)
    (mail,) = mails_of_kind(smtp_server, "Morgen")
    assert mail["to"] == ["deelnemer-1@example.org"]
    assert str(mail["message"]["Subject"]) == f"Morgen: {event.title}"
    parts = parts_of(mail)
    calendar = parts["text/calendar"].get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "BEGIN:VEVENT" in calendar and event.title in calendar
    assert parts["text/calendar"].get_filename() == f"{event.slug}.ics"
    text = parts["text/plain"].get_content()
    assert "Morgen is het zover" in text
    assert "donderdag 12 november 2026" in text and "19:30 tot 21:00 uur" in text
    assert "Waar: ROC Twente, Hengelo" in text
    assert f"https://techniekdocent.example.org{event.url}afmelden/{attendee.token}/" in text
    assert "Morgen is het zover" in parts["text/html"].get_content()


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_send_each_reminder_once(home, postgres, smtp_server):
    event = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(19, 30), capacity=None)
    with time_machine.travel(local(2026, 11, 1, 10), tick=False):
        people = [sign_up(event, person(i)).sign_up for i in range(6)]
        deliver_pending()
    smtp_server.wait_for(6)
    with time_machine.travel(local(2026, 11, 11, 19, 5), tick=False):
        results = in_threads(2, lambda i: send_due_reminders())
        in_threads(2, lambda i: send_due_reminders())

    assert sum(result["sent"] for result in results) == 6
    reminders = OutgoingMessage.objects.filter(kind="event_reminder")
    assert reminders.count() == 6 and set(reminders.values_list("state", flat=True)) == {MessageState.SENT}
    smtp_server.wait_for(12)
    sent = mails_of_kind(smtp_server, "Morgen")
    assert sorted(mail["to"][0] for mail in sent) == sorted(p.email for p in people)


def test_no_reminder_for_cancelled_or_waiting_sign_ups_but_one_for_who_moves_up_later(home, smtp_server):
    event = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(19, 30), capacity=2)
    with time_machine.travel(local(2026, 11, 1, 10), tick=False):
        a, b, c, d = (sign_up(event, person(i)).sign_up for i in range(4))
        cancel(a)  # c moves up, d waits
        deliver_pending()
    with time_machine.travel(local(2026, 11, 11, 19, 5), tick=False):
        send_due_reminders()
    assert sorted(OutgoingMessage.objects.filter(kind="event_reminder").values_list("sign_up__email", flat=True)) == [
        b.email,
        c.email,
    ]

    with time_machine.travel(local(2026, 11, 11, 21, 0), tick=False):
        cancel(b)  # d moves up after the reminders went out
        send_due_reminders()
    d.refresh_from_db()
    assert d.status == SignUpStatus.CONFIRMED
    assert kinds(d, "event_reminder").get().state == MessageState.SENT
    assert not kinds(a, "event_reminder").exists()
    smtp_server.wait_for(1)
    assert sorted(mail["to"][0] for mail in mails_of_kind(smtp_server, "Morgen")) == [b.email, c.email, d.email]


def test_a_reminder_still_pending_when_the_sign_up_is_cancelled_is_not_sent(home, smtp_server):
    event = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(19, 30))
    with time_machine.travel(local(2026, 11, 11, 19, 5), tick=False):
        attendee = sign_up(event, person(1)).sign_up
        plan_event_messages()
        cancel(attendee)
        deliver_pending()
    assert kinds(attendee, "event_reminder").get().state == MessageState.SKIPPED
    assert not mails_of_kind(smtp_server, "Morgen")


def test_a_late_sign_up_gets_the_reminder_once_unless_the_event_starts_within_two_hours(home, smtp_server):
    event = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(19, 30), capacity=None)
    with time_machine.travel(local(2026, 11, 12, 9, 0), tick=False):
        morning = sign_up(event, person(1)).sign_up
        send_due_reminders()
        send_due_reminders()
    with time_machine.travel(local(2026, 11, 12, 17, 31), tick=False):
        late = sign_up(event, person(2)).sign_up
        send_due_reminders()

    assert kinds(morning, "event_reminder").get().state == MessageState.SENT
    assert not kinds(late, "event_reminder").exists()
    smtp_server.wait_for(3)
    (mail,) = mails_of_kind(smtp_server, "Vandaag")
    assert mail["to"] == [morning.email]
    assert "Vandaag is het zover" in parts_of(mail)["text/plain"].get_content()


def test_nothing_is_planned_or_sent_once_the_event_has_started(home, smtp_server):
    event = make_event(
        home,
        start_date=dt.date(2026, 11, 12),
        start_time=dt.time(19, 30),
        online=True,
        location="",
        video_link=VIDEO_LINK,
    )
    smtp_server.refuse = True  # the mail server is down until the event has started
    with time_machine.travel(local(2026, 11, 11, 19, 5), tick=False):
        attendee = sign_up(event, person(1)).sign_up
        OutgoingMessage.objects.filter(sign_up=attendee).update(state=MessageState.SENT)  # the confirmation
        assert plan_event_messages() == 1  # the reminder
        deliver_pending()
    with time_machine.travel(local(2026, 11, 12, 18, 40), tick=False):
        assert plan_event_messages() == 1  # the video link
        deliver_pending()
    assert set(OutgoingMessage.objects.filter(sign_up=attendee).values_list("kind", "state")) >= {
        ("event_reminder", MessageState.PENDING),
        ("event_video_link", MessageState.PENDING),
    }
    smtp_server.refuse = False
    with time_machine.travel(local(2026, 11, 12, 19, 30), tick=False):
        late = sign_up(event, person(2)).sign_up
        assert plan_event_messages() == 0
        deliver_pending(now=local(2026, 11, 13, 0, 0))
    assert kinds(attendee, "event_reminder").get().state == MessageState.SKIPPED
    assert kinds(attendee, "event_video_link").get().state == MessageState.SKIPPED
    assert not OutgoingMessage.objects.filter(sign_up=late, kind__in=["event_reminder", "event_video_link"]).exists()
    assert [str(mail["message"]["Subject"]) for mail in smtp_server.messages] == [f"Je bent aangemeld: {event.title}"]


# --- the video link: from an hour before an online event ------------------------------------------------------------


def test_the_video_link_arrives_from_an_hour_before_and_only_in_its_own_e_mail(home, smtp_server, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    event = make_event(
        home,
        start_date=dt.date(2026, 11, 12),
        start_time=dt.time(20, 0),
        online=True,
        location="",
        video_link=VIDEO_LINK,
        capacity=1,
    )
    with time_machine.travel(local(2026, 11, 1, 10), tick=False):
        attendee = sign_up(event, person(1)).sign_up
        waiting = sign_up(event, person(2)).sign_up
        cancelled = sign_up(event, person(3)).sign_up
        cancel(cancelled)
    with time_machine.travel(local(2026, 11, 11, 19, 5), tick=False):
        send_due_reminders()  # the confirmation, the waiting notice, the reminder
    with time_machine.travel(local(2026, 11, 12, 18, 59), tick=False):
        send_due_reminders()
    assert not OutgoingMessage.objects.filter(kind="event_video_link").exists()
    with time_machine.travel(local(2026, 11, 12, 19, 0), tick=False):
        assert send_due_reminders()["sent"] == 1
        send_due_reminders()

    assert kinds(attendee, "event_video_link").get().state == MessageState.SENT
    assert not kinds(waiting, "event_video_link").exists() and not kinds(cancelled, "event_video_link").exists()
    smtp_server.wait_for(5)
    (mail,) = mails_of_kind(smtp_server, "De link om mee te doen")
    assert mail["to"] == [attendee.email]
    parts = parts_of(mail)
    assert VIDEO_LINK in parts["text/plain"].get_content() and VIDEO_LINK in parts["text/html"].get_content()
    assert "om 20:00 uur" in parts["text/plain"].get_content()
    assert "text/calendar" not in parts
    others = [m for m in smtp_server.messages if m is not mail]
    assert {str(m["message"]["Subject"]).split(":")[0] for m in others} == {
        "Je bent aangemeld",
        "Je staat op de wachtlijst",
        "Je bent afgemeld",
        "Morgen",
    }
    (reminder,) = mails_of_kind(smtp_server, "Morgen")
    assert "Waar: online" in parts_of(reminder)["text/plain"].get_content()
    for other in others:
        texts = [str(part.get_content()) for part in other["message"].walk() if not part.is_multipart()]
        assert all("video.example.org" not in text for text in texts)

    client = Client()
    for url in (event.url, event.get_parent().url, f"{event.url}kalender/", f"{event.url}afmelden/{attendee.token}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "video.example.org" not in response.content.decode(), url


def test_no_video_link_for_an_event_on_location_or_an_online_event_without_a_link(home):
    on_location = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(20, 0), video_link=VIDEO_LINK)
    without_link = make_event(home, start_date=dt.date(2026, 11, 12), start_time=dt.time(20, 0), online=True)
    with time_machine.travel(local(2026, 11, 1, 10), tick=False):
        sign_up(on_location, person(1))
        sign_up(without_link, person(2))
    with time_machine.travel(local(2026, 11, 11, 19, 30), tick=False):
        assert plan_event_messages() == 2  # both get the reminder
    with time_machine.travel(local(2026, 11, 12, 19, 30), tick=False):
        assert plan_event_messages() == 0
    assert not OutgoingMessage.objects.filter(kind="event_video_link").exists()


# --- the planner's cost ----------------------------------------------------------------------------------------------


def test_the_planner_s_queries_do_not_grow_with_the_number_of_events(home):
    def queries_for(count, day):
        # At 19:00 on the day: the video link for the online events that evening, the reminder for tomorrow's.
        online = {"online": True, "location": "", "video_link": VIDEO_LINK}
        events = [
            make_event(home, start_date=on, start_time=dt.time(19, 30), capacity=None, **fields)
            for on, fields in ((day, online), (day + dt.timedelta(days=1), {}))
            for _ in range(count)
        ]
        with time_machine.travel(local(2026, 11, 1, 10), tick=False):
            for number, event in enumerate(events):
                sign_up(event, person(number))
                sign_up(event, person(number + 100))
        moment = dt.datetime.combine(day, dt.time(19, 0), tzinfo=AMSTERDAM)
        with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
            planned = plan_event_messages()
        assert planned == len(events) * 2  # a video link or a reminder for each of the two attendees of each event
        return len(queries)

    assert queries_for(1, dt.date(2026, 11, 12)) == queries_for(50, dt.date(2026, 11, 19))
