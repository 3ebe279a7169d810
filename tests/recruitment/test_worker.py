"""The whole chain with real services: the form, PostgreSQL, a Redis broker, a Celery worker and an SMTP server.
These tests commit (the worker must see the rows), so they use transactional databases."""

import asyncio
import re
import socket
import threading
import time
from datetime import timedelta

import pytest

from django.db import connection
from django.utils import timezone

from recruitment.models import MessageState, OutgoingMessage, Registration, Status
from recruitment.tasks import send_due_reminders
from tests.helpers import wait_until

from .conftest import celery_app, valid_data

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
REGISTER = "/aanmelding/"


def by_recipient(messages, address):
    return [item for item in messages if address in item["to"]]


def run_at_once(work, *, times):
    """Run `work` in `times` threads released together (each with its own database connection); its results, or
    the first error raised in any thread."""
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # re-raised below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return results


def test_a_posted_registration_notifies_the_region_and_confirms_to_the_registrant(
    client, postgres, routes, regions, smtp_server, celery_worker
):
    response = client.post(REGISTER, valid_data(routes=[routes[0].pk, routes[2].pk]))
    assert response.status_code == 303
    registration = Registration.objects.get()

    smtp_server.wait_for(2)
    time.sleep(1)  # nothing else arrives
    assert len(smtp_server.messages) == 2

    (staff_mail,) = by_recipient(smtp_server.messages, "oost-1@example.org")
    assert sorted(staff_mail["to"]) == ["oost-1@example.org", "oost-2@example.org"]
    staff = staff_mail["message"]
    assert staff["Subject"].startswith("Nieuwe aanmelding: Sanne de Vries (Oost), contact uiterlijk")
    assert staff["From"] == "Word techniekdocent <noreply@example.org>"
    text = staff.get_body(("plain",)).get_content()
    for expected in (
        "Sanne de Vries",
        "sanne@example.org",
        "06 12345678",
        "7511 AB (regio Oost)",
        "Bellen",
        "Ik werk in de techniek",
        "Hoogste opleiding: mbo niveau 4",
        "Jaren technische werkervaring: 8",
        "Zij-instroom in het beroep, Hybride docent",
        "Docent, Hybride docent",
        "Liefst na vijf uur bellen.",
        f"http://127.0.0.1:8000/admin/aanmeldingen/inspect/{registration.pk}/",
    ):
        assert expected in text, expected
    due = timezone.localtime(registration.contact_due_at)
    assert f"{due.day} " in staff["Subject"]

    (confirmation_mail,) = by_recipient(smtp_server.messages, "sanne@example.org")
    confirmation = confirmation_mail["message"]
    assert confirmation["Subject"] == "Je aanmelding bij Word techniekdocent"
    assert confirmation.get_content_type() == "multipart/alternative"
    plain = confirmation.get_body(("plain",)).get_content()
    html = confirmation.get_body(("html",)).get_content()
    withdraw_url = f"http://127.0.0.1:8000/aanmelding/intrekken/{registration.withdrawal_token}/"
    for body in (plain, html):
        assert "Hallo Sanne de Vries" in body
        assert "Oost" in body
        assert "telefonisch" in body
        assert withdraw_url in body
    assert '<html lang="nl">' in html

    registration.refresh_from_db()
    assert registration.notified_at and registration.confirmed_at
    assert set(OutgoingMessage.objects.values_list("kind", "state")) == {
        ("staff_notification", MessageState.SENT),
        ("confirmation", MessageState.SENT),
    }
    assert OutgoingMessage.objects.get(kind="confirmation").recipients == "sanne@example.org"

    # The registrant uses the link in the confirmation: the data is erased and nothing more is sent.
    path = re.search(r"http://127\.0\.0\.1:8000(/aanmelding/intrekken/[^/\s\"]+/)", plain).group(1)
    assert "Ja, trek mijn aanmelding in" in client.get(path).content.decode()
    assert client.post(path).status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.WITHDRAWN
    assert (registration.name, registration.email, registration.phone) == ("", "", "")


def test_with_the_broker_stopped_the_form_still_succeeds_and_the_next_scan_sends(
    client, postgres, home, regions, smtp_server, private_broker
):
    private_broker.stop()
    started = time.monotonic()
    response = client.post(REGISTER, valid_data())
    elapsed = time.monotonic() - started
    assert response.status_code == 303, "the visitor never sees the broker outage"
    assert elapsed < 1, f"the request waited {elapsed:.1f}s for the broker"
    registration = Registration.objects.get()
    assert set(registration.messages.values_list("state", flat=True)) == {MessageState.PENDING}
    assert smtp_server.messages == []

    private_broker.start()
    from celery.contrib.testing.worker import start_worker

    from django.conf import settings

    with start_worker(
        celery_app(),
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
        queues=[settings.CELERY_TASK_DEFAULT_QUEUE],
    ):
        send_due_reminders.delay()  # what celery beat sends every few minutes
        smtp_server.wait_for(2)
    assert {tuple(item["to"]) for item in smtp_server.messages} == {
        ("oost-1@example.org", "oost-2@example.org"),
        ("sanne@example.org",),
    }
    assert set(registration.messages.values_list("state", flat=True)) == {MessageState.SENT}


def test_with_a_hanging_broker_the_request_waits_only_for_the_socket_timeouts(
    client, postgres, home, regions, private_broker
):
    """A broker that accepts connections but never answers: the request is slowed by the timeouts, not hung."""
    from .conftest import switch_broker

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    switch_broker(celery_app(), f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
    try:
        started = time.monotonic()
        response = client.post(REGISTER, valid_data())
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert response.status_code == 303
    assert elapsed < 15, f"the request waited {elapsed:.1f}s"
    assert Registration.objects.get().messages.filter(state=MessageState.PENDING).count() == 2


def test_two_scans_at_the_same_time_send_each_message_once(postgres, make_registration, smtp_server):
    eight_days_ago = timezone.now() - timedelta(days=8)
    registrations = [make_registration(created_at=eight_days_ago) for _ in range(4)]
    original = smtp_server.handle_DATA

    async def slow_data(server, session, envelope):
        await asyncio.sleep(0.15)  # each delivery holds its row lock for a while, so the scans overlap
        return await original(server, session, envelope)

    smtp_server.handle_DATA = slow_data
    results = run_at_once(lambda: send_due_reminders.apply().get(), times=2)
    expected = len(registrations) * 3  # notification, confirmation and the day-7 reminder each
    assert sum(result["sent"] for result in results) == expected
    assert all(result["sent"] > 0 for result in results), f"both scans did part of the work: {results}"
    assert len(smtp_server.messages) == expected
    assert OutgoingMessage.objects.filter(state=MessageState.SENT).count() == expected
    keys = [(item["message"]["Subject"], tuple(sorted(item["to"]))) for item in smtp_server.messages]
    assert len(set(keys)) == expected, "no message was sent twice"


def test_an_smtp_server_refusing_mail_for_a_while_delays_but_loses_nothing(
    client, postgres, home, regions, smtp_server, celery_worker
):
    smtp_server.refuse = True
    assert client.post(REGISTER, valid_data()).status_code == 303
    registration = Registration.objects.get()
    wait_until(lambda: min(registration.messages.values_list("attempts", flat=True)) >= 2, message="two attempts")
    assert smtp_server.messages == []
    assert all("451" in error for error in registration.messages.values_list("last_error", flat=True))
    assert set(registration.messages.values_list("state", flat=True)) == {MessageState.PENDING}

    smtp_server.refuse = False  # the mail server is back; the retries (with backoff) deliver
    smtp_server.wait_for(2, timeout=30)
    wait_until(
        lambda: set(registration.messages.values_list("state", flat=True)) == {MessageState.SENT},
        message="both messages recorded as sent",
    )
    send_due_reminders.apply()  # a scan afterwards finds nothing left to send
    time.sleep(1)
    assert len(smtp_server.messages) == 2
    assert min(registration.messages.values_list("attempts", flat=True)) >= 3


def test_when_the_retries_run_out_the_scan_still_delivers(postgres, make_registration, smtp_server):
    registration = make_registration()
    smtp_server.refuse = True
    for _ in range(3):
        OutgoingMessage.objects.update(next_attempt_at=timezone.now())
        send_due_reminders.apply()
    assert smtp_server.messages == []
    assert set(registration.messages.values_list("attempts", flat=True)) == {3}
    smtp_server.refuse = False
    OutgoingMessage.objects.update(next_attempt_at=timezone.now())
    send_due_reminders.apply()
    assert len(smtp_server.messages) == 2


def test_the_same_address_posted_many_times_at_once_makes_one_registration(postgres, home, regions):
    from recruitment.forms import RegistrationForm
    from recruitment.services import submit_registration

    form = RegistrationForm(valid_data())
    assert form.is_valid(), form.errors
    run_at_once(lambda: submit_registration(form.cleaned_data, consent_version="1"), times=8)
    assert Registration.objects.count() == 1
    assert OutgoingMessage.objects.count() == 2
