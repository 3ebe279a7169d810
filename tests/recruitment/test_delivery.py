"""Who receives what, and what happens when an address is refused for good."""

import pytest

from recruitment.emails import build_email
from recruitment.models import MessageState
from recruitment.tasks import send_due_reminders

pytestmark = pytest.mark.django_db


def test_staff_mail_falls_back_to_the_coordinator_then_to_the_site_contact(make_registration, regions, home):
    east = regions["east"]
    registration = make_registration()
    assert build_email("staff_notification", registration).to == ["oost-1@example.org", "oost-2@example.org"]
    east.follow_up.follow_up_emails = ""
    east.follow_up.save()
    registration.refresh_from_db()
    assert build_email("reminder_day_7", registration).to == ["coordinator-oost@example.org"]
    east.follow_up.coordinator_email = ""
    east.follow_up.save()
    registration.refresh_from_db()
    assert build_email("staff_notification", registration).to == ["info@example.org"]
    escalation = build_email("escalation_day_30", registration)
    assert escalation.to == ["info@example.org"] and escalation.cc == []


def test_without_any_recipient_the_message_is_marked_failed_not_lost_silently(make_registration, smtp_server):
    registration = make_registration()
    registration.region = None  # no default region was configured, and the site has no contact address
    registration.save()
    send_due_reminders.apply()
    notification = registration.messages.get(kind="staff_notification")
    assert notification.state == MessageState.FAILED
    assert "Geen ontvanger" in notification.last_error
    assert registration.messages.get(kind="confirmation").state == MessageState.SENT


def test_a_registrant_address_refused_for_good_fails_once_and_the_rest_goes_on(make_registration, smtp_server):
    registration = make_registration(email="bestaat-niet@example.org")
    original = smtp_server.handle_RCPT

    async def refuse_one(server, session, envelope, address, rcpt_options):
        if address == "bestaat-niet@example.org":
            return "550 5.1.1 No such user"
        return await original(server, session, envelope, address, rcpt_options)

    smtp_server.handle_RCPT = refuse_one
    send_due_reminders.apply()
    send_due_reminders.apply()
    confirmation = registration.messages.get(kind="confirmation")
    assert confirmation.state == MessageState.FAILED
    assert confirmation.attempts == 1, "a permanent refusal is not retried"
    assert "550" in confirmation.last_error
    assert "bestaat-niet@example.org" not in confirmation.last_error, "errors name no addresses"
    assert registration.messages.get(kind="staff_notification").state == MessageState.SENT
    # The coordinator hears that the registrant got no confirmation, once.
    warning = registration.messages.get(kind=f"delivery_failure_{confirmation.pk}")
    assert warning.state == MessageState.SENT
    assert len(smtp_server.messages) == 2
    (mail,) = [item for item in smtp_server.messages if "coordinator-oost@example.org" in item["to"]]
    assert mail["message"]["Subject"].startswith("Niet afgeleverd: bericht over Aanmelder")
    body = mail["message"].get_body(("plain",)).get_content()
    assert "Bevestiging aan de aanmelder" in body and "geen bevestiging gekregen" in body


def test_an_unreachable_mail_server_stops_the_round_and_keeps_everything_pending(make_registration, settings):
    from tests.helpers import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    first, second = make_registration(), make_registration()
    result = send_due_reminders.apply().get()
    assert result["sent"] == 0 and result["deferred"] == 1, "the first connection error ends the round"
    attempts = sorted(m.attempts for r in (first, second) for m in r.messages.all())
    assert attempts == [0, 0, 0, 1]
    assert {m.state for r in (first, second) for m in r.messages.all()} == {MessageState.PENDING}


def test_staff_read_every_kind_of_message_in_words(make_registration):
    from recruitment.models import OutgoingMessage

    labels = {
        kind: OutgoingMessage(kind=kind).kind_label
        for kind in (
            "staff_notification",
            "staff_notification_region_4",
            "confirmation",
            "reminder_day_14",
            "escalation_day_30",
            "escalation_week_2",
        )
    }
    assert labels == {
        "staff_notification": "Bericht aan de regio",
        "staff_notification_region_4": "Bericht aan de nieuwe regio",
        "confirmation": "Bevestiging aan de aanmelder",
        "reminder_day_14": "Herinnering aan de regio, dag 14",
        "escalation_day_30": "Waarschuwing aan de coördinator, dag 30",
        "escalation_week_2": "Waarschuwing aan de coördinator, dag 44",
    }
