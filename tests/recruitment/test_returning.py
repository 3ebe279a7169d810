"""A registrant who posts the form again is never lost, and nobody who merely knows an address can learn whether it
registered or change what its owner gave. Real PostgreSQL and a real SMTP server (aiosmtpd)."""

import re
from datetime import timedelta

import pytest
import time_machine

from django.contrib.auth.models import User
from django.utils import timezone

from recruitment.models import InteractionKind, MessageState, Registration, Resubmission, Status
from recruitment.schedule import contact_due_at
from recruitment.services import log_contact
from recruitment.tasks import send_due_reminders

from .conftest import valid_data

pytestmark = pytest.mark.django_db
REGISTER = "/aanmelding/"


def post(client, **overrides):
    response = client.post(REGISTER, valid_data(**overrides))
    assert response.status_code == 303, response.content.decode()[:2000]
    return response


def thanks_page(client, response):
    return client.get(response["Location"]).content.decode()


def mail_to(smtp_server, address):
    return [item["message"] for item in smtp_server.messages if address in item["to"]]


def link(message, path):
    body = message.get_body(("plain",)).get_content()
    return re.search(rf"http://127\.0\.0\.1:8000({path}[^/\s]+/)", body).group(1)


def staff_user():
    return User.objects.create_user("olga", first_name="Olga", last_name="Opvolger")


def test_a_post_for_a_known_address_answers_exactly_as_for_a_new_one_and_changes_nothing(
    client, home, regions, smtp_server
):
    from django.test import Client

    post(client, name="Sanne de Vries", phone="06 12345678")
    send_due_reminders.apply()
    smtp_server.messages.clear()

    # An attacker who knows Sanne's address, and a stranger with a new address, type the same details.
    attacker, stranger = Client(), Client()
    known = post(attacker, name="Mallory Kwaad", phone="06 99999999", email="sanne@example.org")
    new = post(stranger, name="Mallory Kwaad", phone="06 99999999", email="nieuw@example.org")
    assert known.status_code == new.status_code and known["Location"] == new["Location"]
    known_page = thanks_page(attacker, known)
    new_page = thanks_page(stranger, new).replace("nieuw@example.org", "sanne@example.org")
    assert known_page == new_page, "the answer never shows whether an address is known"
    assert "al aangemeld" not in known_page.split("Had je je met dit e-mailadres al eerder aangemeld?")[0]

    sanne = Registration.objects.get(email="sanne@example.org")
    assert (sanne.name, sanne.phone) == ("Sanne de Vries", "06 12345678"), "nothing the owner gave is overwritten"
    assert Resubmission.objects.filter(registration=sanne, confirmed_at__isnull=True).count() == 1

    send_due_reminders.apply()
    # Staff hear nothing about an unconfirmed post; the owner's known address is asked to confirm it.
    (check,) = mail_to(smtp_server, "sanne@example.org")
    assert check["Subject"] == "Bevestig je nieuwe gegevens bij Word techniekdocent"
    body = check.get_body(("plain",)).get_content()
    assert "Hallo Sanne de Vries" in body and "Mallory Kwaad" in body and "06 99999999" in body
    assert "Was jij het niet? Doe dan niets" in body
    staff_subjects = [message["Subject"] for message in mail_to(smtp_server, "oost-1@example.org")]
    assert staff_subjects == [
        "Nieuwe aanmelding: Mallory Kwaad (Oost), contact uiterlijk " + staff_subjects[0].rsplit("uiterlijk ", 1)[1]
    ], "only the stranger's registration"


def test_the_owner_confirms_through_the_link_and_the_region_hears_of_it(client, home, regions, smtp_server):
    post(client)
    post(client, phone="0201234567", postcode="1011 AB", message="Nu wil ik echt, bel me")
    send_due_reminders.apply()
    (check,) = [m for m in mail_to(smtp_server, "sanne@example.org") if m["Subject"].startswith("Bevestig")]
    path = link(check, "/aanmelding/bevestigen/")

    page = client.get(path)
    assert page.status_code == 200
    assert "Nu wil ik echt, bel me" in page.content.decode() and "Ja, dit heb ik ingevuld" in page.content.decode()
    registration = Registration.objects.get()
    assert registration.phone == "06 12345678", "opening the link (a mail scanner does) changes nothing"

    done = client.post(path)
    assert done.status_code == 200
    registration.refresh_from_db()
    assert (registration.phone, registration.postcode, registration.message) == (
        "0201234567",
        "1011 AB",
        "Nu wil ik echt, bel me",
    )
    assert registration.region == regions["national"]
    html = done.content.decode()
    due = timezone.localtime(registration.contact_due_at)
    assert f"{due.day} " in html and "Uiterlijk op" in html, "the confirmation shows the true deadline"

    smtp_server.messages.clear()
    send_due_reminders.apply()
    (notice,) = mail_to(smtp_server, "landelijk@example.org")  # the region it moved to
    assert notice["Subject"] == "Opnieuw aangemeld: Sanne de Vries (Landelijk)"
    text = notice.get_body(("plain",)).get_content()
    assert "Nu wil ik echt, bel me" in text and "bevestigd" in text
    assert (
        registration.messages.get(kind=f"resubmission_notice_{Resubmission.objects.get().pk}").state
        == MessageState.SENT
    )
    assert client.post(path).status_code == 404, "a link confirms once"


def test_a_returning_registrant_contacted_long_ago_starts_a_new_follow_up_cycle(client, home, regions, smtp_server):
    start = timezone.now() - timedelta(days=120)
    with time_machine.travel(start, tick=False):
        post(client)
    old = Registration.objects.get()
    log_contact(old, user=staff_user(), contacted_at=start + timedelta(days=3), method=InteractionKind.PHONE_CALL)
    send_due_reminders.apply()
    smtp_server.messages.clear()

    post(client, message="Nu wil ik echt, bel me")
    posted_at = Resubmission.objects.get().created_at
    send_due_reminders.apply()
    (check,) = mail_to(smtp_server, "sanne@example.org")
    client.post(link(check, "/aanmelding/bevestigen/"))

    old.refresh_from_db()
    new = Registration.objects.exclude(pk=old.pk).get()
    assert old.status == Status.CLOSED and old.closed_at is not None
    assert new.status == Status.NEW and new.previous == old and new.message == "Nu wil ik echt, bel me"
    assert new.created_at == posted_at
    assert new.contact_due_at == contact_due_at(posted_at), "a new deadline, counted from the post"

    smtp_server.messages.clear()
    send_due_reminders.apply()
    (notification,) = mail_to(smtp_server, "oost-1@example.org")
    assert notification["Subject"].startswith("Nieuwe aanmelding: Sanne de Vries (Oost)")
    assert "Deze persoon meldde zich eerder aan" in notification.get_body(("plain",)).get_content()
    (confirmation,) = mail_to(smtp_server, "sanne@example.org")
    assert confirmation["Subject"] == "Je aanmelding bij Word techniekdocent"

    with time_machine.travel(posted_at + timedelta(days=7, minutes=1), tick=False):
        send_due_reminders.apply()
    assert new.messages.filter(kind="reminder_day_7", state=MessageState.SENT).exists(), "reminders run again"


def test_a_returning_registrant_contacted_recently_keeps_the_registration_and_staff_are_told(
    client, home, regions, smtp_server
):
    post(client)
    registration = Registration.objects.get()
    log_contact(registration, user=staff_user(), contacted_at=timezone.now(), method=InteractionKind.PHONE_CALL)
    post(client, message="Ik heb nog een vraag")
    send_due_reminders.apply()
    (check,) = [m for m in mail_to(smtp_server, "sanne@example.org") if m["Subject"].startswith("Bevestig")]
    client.post(link(check, "/aanmelding/bevestigen/"))
    assert Registration.objects.count() == 1
    registration.refresh_from_db()
    assert registration.status == Status.CONTACTED and registration.message == "Ik heb nog een vraag"
    smtp_server.messages.clear()
    send_due_reminders.apply()
    (notice,) = mail_to(smtp_server, "oost-1@example.org")
    assert notice["Subject"] == "Opnieuw aangemeld: Sanne de Vries (Oost)"
    assert "Neem opnieuw contact op" in notice.get_body(("plain",)).get_content()


def test_a_double_click_is_one_registration_and_floods_nobody(client, home, regions):
    post(client)
    post(client)
    assert Registration.objects.count() == 1 and not Resubmission.objects.exists()
    for number in range(5):
        post(client, message=f"Poging {number}")
    registration = Registration.objects.get()
    assert registration.resubmissions.count() == 3, "at most three unconfirmed posts (and e-mails) at a time"
    assert registration.messages.filter(kind__startswith="resubmission_check_").count() == 3
    assert registration.message == "Liefst na vijf uur bellen."


def test_a_confirmation_link_expires_and_an_unknown_one_is_refused(client, home, regions):
    post(client)
    post(client, message="Later ingevuld")
    resubmission = Resubmission.objects.get()
    path = f"/aanmelding/bevestigen/{resubmission.token}/"
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(path)
    assert response.status_code == 404 and "Deze link werkt niet (meer)" in response.content.decode()
    assert Registration.objects.get().message == "Liefst na vijf uur bellen."
    assert client.get("/aanmelding/bevestigen/bestaat-niet-0123456789abcdef/").status_code == 404
    assert client.get("/aanmelding/bevestigen/<script>/").status_code == 404


def test_withdrawal_erases_unconfirmed_posts_too(client, home, regions):
    post(client)
    post(client, message="Iets anders")
    registration = Registration.objects.get()
    client.post(f"/aanmelding/intrekken/{registration.withdrawal_token}/")
    assert not Resubmission.objects.exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("kees@example.com", "\u212aees@example.com"),  # a Kelvin sign instead of K
        ("sanne@example.org", "\u017fanne@example.org"),  # a long s
    ],
)
def test_a_look_alike_address_is_refused_with_a_clear_message_not_a_500(client, home, regions, first, second):
    post(client, email=first)
    response = client.post(REGISTER, valid_data(email=second, name="Iemand Anders"))
    assert response.status_code == 200
    assert "Naar dit e-mailadres kunnen we geen e-mail sturen" in response.content.decode()
    assert list(Registration.objects.values_list("email", "name")) == [(first, "Sanne de Vries")]


def test_a_look_alike_domain_is_the_same_address_and_cannot_replace_it(client, home, regions):
    post(client, email="jan@site.nl")
    post(client, email="JAN@\u017fite.nl", name="Iemand Anders")  # long s in the domain folds to s
    registration = Registration.objects.get()
    assert (registration.email, registration.name) == ("jan@site.nl", "Sanne de Vries")
    assert Resubmission.objects.get().registration == registration


def test_the_encoded_word_address_that_stopped_every_scan_is_refused(client, home, regions):
    response = client.post(REGISTER, valid_data(email='"=?utf-8?q?a=0D=0Ab?="@example.nl'))
    assert response.status_code == 200
    assert "Naar dit e-mailadres kunnen we geen e-mail sturen" in response.content.decode()
    assert not Registration.objects.exists()


def test_logs_never_hold_an_address(client, home, regions, smtp_server, caplog):
    post(client, email="bestaat-niet@example.org")
    original = smtp_server.handle_RCPT

    async def refuse(server, session, envelope, address, rcpt_options):
        if address == "bestaat-niet@example.org":
            return "550 5.1.1 <bestaat-niet@example.org>: no such user"
        return await original(server, session, envelope, address, rcpt_options)

    smtp_server.handle_RCPT = refuse
    with caplog.at_level("DEBUG"):
        send_due_reminders.apply()
        registration = Registration.objects.get()
        client.post(f"/aanmelding/intrekken/{registration.withdrawal_token}/")
    # Everything this project (and Django, Celery) logged; "mail.log" is the test's own SMTP server.
    ours = "\n".join(record.getMessage() for record in caplog.records if not record.name.startswith("mail."))
    assert "Gave up on message" in ours
    assert "bestaat-niet" not in ours
    assert not Registration.objects.filter(messages__last_error__contains="bestaat-niet").exists()
