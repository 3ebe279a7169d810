"""The messages after an event and staff's messages to attendees: what each says, and to whom it is still sent."""

import datetime as dt

import pytest

from recruitment.delivery import sign_up_message_still_wanted
from recruitment.emails import build_sign_up_email
from recruitment.events import cancel, sign_up
from recruitment.kinds import EVENT_MAILING, EVENT_MISSED, EVENT_THANKS, MessageKind
from recruitment.models import EventMailing, MailingAudience
from tests.recruitment.factories import RegistrationFactory
from tests.recruitment.test_event_sign_up import make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_event(home):
    return make_event(home, start_date=dt.date.today() - dt.timedelta(days=1), title="Open avond Hengelo")


def test_the_thank_you_offers_registration_from_this_event_unless_the_attendee_is_registered(past_event, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    attendee = sign_up(past_event, person(1)).sign_up
    attendee.attended_at = dt.datetime.now(dt.UTC)
    attendee.save()

    email = build_sign_up_email(MessageKind(EVENT_THANKS), attendee)
    assert email.to == ["deelnemer-1@example.org"]
    assert email.subject == "Bedankt voor je komst: Open avond Hengelo"
    assert "Hallo Deelnemer 1," in email.body
    assert f"evenement={past_event.pk}" in email.body and "Meld je aan" in email.body
    html = email.alternatives[0].content
    assert f"evenement={past_event.pk}" in html and '<html lang="nl">' in html

    attendee.registration = RegistrationFactory(email="deelnemer-1@example.org")
    attendee.save()
    registered = build_sign_up_email(MessageKind(EVENT_THANKS), attendee)
    assert "Je hebt je al aangemeld bij het regioloket" in registered.body
    assert "evenement=" not in registered.body
    for body in (email.body, registered.body):  # paragraphs apart by one blank line, whichever are there
        assert "\n\n\n" not in body
        assert body.rstrip("\n").endswith("\n\nMet vriendelijke groet,\nWord techniekdocent\ninfo@example.org")


def test_thanks_go_to_who_came_and_sorry_we_missed_you_to_who_had_a_place_and_did_not(past_event):
    came, stayed_away, cancelled = (sign_up(past_event, person(number)).sign_up for number in (1, 2, 3))
    came.attended_at = dt.datetime.now(dt.UTC)
    came.save()
    cancel(cancelled)
    thanks, missed = MessageKind(EVENT_THANKS), MessageKind(EVENT_MISSED)

    assert sign_up_message_still_wanted(thanks, came) and not sign_up_message_still_wanted(missed, came)
    assert sign_up_message_still_wanted(missed, stayed_away) and not sign_up_message_still_wanted(thanks, stayed_away)
    assert not sign_up_message_still_wanted(missed, cancelled) and not sign_up_message_still_wanted(thanks, cancelled)
    cancelled.attended_at = dt.datetime.now(dt.UTC)  # checked in by mistake: cancelled is cancelled
    assert not sign_up_message_still_wanted(thanks, cancelled)
    missed_email = build_sign_up_email(missed, stayed_away)
    assert missed_email.subject == "Jammer dat je er niet bij was: Open avond Hengelo"
    assert "maar we hebben je niet gezien" in missed_email.body and "\n\n\n" not in missed_email.body


def test_a_mailing_says_what_staff_wrote_escaped_in_html_to_its_audience_only(past_event):
    came, stayed_away = (sign_up(past_event, person(number)).sign_up for number in (1, 2))
    came.attended_at = dt.datetime.now(dt.UTC)
    came.save()
    mailing = EventMailing.objects.create(
        event=past_event, subject="De presentatie", body="Hier is de presentatie.\n<script>x</script>"
    )
    kind = MessageKind(EVENT_MAILING, mailing.pk)

    email = build_sign_up_email(kind, came)
    assert email.subject == "De presentatie"
    assert "Hier is de presentatie.\n<script>x</script>" in email.body
    assert "&lt;script&gt;" in email.alternatives[0].content and "<script>" not in email.alternatives[0].content
    assert sign_up_message_still_wanted(kind, came) and not sign_up_message_still_wanted(kind, stayed_away)

    mailing.audience = MailingAudience.CONFIRMED
    mailing.save()
    assert sign_up_message_still_wanted(kind, stayed_away)
    other_event_kind = MessageKind(EVENT_MAILING, mailing.pk + 1000)
    assert not sign_up_message_still_wanted(other_event_kind, came)
    with pytest.raises(LookupError):
        build_sign_up_email(other_event_kind, came)
