"""Privacy: withdrawal erases the personal data and stops everything; closed registrations are anonymised after the
retention period; the beat schedule runs the scan and the anonymisation."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.utils import timezone

from recruitment.models import MessageState, Registration, Status
from recruitment.services import months_before
from recruitment.tasks import anonymise_expired_registrations, send_due_reminders

from .conftest import valid_data
from .factories import FollowUpFactory

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_withdrawal_erases_the_personal_data_and_stops_everything(client, routes, regions, staff_user, smtp_server):
    client.post("/aanmelding/", valid_data(routes=[routes[0].pk]))
    registration = Registration.objects.get()
    FollowUpFactory(
        registration=registration,
        staff=staff_user,
        note="Sanne wil in Deventer starten, 06 12345678",
        status_after=Status.NEW,
    )
    token = registration.withdrawal_token
    url = f"/aanmelding/intrekken/{token}/"

    page = client.get(url)
    assert page.status_code == 200
    assert registration.__class__.objects.get().name == "Sanne de Vries", "opening the link changes nothing"
    assert "Ja, trek mijn aanmelding in" in page.content.decode()

    done = client.post(url)
    assert done.status_code == 200
    assert "We hebben je naam, e-mailadres, telefoonnummer, postcode en bericht gewist" in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.WITHDRAWN
    assert registration.withdrawn_at and registration.erased_at
    for field in ("name", "email", "phone", "postcode", "message"):
        assert getattr(registration, field) == "", field
    assert registration.withdrawal_token is None
    assert registration.follow_ups.get().note == "" and registration.follow_ups.get().staff_name == ""
    assert set(registration.messages.values_list("state", flat=True)) == {MessageState.SKIPPED}
    assert set(registration.messages.values_list("recipients", flat=True)) == {""}
    # What statistics need stays: region, dates, choices.
    assert registration.region == regions["east"] and registration.routes.count() == 1

    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        send_due_reminders.apply()
    assert smtp_server.messages == []
    assert client.get(url).status_code == 404, "the link works once"
    assert "Bedankt" in client.get("/aanmelding/bedankt/").content.decode()
    assert "Sanne" not in client.get("/aanmelding/bedankt/").content.decode()


def test_an_unknown_or_malformed_withdrawal_link_gets_a_clear_page(client, home):
    for token in ("onbekend", "x" * 200, "%00"):
        response = client.get(f"/aanmelding/intrekken/{token}/")
        assert response.status_code == 404
        assert "Deze link werkt niet (meer)" in response.content.decode()
    assert client.post("/aanmelding/intrekken/onbekend/").status_code == 404


def test_after_withdrawal_the_same_address_can_register_again(client, home, regions):
    client.post("/aanmelding/", valid_data())
    client.post(f"/aanmelding/intrekken/{Registration.objects.get().withdrawal_token}/")
    assert client.post("/aanmelding/", valid_data()).status_code == 303
    assert Registration.objects.filter(status=Status.NEW, email="sanne@example.org").count() == 1


def test_registrations_are_anonymised_a_retention_period_after_their_last_activity(make_registration, staff_user):
    now = datetime(2026, 6, 15, 3, 30, tzinfo=AMSTERDAM)

    def days_ago(days):
        return now - timedelta(days=days)

    long_ago = make_registration(
        name="Oude Otto", status=Status.CLOSED, closed_at=days_ago(370), last_activity_at=days_ago(370)
    )
    recent = make_registration(
        name="Recente Rita", status=Status.CLOSED, closed_at=days_ago(330), last_activity_at=days_ago(330)
    )
    # Whatever the status: an open registration nobody touched for longer than the period is erased too ...
    forgotten = make_registration(name="Vergeten Vera", created_at=days_ago(400), last_activity_at=days_ago(400))
    # ... but not one with recent activity (here: the registrant confirmed a new post 20 days ago).
    still_open = make_registration(name="Open Olaf", created_at=days_ago(400), last_activity_at=days_ago(20))
    with time_machine.travel(now, tick=False):
        assert anonymise_expired_registrations.apply().get() == 2
        assert anonymise_expired_registrations.apply().get() == 0, "idempotent"
    for registration in (long_ago, recent, forgotten, still_open):
        registration.refresh_from_db()
    assert long_ago.name == "" and long_ago.email == "" and long_ago.erased_at == now
    assert long_ago.status == Status.CLOSED
    assert forgotten.name == "" and forgotten.erased_at == now and forgotten.status == Status.NEW
    assert recent.name == "Recente Rita" and still_open.name == "Open Olaf"


def test_the_retention_period_is_a_setting_counted_in_calendar_months(make_registration, settings):
    settings.RECRUITMENT_RETENTION_MONTHS = 1
    now = datetime(2026, 3, 31, 12, 0, tzinfo=AMSTERDAM)
    assert months_before(now, 1) == datetime(2026, 2, 28, 12, 0, tzinfo=AMSTERDAM)
    assert months_before(now, 12) == datetime(2025, 3, 31, 12, 0, tzinfo=AMSTERDAM)
    closed_at = datetime(2026, 2, 27, 12, 0, tzinfo=AMSTERDAM)
    closed = make_registration(status=Status.CLOSED, closed_at=closed_at, last_activity_at=closed_at)
    with time_machine.travel(now, tick=False):
        anonymise_expired_registrations.apply()
    closed.refresh_from_db()
    assert closed.erased_at is not None


def test_the_beat_schedule_runs_the_scan_at_a_fixed_interval_and_anonymises_daily(settings):
    from celery.schedules import crontab

    from config.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE
    scan = schedule["recruitment-send-due-reminders"]
    assert scan["task"] == "recruitment.tasks.send_due_reminders"
    assert scan["schedule"] == timedelta(minutes=settings.RECRUITMENT_SCAN_INTERVAL_MINUTES) == timedelta(minutes=5)
    daily = schedule["recruitment-anonymise-expired-registrations"]
    assert daily["task"] == "recruitment.tasks.anonymise_expired_registrations"
    assert isinstance(daily["schedule"], crontab)
    app.loader.import_default_modules()  # the apps' tasks modules, as a worker or beat loads them at start
    for entry in schedule.values():
        assert entry["task"] in app.tasks
    assert app.conf.timezone == "Europe/Amsterdam"
    assert settings.RECRUITMENT_REMINDER_DAYS == (7, 14, 21, 27)
    assert settings.RECRUITMENT_RETENTION_MONTHS == 12
    assert settings.EMAIL_TIMEOUT > 0


def test_the_delivery_task_takes_a_primary_key_and_is_idempotent(make_registration, mailoutbox):
    from celery.contrib.django.task import DjangoTask

    from recruitment.tasks import deliver_registration_messages

    assert isinstance(deliver_registration_messages, DjangoTask)
    registration = make_registration()
    assert deliver_registration_messages.apply(args=[registration.pk]).get() == 2
    assert deliver_registration_messages.apply(args=[registration.pk]).get() == 0
    assert deliver_registration_messages.apply(args=[registration.pk + 1000]).get() == 0, "a vanished registration"
    assert len(mailoutbox) == 2
