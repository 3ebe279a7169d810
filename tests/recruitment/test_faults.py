"""Faults, with the real services: PostgreSQL, Redis, a Celery worker and an aiosmtpd SMTP server. For each fault,
the test counts the registrations stored and the mails the SMTP server received per (registration, kind) (a received
mail is matched to its row by its Message-ID), and ends with the same assertion: every row that should be sent was
received once and is recorded as sent, nothing else arrived. The one exception is a worker killed between the mail
server's "accepted" and its commit: that message arrives twice, both copies with the same Message-ID."""

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from recruitment.delivery import deliver_pending, plan_follow_ups
from recruitment.models import InteractionKind, MessageState, OutgoingMessage, Registration, Status
from recruitment.services import log_contact
from recruitment.tasks import send_due_reminders
from tests.helpers import wait_until

from .conftest import celery_app, valid_data
from .test_worker import run_at_once

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

REGISTER = "/aanmelding/"
# What an older version of the form accepted: an encoded word that the mail layer turns into "a\r\nb".
POISONED = '"=?utf-8?q?a=0D=0Ab?="@example.nl'
FIRST_MESSAGES = ("staff_notification", "confirmation")
DUE = ("staff_notification", "confirmation", "reminder_day_7")  # for a registration of eight days ago
MESSAGE_ID = re.compile(r"<registration-(\d+)\.message-(\d+)@[^>]+>")
SENT = MessageState.SENT


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def message_key(item):
    """(registration pk, message pk) of a received mail, from its Message-ID."""
    match = MESSAGE_ID.fullmatch(str(item["message"]["Message-ID"] or ""))
    assert match, f"a mail without our Message-ID: {item['message']['Message-ID']!r}"
    return int(match[1]), int(match[2])


def tally(smtp_server):
    """What became of every message, per (registration pk, kind): (copies the SMTP server received, the row's state).

    A row recorded as sent without a sent_at shows as "sent without sent_at"; a received mail without a row of its
    own (its Message-ID names no row, or another registration's) shows under "?message-<pk>" as "no row"."""
    rows = {row.pk: row for row in OutgoingMessage.objects.all()}
    received = Counter()
    for item in smtp_server.messages:
        registration_id, message_pk = message_key(item)
        row = rows.get(message_pk)
        kind = row.kind if row is not None and row.registration_id == registration_id else f"?message-{message_pk}"
        received[registration_id, kind] += 1
    picture = {}
    for row in rows.values():
        state = row.state if row.state != SENT or row.sent_at else "sent without sent_at"
        picture[row.registration_id, row.kind] = (received.pop((row.registration_id, row.kind), 0), state)
    picture.update({key: (count, "no row") for key, count in received.items()})
    return picture


def sent_once(registrations, kinds=DUE):
    return {(registration.pk, kind): (1, SENT) for registration in registrations for kind in kinds}


def assert_outcome(smtp_server, expected, *, registrations):
    """The one assertion every fault ends with: how many registrations are stored, and per (registration, kind) how
    many copies arrived and what the row says."""
    assert Registration.objects.count() == registrations
    assert tally(smtp_server) == expected


def make_due_now(**filters):
    """Move the next attempt of pending rows to now (as if their back-off had passed)."""
    return OutgoingMessage.objects.filter(state=MessageState.PENDING, **filters).update(next_attempt_at=timezone.now())


def states(registration):
    return dict(registration.messages.values_list("kind", "state"))


async def wait_for_event(event, timeout=30):
    """In an SMTP handler: wait for a threading.Event set by the test, without blocking the server's loop."""
    await asyncio.to_thread(event.wait, timeout)


def start_thread_worker():
    from celery.contrib.testing.worker import start_worker

    return start_worker(
        celery_app(),
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
        queues=[django_settings.CELERY_TASK_DEFAULT_QUEUE],
    )


# 1. A poisoned address -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scan_by", ["apply", "worker"])
def test_a_poisoned_address_fails_alone_and_everyone_else_is_followed_up(
    scan_by, request, client, postgres, home, regions, make_registration, smtp_server, settings
):
    poisoned = make_registration(created_at=days_ago(9), email=POISONED)  # stored as an older form accepted it
    others = [make_registration(created_at=days_ago(8)) for _ in range(3)]
    assert OutgoingMessage.objects.order_by("next_attempt_at", "pk").first().registration_id == poisoned.pk

    # Today's form refuses the address: the visitor is told, nothing is stored.
    response = client.post(REGISTER, valid_data(email=POISONED))
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "Naar dit e-mailadres kunnen we geen e-mail sturen" in response.content.decode()
    assert Registration.objects.count() == 4

    confirmation = poisoned.messages.get(kind="confirmation")
    if scan_by == "worker":
        request.getfixturevalue("celery_worker")

    def scan(until, what):
        if scan_by == "apply":
            send_due_reminders.apply().get()
        else:
            send_due_reminders.delay()  # as celery beat sends it, to the real worker
        wait_until(until, message=what)

    def first_round_done():
        confirmation.refresh_from_db()
        return confirmation.attempts == 1 and OutgoingMessage.objects.filter(state=SENT).count() == 11

    before = timezone.now()
    scan(first_round_done, "the first scan")
    confirmation.refresh_from_db()
    assert confirmation.state == MessageState.PENDING
    assert (
        confirmation.last_error and "example.nl" not in confirmation.last_error and "=?" not in confirmation.last_error
    ), "the error is recorded, without the address"
    assert confirmation.next_attempt_at > before, "the next attempt waits for the back-off"
    expected = sent_once(others) | sent_once([poisoned], ("staff_notification", "reminder_day_7"))
    assert_outcome(smtp_server, expected | {(poisoned.pk, "confirmation"): (0, MessageState.PENDING)}, registrations=4)

    # The next attempts: the last one allowed gives up and warns the coordinator, once.
    settings.RECRUITMENT_SEND_MAX_ATTEMPTS = 2
    make_due_now(pk=confirmation.pk)
    warning_kind = f"delivery_failure_{confirmation.pk}"
    scan(lambda: OutgoingMessage.objects.filter(kind=warning_kind, state=SENT).exists(), "the warning")
    confirmation.refresh_from_db()
    assert (confirmation.state, confirmation.attempts) == (MessageState.FAILED, 2)
    send_due_reminders.apply().get()  # a later scan sends nothing more

    (warning,) = [
        item for item in smtp_server.messages if message_key(item)[1] == poisoned.messages.get(kind=warning_kind).pk
    ]
    assert warning["message"]["To"] == "coordinator-oost@example.org"
    assert_outcome(
        smtp_server,
        expected | {(poisoned.pk, "confirmation"): (0, MessageState.FAILED), (poisoned.pk, warning_kind): (1, SENT)},
        registrations=4,
    )


# 2. The broker is down -------------------------------------------------------------------------------------------


def test_with_the_broker_down_registrations_are_kept_and_the_scan_sends_each_message_once(
    client, postgres, home, regions, smtp_server, private_broker
):
    private_broker.stop()
    for number in range(3):
        started = time.monotonic()
        data = valid_data(email=f"kandidaat-{number}@example.org", name=f"Kandidaat {number}")
        response = client.post(REGISTER, data)
        elapsed = time.monotonic() - started
        assert response.status_code == 303
        assert elapsed < 5, f"the request waited {elapsed:.1f}s for the broker"
    registrations = list(Registration.objects.all())
    assert {message.state for message in OutgoingMessage.objects.all()} == {MessageState.PENDING}
    assert OutgoingMessage.objects.count() == 6
    assert smtp_server.messages == []

    private_broker.start()
    with start_thread_worker():
        send_due_reminders.delay()
        wait_until(lambda: not OutgoingMessage.objects.exclude(state=SENT).exists(), message="everything sent")
    send_due_reminders.apply().get()  # a later scan finds nothing left
    assert_outcome(smtp_server, sent_once(registrations, FIRST_MESSAGES), registrations=3)


# 3. The mail server refuses for a while ----------------------------------------------------------------------------


def test_a_mail_server_answering_451_for_a_while_delays_but_sends_everything_once(
    client, postgres, home, regions, make_registration, smtp_server, celery_worker
):
    smtp_server.refuse = True
    due = [make_registration(created_at=days_ago(8)) for _ in range(3)]
    assert client.post(REGISTER, valid_data()).status_code == 303  # the worker tries it, and retries
    posted = Registration.objects.get(email="sanne@example.org")

    for _ in range(2):
        make_due_now()
        send_due_reminders.apply().get()
    # The scans made two attempts at every row; a third on the posted ones is the worker's task (or its retry).
    wait_until(lambda: min(posted.messages.values_list("attempts", flat=True)) >= 3, message="the worker's attempts")
    assert smtp_server.messages == []
    assert set(OutgoingMessage.objects.values_list("state", flat=True)) == {MessageState.PENDING}
    for error in OutgoingMessage.objects.values_list("last_error", flat=True):
        assert "451" in error and "@" not in error, error
    assert set(OutgoingMessage.objects.exclude(registration=posted).values_list("attempts", flat=True)) == {2}

    smtp_server.refuse = False
    make_due_now()
    send_due_reminders.apply().get()
    wait_until(lambda: not OutgoingMessage.objects.exclude(state=SENT).exists(), message="everything sent")
    send_due_reminders.apply().get()  # a later scan finds nothing left

    assert set(OutgoingMessage.objects.exclude(registration=posted).values_list("attempts", flat=True)) == {3}
    assert min(posted.messages.values_list("attempts", flat=True)) >= 4
    assert set(OutgoingMessage.objects.values_list("last_error", flat=True)) == {""}
    assert_outcome(smtp_server, sent_once(due) | sent_once([posted], FIRST_MESSAGES), registrations=4)


# 4. The worker is killed mid-batch ------------------------------------------------------------------------------------


def database_url():
    """The test database (where this transactional test commits), for another process."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def row_lock_is_free(pk):
    try:
        with transaction.atomic():
            list(OutgoingMessage.objects.select_for_update(nowait=True).filter(pk=pk))
        return True
    except DatabaseError:
        return False


def test_a_worker_killed_between_the_servers_accept_and_its_commit_sends_that_one_message_again_with_the_same_id(
    postgres, redis_url, home, make_registration, smtp_server, tmp_path
):
    registrations = [make_registration(created_at=days_ago(8)) for _ in range(3)]
    kill_at = 3  # the third mail of the batch: two are sent and recorded, six are still to go
    accepted, killed = threading.Event(), threading.Event()
    in_flight = {}
    original_data = smtp_server.handle_DATA

    async def slow_data(server, session, envelope):
        await asyncio.sleep(0.05)
        status = await original_data(server, session, envelope)
        if len(smtp_server.messages) == kill_at:
            in_flight["session"] = session
        return status

    async def quit_(server, session, envelope):
        if session is in_flight.get("session"):
            # The worker has the 250 for this mail and now closes the connection; its commit comes after our reply.
            accepted.set()
            await wait_for_event(killed)
        return "221 Bye"

    smtp_server.handle_DATA = slow_data
    smtp_server.handle_QUIT = quit_

    queue = f"techniekdocent-faults-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.fault_worker_settings",
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
        "FAULT_WORKER_QUEUE": queue,
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                "--loglevel=WARNING",
            ],
            cwd=Path(django_settings.BASE_DIR),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        send_due_reminders.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while not accepted.wait(0.1):
            assert worker.poll() is None, f"the worker stopped:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the worker sent nothing:\n{log.read_text()}"
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(10) == -signal.SIGKILL
    finally:
        killed.set()
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
        with celery_app().connection_for_write() as broker:
            broker.default_channel.queue_purge(queue)

    assert len(smtp_server.messages) == kill_at
    _, in_flight_pk = message_key(smtp_server.messages[-1])
    # PostgreSQL ends the dead worker's transaction when its connection drops: the row's lock goes with it.
    wait_until(lambda: row_lock_is_free(in_flight_pk), timeout=10, message="the killed worker's lock released")
    message = OutgoingMessage.objects.get(pk=in_flight_pk)
    assert (message.state, message.attempts, message.sent_at) == (MessageState.PENDING, 0, None)
    assert OutgoingMessage.objects.filter(state=SENT).count() == kill_at - 1
    assert OutgoingMessage.objects.count() == 9, "the killed worker's scan had planned the reminders"

    send_due_reminders.apply().get()  # the next scan, in this process

    copies = [item["message"]["Message-ID"] for item in smtp_server.messages if message_key(item)[1] == in_flight_pk]
    assert copies == [message.message_id] * 2, "the message in flight came twice, recognisably as one"
    expected = sent_once(registrations) | {(message.registration_id, message.kind): (2, SENT)}
    assert_outcome(smtp_server, expected, registrations=3)


# 5. Two scans at once -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("site_settings_row", [True, False], ids=["settings-saved", "settings-never-saved"])
def test_two_scans_delivering_at_the_same_moment_send_each_message_once(
    postgres, home, make_registration, smtp_server, site_settings_row
):
    # Without a saved settings row, a sender that created it while holding its message (as Wagtail's for_site does)
    # would make the other scan wait for that commit: senders only read.
    if not site_settings_row:
        from content.models import SiteSettings

        SiteSettings.objects.all().delete()
    registrations = [make_registration(created_at=days_ago(8)) for _ in range(4)]
    original_data = smtp_server.handle_DATA
    on_the_wire = Counter()
    both = threading.Event()

    async def overlapping_data(server, session, envelope):
        # The first mail waits until the other scan has one on the wire too: both hold a row lock at once.
        on_the_wire["now"] += 1
        if on_the_wire["now"] >= 2:
            both.set()
        elif not both.is_set():
            await wait_for_event(both, timeout=10)
        await asyncio.sleep(0.05)  # slow, so that the scans keep overlapping
        try:
            return await original_data(server, session, envelope)
        finally:
            on_the_wire["now"] -= 1

    smtp_server.handle_DATA = overlapping_data
    results = run_at_once(lambda: send_due_reminders.apply().get(), times=2)
    assert both.is_set(), "the two scans were delivering at the same moment"
    assert sorted(result["sent"] for result in results)[0] > 0, f"both scans sent part: {results}"
    assert sum(result["sent"] for result in results) == 12
    assert_outcome(smtp_server, sent_once(registrations), registrations=4)


# 6. Staff log contact while a reminder is being sent -------------------------------------------------------------


def test_logging_contact_while_a_reminder_is_on_the_wire_neither_waits_nor_rewrites_it(
    postgres, home, make_registration, staff_user, smtp_server
):
    now = timezone.now()
    registration = make_registration(created_at=days_ago(15))
    bystander = make_registration(created_at=days_ago(8))
    # An earlier reminder that the mail server refused, waiting for its next attempt.
    deferred = OutgoingMessage.objects.create(
        registration=registration,
        kind="reminder_day_7",
        created_at=days_ago(8),
        attempts=1,
        next_attempt_at=now + timedelta(hours=1),
        last_error="SMTPRecipientsRefused: 451 4.3.0 Try again later",
    )
    assert plan_follow_ups() == 2
    reminder = registration.messages.get(kind="reminder_day_14")

    on_the_wire, release = threading.Event(), threading.Event()
    original_data = smtp_server.handle_DATA

    async def holding_data(server, session, envelope):
        status = await original_data(server, session, envelope)
        if smtp_server.messages[-1]["message"]["Message-ID"] == reminder.message_id:
            on_the_wire.set()
            await wait_for_event(release)
        return status

    smtp_server.handle_DATA = holding_data
    outcome = {}

    def scan():
        try:
            outcome["result"] = send_due_reminders.apply().get()
        except Exception as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connection.close()

    scanner = threading.Thread(target=scan)
    scanner.start()
    try:
        assert on_the_wire.wait(20), "the reminder reached the mail server"
        started = time.monotonic()
        log_contact(
            registration, user=staff_user, contacted_at=timezone.now(), method=InteractionKind.PHONE_CALL, note="Gebeld"
        )
        elapsed = time.monotonic() - started
        assert elapsed < 2, f"logging contact waited {elapsed:.1f}s for the mail server"
        assert scanner.is_alive() and not release.is_set(), "the reminder was still on the wire"
        assert states(registration) == {
            "staff_notification": SENT,
            "confirmation": SENT,
            "reminder_day_7": MessageState.SKIPPED,
            "reminder_day_14": MessageState.PENDING,
        }
    finally:
        release.set()
        scanner.join(30)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"]["sent"] == 6

    reminder.refresh_from_db()
    assert reminder.state == SENT and reminder.sent_at is not None and reminder.attempts == 1
    deferred.refresh_from_db()
    assert deferred.state == MessageState.SKIPPED
    registration.refresh_from_db()
    assert registration.status == Status.CONTACTED

    # Later scans, now and a week on, send nothing more for it (and go on for the bystander).
    send_due_reminders.apply().get()
    later = timezone.now() + timedelta(days=7)
    plan_follow_ups(later)
    deliver_pending(now=later)
    expected = (
        sent_once([bystander], (*DUE, "reminder_day_14"))
        | sent_once([registration], ("staff_notification", "confirmation", "reminder_day_14"))
        | {(registration.pk, "reminder_day_7"): (0, MessageState.SKIPPED)}
    )
    assert_outcome(smtp_server, expected, registrations=2)
