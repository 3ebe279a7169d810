"""E-mailing the attendees of an event: the form, the confirmation with the number of people, one message per
recipient through the outbox and a real SMTP server (each attendee once, nobody who cancelled, nobody without an
address, delivery run twice sends once), a confirmation posted twice (one after the other, and at once) sending
once, the mailings sent so far with their messages per state, hostile posts without a server error, and who may
do this for which event."""

import datetime as dt
import re
import time

import pytest
import time_machine
from celery.exceptions import Retry
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from recruitment.event_mailing import recipients
from recruitment.event_tasks import deliver_event_mailing
from recruitment.kinds import EVENT_MAILING, MessageKind
from recruitment.models import EventMailing, EventSignUp, MessageState, OutgoingMessage, RegionAssignment, SignUpStatus
from routes.models import Region

from .test_event_sign_up import in_threads, make_event

pytestmark = pytest.mark.django_db
MESSAGE = {"audience": "attended", "subject": "Dank voor je komst", "body": "Hierbij de dia's.\n\nTot ziens!"}


def url(event):
    return f"/admin/evenementaanmeldingen/bericht/{event.pk}/"


@pytest.fixture
def event(home, regions):
    event = make_event(home, title="Open avond Hengelo", start_date=timezone.localdate() - dt.timedelta(days=2))
    event.regions.set([regions["east"]])
    event.save()  # a page's many-to-many (ParentalManyToManyField) is stored when the page is saved
    return event


@pytest.fixture
def people(event):
    """Who came (two with an address, a walk-in without one), who had a place and stayed away, who waited, and who
    came and then cancelled (a correction at the door)."""
    came = event.starts_at + dt.timedelta(minutes=3)

    def add(name, email, **fields):
        return EventSignUp.objects.create(event=event, name=name, email=email, **fields)

    return {
        "anna": add("Anna", "anna@example.org", attended_at=came),
        "bram": add("Bram", "bram@example.org", attended_at=came, walk_in=True),
        "cas": add("Cas", "", attended_at=came, walk_in=True),
        "dewi": add("Dewi", "dewi@example.org"),
        "eva": add("Eva", "eva@example.org", status=SignUpStatus.WAITING),
        "fleur": add("Fleur", "fleur@example.org", attended_at=came, status=SignUpStatus.CANCELLED),
    }


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def confirmation(client, event, **message):
    """Post the form; the confirmation page and its token."""
    response = client.post(url(event), {**MESSAGE, **message})
    assert response.status_code == 200
    html = response.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)
    return html, token.group(1) if token else None


def send(client, event, token, **message):
    return client.post(url(event), {**MESSAGE, **message, "token": token, "bevestigen": "1"})


def test_the_confirmation_says_how_many_people_get_it_and_nothing_is_stored_yet(staff, event, people):
    html, token = confirmation(staff, event)

    assert "Dit bericht gaat naar 2 mensen" in html  # Anna and Bram: Cas has no address, Fleur cancelled
    assert "Verstuur naar 2 mensen" in html and token
    assert "Hierbij de dia&#x27;s." in html
    assert not EventMailing.objects.exists() and not OutgoingMessage.objects.exists()

    html, _token = confirmation(staff, event, audience="confirmed")
    assert "Dit bericht gaat naar 3 mensen" in html  # Anna, Bram (walked in with a place now) and Dewi


def test_going_back_keeps_what_was_typed(staff, event, people):
    response = staff.post(url(event), {**MESSAGE, "terug": "1"})

    html = response.content.decode()
    assert 'value="Dank voor je komst"' in html and "Tot ziens!" in html
    assert "Verder: controleren" in html


def test_confirmed_it_is_stored_and_sent_once_to_each_attendee(staff, event, people, smtp_server, staff_user):
    _html, token = confirmation(staff, event)

    response = send(staff, event, token)

    assert response.status_code == 302 and response["Location"] == url(event)
    mailing = EventMailing.objects.get()
    assert (mailing.event, mailing.audience, mailing.created_by) == (event, "attended", staff_user)
    assert (mailing.subject, mailing.body) == (MESSAGE["subject"], MESSAGE["body"])
    kind = str(MessageKind(EVENT_MAILING, mailing.pk))
    rows = OutgoingMessage.objects.filter(kind=kind)
    assert sorted(rows.values_list("sign_up__name", flat=True)) == ["Anna", "Bram"]

    assert deliver_event_mailing(mailing.pk) == 2
    assert deliver_event_mailing(mailing.pk) == 0  # run again: nothing is left to send

    sent = smtp_server.wait_for(2)
    time.sleep(0.5)  # nothing else arrives
    assert sorted(mail["to"][0] for mail in smtp_server.messages) == ["anna@example.org", "bram@example.org"]
    why = {
        "anna@example.org": "omdat je je had aangemeld voor Open avond Hengelo",
        "bram@example.org": "omdat je er was bij Open avond Hengelo",  # walked in
    }
    for mail in sent:
        assert mail["message"]["Subject"] == "Dank voor je komst"
        text = mail["message"].get_body(("plain",)).get_content()
        html = mail["message"].get_body(("html",)).get_content()
        assert "Hierbij de dia's." in text and "Hierbij de dia&#x27;s." in html
        assert why[mail["to"][0]] in text
    assert set(rows.values_list("state", flat=True)) == {MessageState.SENT}

    page = staff.get(url(event)).content.decode()
    assert "Het bericht gaat naar 2 mensen." in page
    assert re.search(r"<th scope=\"row\">Dank voor je komst</th>.*?<td>2</td>\s*<td>0</td>\s*<td>0</td>", page, re.S)


def test_someone_who_cancels_before_it_goes_out_does_not_get_it(staff, event, people, smtp_server):
    _html, token = confirmation(staff, event, audience="confirmed")
    send(staff, event, token, audience="confirmed")
    EventSignUp.objects.filter(pk=people["dewi"].pk).update(status=SignUpStatus.CANCELLED)

    mailing = EventMailing.objects.get()
    assert deliver_event_mailing(mailing.pk) == 2

    smtp_server.wait_for(2)
    time.sleep(0.5)
    assert sorted(mail["to"][0] for mail in smtp_server.messages) == ["anna@example.org", "bram@example.org"]
    skipped = OutgoingMessage.objects.get(sign_up=people["dewi"])
    assert skipped.state == MessageState.SKIPPED


def test_a_mail_server_saying_try_later_keeps_each_message_for_the_retry(staff, event, people, smtp_server):
    _html, token = confirmation(staff, event, audience="confirmed")
    send(staff, event, token, audience="confirmed")
    mailing = EventMailing.objects.get()
    smtp_server.refuse = True

    with pytest.raises(Retry):
        deliver_event_mailing(mailing.pk)

    rows = OutgoingMessage.objects.filter(kind=str(MessageKind(EVENT_MAILING, mailing.pk)))
    # Every recipient was tried (one refusal does not hold up the others), and each waits for its retry.
    assert sorted(rows.values_list("state", "attempts")) == [(MessageState.PENDING, 1)] * 3
    smtp_server.refuse = False
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5)):
        assert deliver_event_mailing(mailing.pk) == 3
    smtp_server.wait_for(3)
    assert sorted(mail["to"][0] for mail in smtp_server.messages) == [
        "anna@example.org",
        "bram@example.org",
        "dewi@example.org",
    ]


def test_the_same_confirmation_posted_twice_sends_once(staff, event, people, smtp_server):
    _html, token = confirmation(staff, event)

    send(staff, event, token)
    send(staff, event, token)
    again = staff.get(url(event))

    assert EventMailing.objects.count() == 1
    assert OutgoingMessage.objects.count() == 2
    assert "het gaat niet nog eens" in again.content.decode()
    assert deliver_event_mailing(EventMailing.objects.get().pk) == 2
    smtp_server.wait_for(2)
    time.sleep(0.5)
    assert len(smtp_server.messages) == 2


def test_a_new_confirmation_of_the_same_message_sends_it_again(staff, event, people):
    _html, first = confirmation(staff, event)
    send(staff, event, first)
    _html, second = confirmation(staff, event)

    send(staff, event, second)

    assert EventMailing.objects.count() == 2
    assert OutgoingMessage.objects.count() == 4


@pytest.mark.parametrize(
    "change",
    [
        {"token": "niet-echt"},
        {"subject": "Een ander onderwerp"},  # the confirmed message was another one
        {"audience": "confirmed"},
    ],
)
def test_a_token_that_is_not_this_message_s_confirmation_sends_nothing(staff, event, people, change):
    _html, token = confirmation(staff, event)

    response = staff.post(url(event), {**MESSAGE, "token": token, "bevestigen": "1", **change})

    assert response.status_code == 200
    assert "Bevestig het bericht opnieuw" in response.content.decode()
    assert not EventMailing.objects.exists()


def test_another_staff_member_cannot_use_the_token(client, staff, event, people, staff_user):
    _html, token = confirmation(staff, event)
    colleague = User.objects.create_user("collega", "collega@example.org", "geheim-wachtwoord-9")
    colleague.groups.set(staff_user.groups.all())
    response = send(logged_in(colleague), event, token)

    assert "Bevestig het bericht opnieuw" in response.content.decode()
    assert not EventMailing.objects.exists()


def test_an_expired_confirmation_sends_nothing(staff, event, people):
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=61)):
        _html, token = confirmation(staff, event)

    response = send(staff, event, token)

    assert "Bevestig het bericht opnieuw" in response.content.decode()
    assert not EventMailing.objects.exists()


def test_nobody_to_send_to_offers_no_send_button(staff, home):
    empty = make_event(home, title="Nog leeg")

    html, _token = confirmation(staff, empty)

    assert "Niemand krijgt dit bericht" in html and "Verstuur naar" not in html


def test_the_recipients_are_never_who_cancelled_or_has_no_address(event, people):
    assert sorted(recipients(event, "attended").values_list("name", flat=True)) == ["Anna", "Bram"]
    assert sorted(recipients(event, "confirmed").values_list("name", flat=True)) == ["Anna", "Bram", "Dewi"]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def three_attendees_confirmed(home, staff_user):
    """A past event with three attendees, and the token of a confirmation of MESSAGE to them."""
    event = make_event(home, start_date=timezone.localdate() - dt.timedelta(days=1))
    for number in range(3):
        EventSignUp.objects.create(
            event=event, name=f"Deelnemer {number}", email=f"d-{number}@example.org", attended_at=timezone.now()
        )
    return event, confirmation(logged_in(staff_user), event)[1]


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_posted_at_once_and_two_deliveries_at_once_send_once(
    postgres, home, regions, staff_user, smtp_server
):
    event, token = three_attendees_confirmed(home, staff_user)

    def post(_index):
        return send(logged_in(staff_user), event, token).status_code

    assert in_threads(4, post) == [302] * 4
    assert EventMailing.objects.count() == 1
    assert OutgoingMessage.objects.count() == 3

    mailing = EventMailing.objects.get()

    def deliver(_index):
        try:
            return deliver_event_mailing(mailing.pk)
        except Retry:  # a row the other run held at that moment: a worker would try again later
            return None

    in_threads(2, deliver)
    assert deliver_event_mailing(mailing.pk) == 0  # the retry: nothing is left
    smtp_server.wait_for(3)
    time.sleep(1)  # nothing else arrives
    assert sorted(mail["to"][0] for mail in smtp_server.messages) == [f"d-{number}@example.org" for number in range(3)]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_mailing_once_it_is_stored(
    postgres, home, regions, staff_user, smtp_server, celery_worker
):
    event, token = three_attendees_confirmed(home, staff_user)

    assert send(logged_in(staff_user), event, token).status_code == 302

    sent = smtp_server.wait_for(3)
    time.sleep(1)  # nothing else arrives
    assert len(smtp_server.messages) == 3
    assert sorted(mail["to"][0] for mail in sent) == ["d-0@example.org", "d-1@example.org", "d-2@example.org"]
    assert all(mail["message"]["Subject"] == "Dank voor je komst" for mail in sent)
    assert set(OutgoingMessage.objects.values_list("state", flat=True)) == {MessageState.SENT}


HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "a\r\nBcc: x@example.org", "<script>alert(1)</script>", "x" * 20_000, "{{ 7*7 }}"]),
)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    audience=st.one_of(st.sampled_from(["attended", "confirmed", "", "alles", "\x00"]), st.text(max_size=20)),
    subject=HOSTILE_TEXT,
    body=HOSTILE_TEXT,
    token=st.one_of(st.just(""), st.text(max_size=100)),
    confirm=st.booleans(),
)
def test_hostile_posts_never_give_a_server_error(staff, event, audience, subject, body, token, confirm):
    data = {"audience": audience, "subject": subject, "body": body, "token": token}
    if confirm:
        data["bevestigen"] = "1"

    response = staff.post(url(event), data)

    assert response.status_code == 200
    assert not EventMailing.objects.exists()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_subject_on_more_than_one_line_is_refused(staff, event, people):
    response = staff.post(url(event), {**MESSAGE, "subject": "Hallo\r\nBcc: iedereen@example.org"})

    assert "Het onderwerp past op één regel." in response.content.decode()
    assert "Verstuur naar" not in response.content.decode()


class TestPermissions:
    def test_anonymous_visitors_are_sent_to_the_login(self, client, event):
        for response in (client.get(url(event)), client.post(url(event), MESSAGE)):
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    def test_an_editor_is_refused(self, client, editor_user, event, people):
        client.force_login(editor_user)
        for response in (client.get(url(event)), client.post(url(event), MESSAGE)):
            assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))
            assert b"Open avond Hengelo" not in response.content
        assert not EventMailing.objects.exists()

    def test_staff_of_another_region_do_not_find_the_event(self, client, staff_user, event, people):
        RegionAssignment.objects.create(user=staff_user).regions.set([Region.objects.create(name="West")])
        client.force_login(staff_user)
        assert client.get(url(event)).status_code == 404
        assert client.post(url(event), MESSAGE).status_code == 404
        assert client.get("/admin/evenementaanmeldingen/bericht/999999/").status_code == 404

    def test_staff_of_the_event_s_region_may(self, client, staff_user, event, people, regions):
        RegionAssignment.objects.create(user=staff_user).regions.set([regions["east"]])
        client.force_login(staff_user)
        html = client.get(url(event)).content.decode()
        assert "Bericht aan de deelnemers van Open avond Hengelo" in html
        assert "Er is nog geen bericht verstuurd" in html
