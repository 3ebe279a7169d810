"""A message about an event sign-up that finally fails warns the coordinators of the event's regions (else the site's
contact address), once: which event, which message, to whom (name, address and phone, so staff can call), the error
and a link to the sign-up in the admin. The warning goes to staff, never to the attendee, and a warning that fails
itself warns nobody again."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.test import Client

from content.models import SiteSettings
from recruitment.delivery import NO_RECIPIENT, deliver_pending, sign_up_message_still_wanted
from recruitment.emails import build_sign_up_email
from recruitment.events import cancel, sign_up
from recruitment.kinds import EVENT_DELIVERY_FAILURE, MessageKind
from recruitment.models import MessageState, OutgoingMessage, RegionFollowUp
from routes.models import Region
from tests.recruitment.test_event_sign_up import make_event, person

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SIGNED_UP_AT = dt.datetime(2026, 11, 2, 10, 0, tzinfo=AMSTERDAM)
ATTENDEE = {**person(1), "email": "bestaat-niet@example.org", "phone": "06 1234 5678"}
COORDINATORS = ["coordinator-landelijk@example.org", "coordinator-oost@example.org"]


def event_for(home, *regions, **fields):
    event = make_event(home, start_date=dt.date(2026, 11, 12), title="Open avond Hengelo", **fields)
    event.regions.set(regions)
    event.save()
    return event


def refuse(smtp_server, addresses, reply):
    """Make the SMTP server refuse these recipients with this reply (and accept everyone else)."""
    accept = smtp_server.handle_RCPT

    async def handle_RCPT(server, session, envelope, address, rcpt_options):
        if address in addresses:
            return reply
        return await accept(server, session, envelope, address, rcpt_options)

    smtp_server.handle_RCPT = handle_RCPT


def rounds(count, start=SIGNED_UP_AT):
    """The outbox's rounds, a minute apart (longer than any pause between attempts in the test settings)."""
    for minute in range(count):
        with time_machine.travel(start + dt.timedelta(minutes=minute), tick=False):
            deliver_pending()


def warnings_about(sign_up_):
    return sign_up_.messages.filter(kind__startswith=EVENT_DELIVERY_FAILURE.stored)


def test_a_sign_up_message_that_finally_fails_warns_the_event_s_coordinators_once(
    home, regions, smtp_server, settings, staff_user
):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    settings.RECRUITMENT_SEND_MAX_ATTEMPTS = 3
    event = event_for(home, regions["east"], regions["national"])
    refuse(smtp_server, {ATTENDEE["email"]}, "451 4.2.0 Mailbox busy")  # not for good: tried again each time
    with time_machine.travel(SIGNED_UP_AT, tick=False):
        attendee = sign_up(event, ATTENDEE).sign_up

    rounds(2)
    confirmation = attendee.messages.get(kind="event_confirmation")
    assert (confirmation.state, confirmation.attempts) == (MessageState.PENDING, 2)
    assert not warnings_about(attendee).exists(), "no warning before the last attempt"
    rounds(6, start=SIGNED_UP_AT + dt.timedelta(minutes=2))

    confirmation.refresh_from_db()
    assert (confirmation.state, confirmation.attempts) == (MessageState.FAILED, 3)
    assert "451" in confirmation.last_error and ATTENDEE["email"] not in confirmation.last_error
    (warning,) = warnings_about(attendee)
    assert warning.kind == f"event_delivery_failure_{confirmation.pk}"
    assert warning.sign_up_id == attendee.pk and warning.registration_id is None
    assert warning.state == MessageState.SENT and warning.attempts == 1
    assert sorted(warning.recipients.split(", ")) == COORDINATORS

    smtp_server.wait_for(1)
    (mail,) = smtp_server.messages  # the warning only: the attendee's address was refused every time
    assert sorted(mail["to"]) == COORDINATORS, "the warning goes to staff, never to the attendee"
    assert str(mail["message"]["Subject"]) == "Niet afgeleverd: bericht aan Deelnemer 1 over Open avond Hengelo"
    body = mail["message"].get_body(("plain",)).get_content()
    assert "Open avond Hengelo, donderdag 12 november 2026" in body
    assert "Bericht: Bevestiging van de aanmelding voor het evenement" in body
    assert "Aan: Deelnemer 1, bestaat-niet@example.org" in body and "Telefoon: 06 1234 5678" in body
    assert "Fout: SMTPRecipientsRefused: 451 4.2.0 Mailbox busy" in body
    assert "na 3 pogingen" in body and "niet zeker dat er een plaats is" in body
    admin_path = f"/admin/evenementaanmeldingen/inspect/{attendee.pk}/"
    assert f"https://techniekdocent.example.org{admin_path}" in body

    client = Client()
    client.force_login(staff_user)
    detail = client.get(admin_path)
    assert detail.status_code == 200 and "Deelnemer 1" in detail.content.decode()

    # More rounds (a retried task, the periodic scan) send nothing more.
    rounds(3, start=SIGNED_UP_AT + dt.timedelta(hours=1))
    assert len(smtp_server.messages) == 1
    assert warnings_about(attendee).count() == 1


def test_the_warning_falls_back_to_the_site_s_contact_address(home, regions, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    without_coordinator = Region.objects.create(name="Zonder coördinator")
    RegionFollowUp.objects.create(region=without_coordinator, follow_up_emails="loket@example.org")
    cases = [
        ((regions["east"], without_coordinator), ["coordinator-oost@example.org"]),
        ((without_coordinator,), ["info@example.org"]),
        ((), ["info@example.org"]),
    ]
    for number, (event_regions, expected) in enumerate(cases):
        event = event_for(home, *event_regions, slug=f"open-avond-{number}")
        with time_machine.travel(SIGNED_UP_AT, tick=False):
            attendee = sign_up(event, ATTENDEE).sign_up
        failed = attendee.messages.get(kind="event_confirmation")
        failed.state, failed.attempts, failed.last_error = MessageState.FAILED, 1, "SMTPRecipientsRefused: 550"
        failed.save()
        kind = MessageKind(EVENT_DELIVERY_FAILURE, failed.pk)

        email = build_sign_up_email(kind, attendee)
        assert email.to == expected, event_regions
        assert ATTENDEE["email"] not in email.to + email.cc
        assert "Bericht: Bevestiging van de aanmelding voor het evenement" in email.body
        # The warning is still wanted after the attendee cancelled: staff need to know what they did not get.
        cancel(attendee)
        assert sign_up_message_still_wanted(kind, attendee)

    with pytest.raises(LookupError):  # a warning about a message that is gone (erased with its sign-up's data)
        build_sign_up_email(MessageKind(EVENT_DELIVERY_FAILURE, failed.pk + 1000), attendee)


def test_a_warning_that_fails_itself_warns_nobody_again(home, regions, smtp_server):
    event = event_for(home, regions["east"])
    refuse(smtp_server, {ATTENDEE["email"], "coordinator-oost@example.org"}, "550 5.1.1 No such user")
    with time_machine.travel(SIGNED_UP_AT, tick=False):
        attendee = sign_up(event, ATTENDEE).sign_up
    rounds(4)

    confirmation = attendee.messages.get(kind="event_confirmation")
    assert (confirmation.state, confirmation.attempts) == (MessageState.FAILED, 1), "a refusal for good: no retry"
    (warning,) = warnings_about(attendee)
    assert (warning.state, warning.attempts) == (MessageState.FAILED, 1)
    assert set(attendee.messages.values_list("kind", flat=True)) == {"event_confirmation", warning.kind}
    assert not smtp_server.messages


def test_a_warning_with_nobody_to_send_it_to_fails_once(home, smtp_server):
    SiteSettings.objects.update(contact_email="")
    event = event_for(home)  # no regions, and the site has no contact address
    refuse(smtp_server, {ATTENDEE["email"]}, "550 5.1.1 No such user")
    with time_machine.travel(SIGNED_UP_AT, tick=False):
        attendee = sign_up(event, ATTENDEE).sign_up
    rounds(3)

    (warning,) = warnings_about(attendee)
    assert warning.state == MessageState.FAILED and warning.last_error == NO_RECIPIENT
    assert attendee.messages.count() == 2
    assert OutgoingMessage.objects.filter(state=MessageState.PENDING).count() == 0
    assert not smtp_server.messages
