"""The hybride match's two public forms: Dutch messages for what is wrong, the day-part grid, consent, honeypot and
rate limit, with and without htmx; a post waits for its contact person to confirm it by the link in an e-mail (read
from a real SMTP server), which takes a button press (a mail scanner that opens the link confirms nothing); then the
region's staff are told once. Unconfirmed posts are deleted after a few days."""

import datetime as dt
import re

import pytest

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recruitment.delivery import deliver_pending
from recruitment.hybrid import services
from recruitment.models import HybridNeed, HybridOffer, HybridStatus, MessageState, OutgoingMessage

pytestmark = pytest.mark.django_db

OFFER_URL = "/hybride-match/aanbieden/"
NEED_URL = "/hybride-match/vragen/"


def start_date(days=30):
    return timezone.localdate() + dt.timedelta(days=days)


def offer_data(**overrides):
    data = {
        "company_name": "Installatiebedrijf Jansen & Zn.",
        "field": "elektrotechniek",
        "hours_per_week": "4",
        "day_parts": ["di-middag", "ma-ochtend"],
        "available_from": start_date().isoformat(),
        "postcode": "7511 ab",
        "description": "Een ervaren monteur die graag de praktijk laat zien.",
        "contact_name": "Petra Jansen",
        "contact_email": "petra@example.org",
        "contact_phone": "06 12345678",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def need_data(**overrides):
    data = {
        "school_name": "Techniek College Oost",
        "school_type": "vmbo",
        "vmbo_profile": "pie",
        "mbo_programme": "",
        "field": "elektrotechniek",
        "hours_per_week": "3",
        "day_parts": ["ma-ochtend", "wo-middag"],
        "available_from": start_date().isoformat(),
        "postcode": "7511 AB",
        "description": "Praktijklessen installeren voor het derde leerjaar.",
        "contact_name": "Karin de Boer",
        "contact_email": "karin@example.org",
        "contact_phone": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_post(model, region, *, status=HybridStatus.APPROVED, now=None, **fields):
    """An offer or need as the form, the confirmation and (by default) the staff's approval leave it."""
    now = now or timezone.now()
    defaults = {
        "field": "elektrotechniek",
        "hours_per_week": 4,
        "day_parts": ["ma-ochtend", "di-middag"],
        "available_from": timezone.localdate(now) + dt.timedelta(days=30),
        "description": "",
        "postcode": "7511 AB",
        "contact_name": "Contact Persoon",
        "contact_email": "contact@example.org",
        "contact_phone": "06 12345678",
        "status": status,
        "created_at": now,
        "region": region,
    }
    if model is HybridOffer:
        defaults["company_name"] = "Bedrijf"
    else:
        defaults.update(school_name="School", school_type="mbo", mbo_programme="Eerste Monteur")
    if status == HybridStatus.APPROVED:
        defaults.update(approved_at=now, expires_at=now + dt.timedelta(days=182), confirmed_at=now)
    defaults.update(fields)
    return model.objects.create(**defaults)


def confirm_link(mail):
    text = mail["message"].get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/hybride-match/bevestigen/\S+/", text).group(0)


# --- the form -------------------------------------------------------------------------------------------------------


def test_the_offer_form_has_a_day_part_grid_with_a_legend_and_a_label_per_box(client, home):
    html = client.get(OFFER_URL).content.decode()
    assert "<legend>Op welke dagdelen? " in html
    assert '<th scope="row">Maandag</th>' in html and '<th scope="col">Ochtend</th>' in html
    boxes = re.findall(r'<input type="checkbox" name="day_parts" value="([a-z-]+)" id="(id_day_parts_\d+)"', html)
    assert [value for value, _id in boxes][:3] == ["ma-ochtend", "ma-middag", "di-ochtend"] and len(boxes) == 10
    for _value, box_id in boxes:
        assert f'<label for="{box_id}">' in html
    assert '<span class="visually-hidden">maandagochtend</span>' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'name="website"' in html


def test_a_post_without_javascript_is_stored_unconfirmed_and_leads_to_check_your_email(client, regions, home):
    response = client.post(OFFER_URL, offer_data())
    assert response.status_code == 303 and response["Location"] == reverse("recruitment:hybrid_posted")
    page = client.get(response["Location"]).content.decode()
    assert "Check je e-mail" in page and "petra@example.org" in page

    offer = HybridOffer.objects.get()
    assert offer.status == HybridStatus.UNCONFIRMED
    assert offer.region == regions["east"] and offer.postcode == "7511 AB"
    assert offer.day_parts == ["ma-ochtend", "di-middag"], "in the week's order"
    assert offer.company_name == "Installatiebedrijf Jansen & Zn."
    assert offer.consent_version == "2026-1" and offer.consented_at
    assert list(offer.messages.values_list("kind", "state")) == [("hybrid_confirm", MessageState.PENDING)]


def test_a_need_of_an_mbo_school_keeps_its_programme_and_drops_a_vmbo_profile(client, regions, home):
    client.post(NEED_URL, need_data(school_type="mbo", vmbo_profile="pie", mbo_programme=" Eerste   Monteur "))
    need = HybridNeed.objects.get()
    assert (need.school_type, need.vmbo_profile, need.mbo_programme) == ("mbo", "", "Eerste Monteur")
    assert need.subject_text == "Eerste Monteur"


def test_errors_come_back_in_dutch_with_what_was_typed(client, home):
    response = client.post(NEED_URL, {"school_name": "De Ring", "school_type": "vmbo", "hours_per_week": "41"})
    html = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Kies het profiel van het vmbo.",
        "Kies een vakgebied.",
        "Vul hoogstens 40 uur in.",
        "Kies minstens één dagdeel.",
        "Vul in vanaf wanneer",
        "Vul je postcode in",
        "Vul je naam in.",
        "Geef toestemming.",
    ):
        assert message in html, message
    assert 'value="De Ring"' in html and "Controleer deze" in html
    assert '<a href="#id_day_parts_0">' in html, "the summary links to the first day part"
    assert not HybridNeed.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"available_from": "2001-01-01"}, "Deze datum is al geweest."),
        ({"available_from": "9999-12-31"}, "meer dan twee jaar vooruit"),
        ({"available_from": "31-02-2027"}, "Vul een datum in"),
        ({"hours_per_week": "0"}, "Vul minstens 1 uur in."),
        ({"hours_per_week": "vier"}, "Vul een heel getal in"),
        ({"day_parts": ["za-ochtend"]}, "Kies dagdelen uit het rooster."),
        ({"field": "kernfysica"}, "Kies een vakgebied uit de lijst."),
        ({"company_name": "<b>Bedrijf</b>"}, "Gebruik in de naam alleen"),
        ({"company_name": "www.bedrijf.nl"}, "zonder internetadres"),
        ({"contact_email": "petra@"}, "Dit is geen geldig e-mailadres"),
        ({"postcode": "123"}, "Dit is geen Nederlandse postcode"),
    ],
)
def test_each_wrong_answer_gets_its_own_message(client, home, overrides, message):
    response = client.post(OFFER_URL, offer_data(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not HybridOffer.objects.exists()


def test_a_mbo_need_without_a_programme_is_refused(client, home):
    html = client.post(NEED_URL, need_data(school_type="mbo", mbo_programme="")).content.decode()
    assert "Vul de opleiding van het mbo in." in html
    assert not HybridNeed.objects.exists()


def test_with_htmx_errors_and_the_outcome_are_swapped_in_place(client, regions, home):
    errors = client.post(OFFER_URL, offer_data(consent=None), HTTP_HX_REQUEST="true")
    html = errors.content.decode()
    assert errors.status_code == 200 and "<html" not in html and 'id="hybride-formulier"' in html
    assert "Geef toestemming." in html

    done = client.post(OFFER_URL, offer_data(), HTTP_HX_REQUEST="true")
    html = done.content.decode()
    assert done.status_code == 200 and "<html" not in html
    assert 'id="hybride-formulier"' in html and "Check je e-mail" in html and "petra@example.org" in html
    assert HybridOffer.objects.count() == 1


def test_inline_validation_checks_one_field_and_stores_nothing(client, home):
    response = client.post(
        OFFER_URL, {**offer_data(), "_validate": "contact_email", "contact_email": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Dit is geen geldig e-mailadres" in response.content.decode()
    assert client.post(OFFER_URL, {"_validate": "website"}, HTTP_HX_REQUEST="true").status_code == 400
    assert not HybridOffer.objects.exists()


def test_the_honeypot_stores_nothing_and_looks_the_same(client, home):
    response = client.post(OFFER_URL, offer_data(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == reverse("recruitment:hybrid_posted")
    assert not HybridOffer.objects.exists() and not OutgoingMessage.objects.exists()


def test_too_many_posts_from_one_address_are_refused(client, regions, home, settings):
    settings.HYBRID_MATCH_RATE_LIMIT = "2/h"
    for number in range(2):
        client.post(NEED_URL, need_data(contact_email=f"school-{number}@example.org"))
    refused = client.post(OFFER_URL, offer_data())
    assert refused.status_code == 429 and "Even wachten" in refused.content.decode()
    swapped = client.post(OFFER_URL, offer_data(), HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200 and "Even wachten" in swapped.content.decode()
    assert HybridNeed.objects.count() == 2 and not HybridOffer.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(home):
    assert Client(enforce_csrf_checks=True).post(OFFER_URL, offer_data()).status_code == 403
    assert not HybridOffer.objects.exists()


# --- confirmation by e-mail, then the region's staff ---------------------------------------------------------------


def test_the_link_confirms_only_after_the_button_and_the_region_s_staff_are_told_once(
    client, regions, home, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    client.post(NEED_URL, need_data())
    need = HybridNeed.objects.get()

    assert deliver_pending().sent == 1
    (mail,) = smtp_server.wait_for(1)
    assert mail["to"] == ["karin@example.org"]
    assert mail["message"]["Subject"] == "Bevestig je vraag voor de hybride match"
    link = confirm_link(mail)
    assert link == f"https://techniekdocent.example.org/hybride-match/bevestigen/vraag/{need.confirm_token}/"
    text = mail["message"].get_body(preferencelist=("plain",)).get_content()
    assert "Techniek College Oost" in text and "maandagochtend, woensdagmiddag" in text

    path = link.removeprefix("https://techniekdocent.example.org")
    page = client.get(path)
    assert page.status_code == 200 and "Ja, bevestig mijn vraag" in page.content.decode()
    need.refresh_from_db()
    assert need.status == HybridStatus.UNCONFIRMED, "opening the link confirms nothing"

    done = client.post(path)
    assert "Je vraag is bevestigd." in done.content.decode()
    again = client.post(path)
    assert "Dit was al bevestigd." in again.content.decode()
    need.refresh_from_db()
    assert need.status == HybridStatus.CONFIRMED and need.confirmed_at

    assert deliver_pending().sent == 1
    assert deliver_pending().sent == 0
    staff_mail = smtp_server.wait_for(2)[1]
    assert sorted(staff_mail["to"]) == ["oost-1@example.org", "oost-2@example.org"]
    subject = str(staff_mail["message"]["Subject"])
    assert subject == "Hybride match: nieuwe vraag van Techniek College Oost (Oost) om goed te keuren"
    body = staff_mail["message"].get_body(preferencelist=("plain",)).get_content()
    assert "Karin de Boer, karin@example.org" in body
    assert f"https://techniekdocent.example.org/admin/hybride-vragen/inspect/{need.pk}/" in body
    assert list(need.messages.order_by("pk").values_list("kind", "state")) == [
        ("hybrid_confirm", MessageState.SENT),
        ("hybrid_staff_notification", MessageState.SENT),
    ]
    assert len(smtp_server.messages) == 2


def test_confirming_twice_at_once_tells_the_staff_once(regions, home):
    offer = make_post(HybridOffer, regions["east"], status=HybridStatus.UNCONFIRMED)
    assert [services.confirm(HybridOffer.objects.get(pk=offer.pk)) for _ in range(2)] == [True, False]
    assert offer.messages.filter(kind="hybrid_staff_notification").count() == 1


def test_a_region_without_staff_addresses_falls_back_to_the_site_s_contact_address(home, smtp_server):
    from routes.models import Region

    bare = Region.objects.create(name="Zonder adressen")
    offer = make_post(HybridOffer, bare, status=HybridStatus.UNCONFIRMED)
    services.confirm(offer)
    deliver_pending(offer_id=offer.pk)
    assert smtp_server.wait_for(1)[0]["to"] == ["info@example.org"]


def test_the_confirmation_request_is_not_sent_once_the_post_is_confirmed(regions, home, smtp_server):
    offer = services.submit(HybridOffer, {**offer_data(), "hours_per_week": 4, "available_from": start_date()})
    services.confirm(offer)
    report = deliver_pending(offer_id=offer.pk)
    assert (report.sent, report.skipped) == (1, 1)
    assert smtp_server.wait_for(1)[0]["to"] == ["oost-1@example.org", "oost-2@example.org"]


def test_a_confirmation_request_that_keeps_failing_warns_the_coordinator_once(regions, home, settings, smtp_server):
    from recruitment.emails import build_hybrid_email

    settings.RECRUITMENT_SEND_MAX_ATTEMPTS = 1
    smtp_server.refuse = True
    offer = make_post(HybridOffer, regions["east"], status=HybridStatus.UNCONFIRMED)
    services.queue(offer, services.HYBRID_CONFIRM, timezone.now())
    deliver_pending(offer_id=offer.pk)
    failed = offer.messages.get(kind="hybrid_confirm")
    assert failed.state == MessageState.FAILED
    warning = offer.messages.get(kind=f"hybrid_delivery_failure_{failed.pk}")
    assert warning.state == MessageState.FAILED, "the same server refused the warning too"
    assert offer.messages.count() == 2, "a failing warning warns nobody again"

    email = build_hybrid_email(warning.kind, offer)
    assert email.to == ["coordinator-oost@example.org"] and email.cc == ["oost-1@example.org", "oost-2@example.org"]
    assert email.subject == "Niet afgeleverd: bericht over de hybride match (Oost)"
    assert "De contactpersoon heeft de link om te bevestigen dus niet gekregen." in email.body


def test_a_link_that_is_not_one_is_not_found(client, regions, home):
    offer = make_post(HybridOffer, regions["east"], status=HybridStatus.UNCONFIRMED)
    assert client.get(f"/hybride-match/bevestigen/vraag/{offer.confirm_token}/").status_code == 404
    assert client.get(f"/hybride-match/bevestigen/iets/{offer.confirm_token}/").status_code == 404
    assert client.post("/hybride-match/bevestigen/aanbod/" + "x" * 40 + "/").status_code == 404
    assert client.get("/hybride-match/bevestigen/aanbod/kort/").status_code == 404
    offer.refresh_from_db()
    assert offer.status == HybridStatus.UNCONFIRMED


def test_the_delivery_task_sends_a_post_s_messages_by_its_key(regions, home, smtp_server):
    from recruitment.tasks import deliver_hybrid_messages

    offer = services.submit(HybridOffer, {**offer_data(), "hours_per_week": 4, "available_from": start_date()})
    assert deliver_hybrid_messages.apply(args=["offer", offer.pk]).get() == 1
    assert deliver_hybrid_messages.apply(args=["offer", offer.pk]).get() == 0
    assert smtp_server.wait_for(1)[0]["to"] == ["petra@example.org"]


# --- unconfirmed posts are deleted ----------------------------------------------------------------------------------


def test_unconfirmed_posts_are_deleted_with_their_messages_after_a_few_days(regions, home, settings):
    from recruitment.tasks import delete_unconfirmed_hybrid_posts

    settings.HYBRID_MATCH_UNCONFIRMED_DAYS = 3
    now = timezone.now()
    old = make_post(
        HybridOffer, regions["east"], status=HybridStatus.UNCONFIRMED, created_at=now - dt.timedelta(days=4)
    )
    services.queue(old, services.HYBRID_CONFIRM, now)
    recent = make_post(HybridNeed, regions["east"], status=HybridStatus.UNCONFIRMED, now=now - dt.timedelta(days=2))
    confirmed = make_post(
        HybridNeed, regions["east"], status=HybridStatus.CONFIRMED, created_at=now - dt.timedelta(days=10)
    )

    assert delete_unconfirmed_hybrid_posts.apply().get() == 1
    assert not HybridOffer.objects.filter(pk=old.pk).exists()
    assert not OutgoingMessage.objects.filter(offer_id=old.pk).exists()
    assert set(HybridNeed.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}


def test_an_outbox_row_is_about_exactly_one_thing(regions, home):
    from django.db import IntegrityError, transaction

    offer = make_post(HybridOffer, regions["east"])
    need = make_post(HybridNeed, regions["east"])
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingMessage.objects.create(offer=offer, need=need, kind="hybrid_confirm")
    OutgoingMessage.objects.create(offer=offer, kind="hybrid_confirm")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutgoingMessage.objects.create(offer=offer, kind="hybrid_confirm")
    OutgoingMessage.objects.create(need=need, kind="hybrid_confirm")
    assert OutgoingMessage.objects.count() == 2
    assert OutgoingMessage.objects.get(offer=offer).message_id.startswith(f"<offer-{offer.pk}.message-")
