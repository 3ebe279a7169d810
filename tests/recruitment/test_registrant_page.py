"""The registrant's own page (issue 11, "for the registrant"): a signed, expiring link that stops working on
withdrawal; changing one's details with a confirmation step; the data download; a new link on request that never
tells whether an address is known; and the confirmation e-mail with the link and the regional desk. Real PostgreSQL
and a real SMTP server (aiosmtpd)."""

import json
import re
from datetime import timedelta
from email.utils import parseaddr
from html.parser import HTMLParser

import pytest
import time_machine

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from recruitment.kinds import PERSONAL_PAGE_LINK, MessageKind, kind_label
from recruitment.models import InteractionKind, MessageState, OutgoingMessage, Registration, Status
from recruitment.registrant import (
    hide_personal_page_tokens,
    personal_page_path,
    personal_page_token,
    registration_for_token,
)
from recruitment.services import log_contact, withdraw
from recruitment.tasks import send_due_reminders

from .conftest import valid_data

pytestmark = pytest.mark.django_db
BASE_URL = "https://www.techniekdocent.example"
LINK = "/aanmelding/mijn-pagina/"
FINDER = {"rw-opleiding": "hbo", "rw-ervaring": "geen", "rw-baan": "ja", "rw-sector": "mbo", "rw-rol": "docent"}


@pytest.fixture
def desk(regions):
    """The region Oost with the details visitors may use."""
    east = regions["east"]
    east.contact_email = "loket-oost@example.org"
    east.phone = "053 123 4567"
    east.website = "https://regioloket-oost.example.org/"
    east.save()
    return east


@pytest.fixture
def registrant(home, desk, routes, make_registration):
    registration = make_registration(
        name="Sanne de Vries",
        email="sanne@example.org",
        phone="06 12345678",
        postcode="7511 AB",
        message="Liefst na vijf uur bellen.",
        roles=["docent"],
        contact_preference="telefoon",
    )
    registration.routes.set([routes[0]])
    return registration


def mails_to(smtp_server, address):
    return [item["message"] for item in smtp_server.messages if address in item["to"]]


def plain(message):
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def page_link(text, base=BASE_URL):
    return re.search(rf"{re.escape(base)}({LINK}[^/\s\"]+/)", text).group(1)


# -- The link --------------------------------------------------------------------------------------------------------


def test_a_valid_link_shows_phase_deadline_desk_and_actions(client, registrant):
    response = client.get(personal_page_path(registrant))
    assert response.status_code == 200
    page = response.content.decode()
    due = timezone.localtime(registrant.contact_due_at)
    days = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
    months = "januari februari maart april mei juni juli augustus september oktober november december".split()
    assert f"{days[due.weekday()]} {due.day} {months[due.month - 1]} {due.year}" in page, "the deadline, in Dutch"
    assert "Je aanmelding is binnen. Iemand van het regioloket neemt contact met je op." in page
    assert "telefonisch" in page
    for detail in ("Oost", "loket-oost@example.org", "053 123 4567", "https://regioloket-oost.example.org/"):
        assert detail in page, detail
    for action in (
        "Mijn gegevens wijzigen",
        "Mijn gegevens downloaden",
        "Mijn gegevens bekijken",
        "Mijn aanmelding intrekken",
    ):
        assert action in page, action
    assert f"/aanmelding/intrekken/{registrant.withdrawal_token}/" in page
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_later_phases_speak_in_the_registrants_words(client, registrant):
    registrant.phase, registrant.status = "orienteert", Status.CONTACTED
    registrant.save()
    page = client.get(personal_page_path(registrant)).content.decode()
    assert "Je zoekt uit welke route en welke school bij je passen." in page
    assert "Kies een route en een school die bij je passen." in page
    assert "Uiterlijk op" not in page


def test_a_link_expires_after_the_configured_days(client, registrant, settings):
    settings.RECRUITMENT_PERSONAL_PAGE_DAYS = 30
    path = personal_page_path(registrant)
    with time_machine.travel(timezone.now() + timedelta(days=29), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        response = client.get(path)
    assert response.status_code == 410
    page = response.content.decode()
    assert "Deze link werkt niet (meer)" in page and "te oud" in page
    assert 'action="/aanmelding/mijn-pagina/"' in page and "Stuur mij een nieuwe link" in page, (
        "a new one is asked here"
    )
    assert "Sanne" not in page


def test_a_tampered_or_foreign_link_is_refused(client, registrant, make_registration):
    token = personal_page_token(registrant)
    other = make_registration(email="ander@example.org")
    value, timestamp, signature = token.split(":")
    digest = value.split(".")[1]
    tampered = [
        f"{value}:{timestamp}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",  # another signature
        f"{other.pk}.{digest}:{timestamp}:{signature}",  # another registration, same signature
        f"{registrant.pk}.{'0' * 24}:{timestamp}:{signature}",
        "onzin",
        token + "x",
        "../" + token,
    ]
    for bad in tampered:
        assert registration_for_token(bad) is None, bad
    for bad in tampered[:-1]:
        response = client.get(f"{LINK}{bad}/")
        assert response.status_code == 404, bad
        assert "Sanne" not in response.content.decode()
    assert registration_for_token(personal_page_token(other)) == other, "each registration has its own link"


def test_a_links_key_can_be_blanked_out_of_an_error_text(registrant):
    token = personal_page_token(registrant)
    error = f"SMTPDataError: (554, b'Rejected: URL http://localhost/aanmelding/mijn-pagina/{token}/ in 7511 AB')"
    hidden = hide_personal_page_tokens(error)
    assert token not in hidden and token.split(":")[-1] not in hidden
    assert (
        hidden
        == "SMTPDataError: (554, b'Rejected: URL http://localhost/aanmelding/mijn-pagina/[verborgen]/ in 7511 AB')"
    )


def test_a_link_stops_working_once_the_registration_is_withdrawn_or_erased(client, registrant, make_registration):
    path = personal_page_path(registrant)
    assert client.get(path).status_code == 200
    withdraw(registrant)
    response = client.get(path)
    assert response.status_code == 404
    assert "Sanne" not in response.content.decode() and "Stuur mij een nieuwe link" in response.content.decode()

    erased = make_registration(email="oud@example.org")
    erased_path = personal_page_path(erased)
    erased.erase_personal_data()
    assert client.get(erased_path).status_code == 404


def test_the_page_cache_never_keeps_a_personal_page(client, registrant, page_cache):
    """With the site's page cache on, a personal page is never stored: after withdrawal the link is dead at once."""
    path = personal_page_path(registrant)
    first = client.get(path)
    assert first.status_code == 200 and "Sanne" in first.content.decode()
    assert "no-store" in first["Cache-Control"] or "private" in first["Cache-Control"]
    assert client.get(path + "gegevens/").status_code == 200
    withdraw(registrant)
    for url in (path, path + "gegevens/"):
        response = client.get(url)
        assert response.status_code == 404 and "Sanne" not in response.content.decode(), url


# -- Changing one's details ------------------------------------------------------------------------------------------


def change_data(registration, **overrides):
    data = {
        "name": registration.name,
        "phone": registration.phone,
        "postcode": registration.postcode,
        "situation": registration.situation,
        "education": registration.education,
        "experience_years": str(registration.experience_years),
        "routes": [route.pk for route in registration.routes.all()],
        "roles": registration.roles,
        "contact_preference": registration.contact_preference,
        "message": registration.message,
    }
    data.update(overrides)
    return data


def test_a_change_is_shown_back_and_only_a_confirmed_one_reaches_staff(client, registrant, regions, smtp_server):
    path = personal_page_path(registrant)
    change_url = path + "wijzigen/"
    form = client.get(change_url).content.decode()
    assert 'value="06 12345678"' in form and "sanne@example.org" in form, "the form holds the current details"

    review = client.post(
        change_url, change_data(registrant, phone="0201234567", postcode="1011 ab", stap="controleren")
    )
    assert review.status_code == 200
    page = review.content.decode()
    assert "Klopt dit?" in page and "0201234567" in page and "1011 AB" in page
    assert "Telefoon (gewijzigd)" in page and "Naam (gewijzigd)" not in page
    assert "Landelijk" in page, "the new postcode's desk is named"
    registrant.refresh_from_db()
    assert registrant.phone == "06 12345678", "nothing changes before the registrant confirms"
    assert not registrant.resubmissions.exists()

    back = client.post(change_url, change_data(registrant, phone="0201234567", stap="aanpassen"))
    assert 'value="0201234567"' in back.content.decode(), "going back keeps what was typed"

    done = client.post(change_url, change_data(registrant, phone="0201234567", postcode="1011 AB", stap="bevestigen"))
    assert done.status_code == 303 and done["Location"].endswith("/?bijgewerkt=1")
    registrant.refresh_from_db()
    assert (registrant.phone, registrant.postcode, registrant.region) == ("0201234567", "1011 AB", regions["national"])
    assert registrant.email == "sanne@example.org" and registrant.status == Status.NEW
    assert "Je nieuwe gegevens staan bij je aanmelding" in client.get(done["Location"]).content.decode()

    send_due_reminders.apply()
    (notice,) = [m for m in mails_to(smtp_server, "landelijk@example.org") if m["Subject"].startswith("Opnieuw")]
    assert notice["Subject"] == "Opnieuw aangemeld: Sanne de Vries (Landelijk)"
    assert "0201234567" in plain(notice)
    assert not mails_to(smtp_server, "sanne@example.org")[1:], "no confirmation link to the registrant: they confirmed"


def test_a_change_long_after_the_last_contact_starts_a_new_cycle_and_the_link_follows(
    client, home, desk, make_registration
):
    start = timezone.now() - timedelta(days=120)
    old = make_registration(created_at=start, email="sanne@example.org", phone="06 12345678")
    log_contact(old, user=None, contacted_at=start + timedelta(days=3), method=InteractionKind.PHONE_CALL)
    change_url = personal_page_path(old) + "wijzigen/"
    done = client.post(change_url, change_data(old, phone="0201234567", stap="bevestigen"))
    assert done.status_code == 303
    old.refresh_from_db()
    new = Registration.objects.exclude(pk=old.pk).get()
    assert old.status == Status.CLOSED and new.previous == old and new.status == Status.NEW
    assert new.phone == "0201234567"
    assert done["Location"] == personal_page_path(new) + "?bijgewerkt=1", "the page of the new follow-up"
    assert set(new.messages.values_list("kind", flat=True)) == {"staff_notification", "confirmation"}
    closed = client.get(personal_page_path(old)).content.decode()
    assert "je hebt een nieuwere aanmelding" in closed, "the old one can be read, not changed"
    assert "Mijn gegevens wijzigen" not in closed


def test_invalid_details_are_refused_with_the_forms_messages(client, registrant):
    change_url = personal_page_path(registrant) + "wijzigen/"
    response = client.post(change_url, change_data(registrant, postcode="12", phone="", stap="bevestigen"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit is geen Nederlandse postcode" in page
    assert "Je wilt liefst gebeld worden. Vul dan ook je telefoonnummer in." in page
    registrant.refresh_from_db()
    assert registrant.postcode == "7511 AB" and registrant.phone == "06 12345678"


def test_with_htmx_one_field_is_checked_as_on_the_registration_form(client, registrant):
    change_url = personal_page_path(registrant) + "wijzigen/"
    response = client.post(
        change_url, {**change_data(registrant, postcode="12"), "_validate": "postcode"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    field = response.content.decode()
    assert 'id="field-postcode"' in field and 'role="alert"' in field and "Dit is geen Nederlandse postcode" in field
    assert "<html" not in field, "only the field"
    registrant.refresh_from_db()
    assert registrant.postcode == "7511 AB"


def test_an_unchanged_form_changes_nothing_and_tells_nobody(client, registrant):
    change_url = personal_page_path(registrant) + "wijzigen/"
    review = client.post(change_url, change_data(registrant, stap="controleren"))
    assert "Je hebt niets veranderd" in review.content.decode()
    client.post(change_url, change_data(registrant, stap="bevestigen"))
    assert not registrant.resubmissions.exists()
    assert not registrant.messages.filter(kind__startswith="resubmission_notice_").exists()


# -- The data ---------------------------------------------------------------------------------------------------------


def test_the_download_holds_all_personal_data_as_json(client, registrant, smtp_server):
    send_due_reminders.apply()  # the confirmation goes out
    registrant.finder_answers = {"opleiding": "hbo", "rol": "docent"}
    registrant.save()
    staff = User.objects.create_user("olga", first_name="Olga")
    log_contact(
        registrant,
        user=staff,
        contacted_at=timezone.now(),
        method=InteractionKind.PHONE_CALL,
        note="Gebeld over de PDG-route.",
    )
    response = client.get(personal_page_path(registrant) + "gegevens.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = json.loads(response.content)
    details = data["aanmelding"]
    assert details["naam"] == "Sanne de Vries" and details["e_mailadres"] == "sanne@example.org"
    assert details["telefoonnummer"] == "06 12345678" and details["postcode"] == "7511 AB"
    assert details["regio"] == "Oost"
    assert details["routes"] == ["Zij-instroom in het beroep"] and details["rollen"] == ["Docent"]
    assert details["bericht"] == "Liefst na vijf uur bellen."
    assert details["liefst_contact_via"] == "Bellen" and details["jaren_technische_werkervaring"] == 5
    assert {"vraag", "antwoord"} <= set(details["antwoorden_routewijzer"][0])
    assert details["fase"] == "In gesprek" and details["status"] == "Contact gehad"
    assert details["fase_uitleg"] == "Je bent in gesprek met het regioloket."
    assert details["aangemeld_op"] == timezone.localtime(registrant.created_at).isoformat()
    assert details["contact_uiterlijk_op"].endswith(("+01:00", "+02:00")), "local time with its offset"
    (contact,) = data["contactmomenten"]
    assert contact["soort"] == "Telefoongesprek" and contact["notitie"] == "Gebeld over de PDG-route."
    assert [message["soort"] for message in data["berichten_aan_jou"]] == ["Bevestiging aan de aanmelder"]
    assert data["berichten_aan_jou"][0]["verzonden_op"]

    readable = client.get(personal_page_path(registrant) + "gegevens/").content.decode()
    for value in ("Sanne de Vries", "7511 AB", "Zij-instroom in het beroep", "Gebeld over de PDG-route.", "Bellen"):
        assert value in readable, value
    assert "Bevestiging aan de aanmelder" in readable and "Telefoongesprek" in readable


def test_hostile_values_are_escaped_in_the_download_and_the_page(client, home, make_registration):
    hostile = '<script>alert("x")</script> & </dd>'
    registration = make_registration(name=hostile, message="<img src=x onerror=alert(1)>")
    response = client.get(personal_page_path(registration) + "gegevens.json")
    raw = response.content.decode()
    assert "<script>" not in raw and "<img" not in raw, "the download is inert wherever it is opened"
    data = json.loads(raw)
    assert data["aanmelding"]["naam"] == hostile, "and still says exactly what is stored"
    assert data["aanmelding"]["bericht"] == "<img src=x onerror=alert(1)>"

    for path in ("", "gegevens/"):
        page = client.get(personal_page_path(registration) + path).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


# -- A new link on request -------------------------------------------------------------------------------------------


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(registrant):
    known, unknown = Client(), Client()
    known_response = known.post(LINK, {"email": "sanne@example.org"})
    unknown_response = unknown.post(LINK, {"email": "niemand@example.org"})
    assert known_response.status_code == unknown_response.status_code == 303
    assert known_response["Location"] == unknown_response["Location"]
    assert known_response.content == unknown_response.content
    known_page, unknown_page = known.get(known_response["Location"]), unknown.get(unknown_response["Location"])
    assert known_page.status_code == unknown_page.status_code == 200
    assert known_page.content == unknown_page.content
    assert "Kijk in je e-mail" in known_page.content.decode()
    assert list(registrant.messages.filter(kind__startswith="personal_page_link_").values_list("kind", "state")) == [
        ("personal_page_link_1", MessageState.PENDING)
    ], "only the known address gets a message, through the outbox"
    assert OutgoingMessage.objects.filter(kind__startswith="personal_page_link_").count() == 1


def test_each_request_for_a_known_address_sends_one_message_with_a_fresh_link(
    client, registrant, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    send_due_reminders.apply()
    smtp_server.messages.clear()
    client.post(LINK, {"email": "Sanne@Example.org"})
    client.post(LINK, {"email": "sanne@example.org"})
    assert sorted(
        registrant.messages.filter(kind__startswith="personal_page_link_").values_list("kind", flat=True)
    ) == [
        "personal_page_link_1",
        "personal_page_link_2",
    ]
    send_due_reminders.apply()
    mails = mails_to(smtp_server, "sanne@example.org")
    assert len(mails) == 2 and len(smtp_server.messages) == 2, "one message per request, and only to the registrant"
    text = plain(mails[0])
    assert mails[0]["Subject"] == "Je nieuwe link naar je eigen pagina bij Word techniekdocent"
    assert "loket-oost@example.org" in text and "053 123 4567" in text
    assert f"{BASE_URL}/aanmelding/mijn-pagina/\n" in text, "and where to ask again"
    assert client.get(page_link(text)).status_code == 200
    assert registrant.messages.get(kind="personal_page_link_2").state == MessageState.SENT
    assert kind_label("personal_page_link_2") == "Nieuwe link naar de persoonlijke pagina (aanvraag 2)"


def test_no_link_for_a_withdrawn_registration_and_a_pending_one_is_not_sent(client, registrant, smtp_server):
    send_due_reminders.apply()
    smtp_server.messages.clear()
    client.post(LINK, {"email": "sanne@example.org"})
    withdraw(registrant)
    send_due_reminders.apply()
    assert smtp_server.messages == []
    assert registrant.messages.get(kind="personal_page_link_1").state == MessageState.SKIPPED
    client.post(LINK, {"email": "sanne@example.org"})
    assert not registrant.messages.filter(kind="personal_page_link_2").exists()


def test_a_link_request_for_a_closed_registration_is_not_sent(registrant, smtp_server):
    OutgoingMessage.objects.create(registration=registrant, kind=str(MessageKind(PERSONAL_PAGE_LINK, 1)))
    Registration.objects.filter(pk=registrant.pk).update(status=Status.CLOSED)
    send_due_reminders.apply()
    assert registrant.messages.get(kind="personal_page_link_1").state == MessageState.SKIPPED
    assert not mails_to(smtp_server, "sanne@example.org")[1:]


def test_link_requests_are_rate_limited_per_address_and_per_ip(registrant, settings):
    settings.RECRUITMENT_PERSONAL_LINK_RATE_LIMITS = {"ip": "4/h", "address": "2/h"}
    client = Client(REMOTE_ADDR="192.0.2.10")
    answers = [client.post(LINK, {"email": "sanne@example.org"}) for _ in range(3)]
    assert [response.status_code for response in answers] == [303, 303, 303], "the answer says nothing"
    assert registrant.messages.filter(kind__startswith="personal_page_link_").count() == 2, "but only two go out"

    assert client.post(LINK, {"email": "iemand@example.org"}).status_code == 303
    blocked = client.post(LINK, {"email": "nog-iemand@example.org"})
    assert blocked.status_code == 429 and "Even wachten" in blocked.content.decode()

    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(LINK, {"email": "iemand@example.org"}).status_code == 303, "another IP is not blocked"
    assert registrant.messages.filter(kind__startswith="personal_page_link_").count() == 2


def test_the_link_form_has_csrf_a_honeypot_and_the_forms_messages(registrant):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(LINK, {"email": "sanne@example.org"}).status_code == 403

    client = Client()
    page = client.get(LINK).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and 'name="website"' in page
    assert client.post(LINK, {"email": "sanne@example.org", "website": "http://spam.example"}).status_code == 303
    assert not registrant.messages.filter(kind__startswith="personal_page_link_").exists(), "a bot gets nothing"

    invalid = client.post(LINK, {"email": "geen-adres"})
    assert invalid.status_code == 200
    assert "Dit is geen geldig e-mailadres" in invalid.content.decode()


# -- The confirmation e-mail ------------------------------------------------------------------------------------------


class Links(HTMLParser):
    """Every href and src in an HTML part, and its text without tags."""

    def __init__(self):
        super().__init__()
        self.urls, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]

    def handle_data(self, data):
        self.text.append(data)


def details_values(text):
    """The values the text part lists under "Dit heb je ingevuld" (templates/emails/recruitment/_details.txt)."""
    block = text.split("Dit heb je ingevuld:\n", 1)[1].split("\n\n", 1)[0]
    values = []
    for line in block.splitlines():
        if line.startswith("- "):
            values.append(line[2:].strip())
        elif ": " in line:
            values.append(line.split(": ", 1)[1].strip())
    return [value for value in values if value]


def test_the_confirmation_lists_every_detail_in_both_parts_with_the_desk_and_links_on_the_base_url(
    client, home, desk, routes, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    response = client.post(
        "/aanmelding/",
        {**valid_data(routes=[routes[0].pk, routes[2].pk]), **FINDER, "send_finder_answers": "on"},
    )
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.finder_answers, "the route finder's answers came along"
    send_due_reminders.apply()
    (mail,) = mails_to(smtp_server, "sanne@example.org")
    text = plain(mail)
    html_part = mail.get_body(("html",)).get_content().replace("\r\n", "\n")
    parser = Links()
    parser.feed(html_part)
    html_text = " ".join(" ".join(parser.text).split())

    values = details_values(text)
    assert len(values) >= 13, values
    for expected in ("Sanne de Vries", "7511 AB (regio Oost)", "Bellen", "Liefst na vijf uur bellen."):
        assert expected in values, expected
    for value in values:
        assert " ".join(value.split()) in html_text, f"the HTML part lacks {value!r}"

    for detail in ("Oost", "loket-oost@example.org", "053 123 4567", "https://regioloket-oost.example.org/"):
        assert detail in text and detail in html_text, detail

    page_path = page_link(text)
    assert f'href="{BASE_URL}{page_path}"' in html_part, "the same personal link in both parts"
    text_urls = re.findall(r"https?://\S+", text)
    external = {desk.website}
    for url in text_urls + parser.urls:
        if url.startswith(("mailto:", "tel:")) or url in external:
            continue
        assert url.startswith(BASE_URL + "/"), url
    assert any("/aanmelding/mijn-pagina/" in url for url in parser.urls)
    assert any("/aanmelding/intrekken/" in url for url in parser.urls)
    assert f"mailto:{desk.contact_email}" in parser.urls and "tel:0531234567" in parser.urls

    assert client.get(page_path).status_code == 200


def test_without_contact_details_for_the_desk_the_site_address_is_given(client, home, regions, smtp_server):
    client.post("/aanmelding/", valid_data())
    send_due_reminders.apply()
    (mail,) = mails_to(smtp_server, "sanne@example.org")
    for body in (plain(mail), mail.get_body(("html",)).get_content()):
        assert "het regioloket Oost" in body and "info@example.org" in body
    assert parseaddr(mail["To"])[1] == "sanne@example.org"


def test_every_link_in_every_registrant_e_mail_uses_the_base_url(registrant, settings):
    from recruitment.emails import build_email
    from recruitment.kinds import FAMILIES, Audience

    from .factories import ResubmissionFactory

    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    resubmission = ResubmissionFactory(
        registration=registrant, data={**change_data(registrant), "email": "sanne@example.org"}
    )
    numbers = {"resubmission_check": resubmission.pk, "personal_page_link": 1}
    families = [family for family in FAMILIES.values() if family.audience == Audience.REGISTRANT]
    assert {family.name for family in families} >= {"confirmation", "resubmission_check", "personal_page_link"}
    for family in families:
        kind = MessageKind(family, numbers[family.name]) if family.numbered else MessageKind(family)
        email = build_email(kind, registrant)
        bodies = [email.body] + [content for content, _mimetype in email.alternatives]
        urls = [url for body in bodies for url in re.findall(r"(?:https?://|href=\")[^\s\"<>]+", body)]
        assert any(BASE_URL in url for url in urls), family.name
        for url in urls:
            url = url.removeprefix('href="')
            if url.startswith(("mailto:", "tel:")) or url == "https://regioloket-oost.example.org/":
                continue
            assert url.startswith(BASE_URL + "/"), (family.name, url)
