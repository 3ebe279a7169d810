"""The hybride match in the admin: only the recruitment staff see offers, needs and proposals (never anonymous
visitors or editors), staff limited to regions see only theirs, and they approve (public until it expires) or reject
(with a reason) what was confirmed; an unconfirmed post cannot be decided on yet."""

import pytest

from django.utils import timezone

from recruitment.models import HybridNeed, HybridOffer, HybridStatus, RegionAssignment

from .test_hybrid_forms import make_post

pytestmark = pytest.mark.django_db

OFFERS = "/admin/hybride-aanbod/"
NEEDS = "/admin/hybride-vragen/"
PROPOSALS = "/admin/hybride-voorstellen/"


@pytest.fixture
def posts(regions, home):
    east_offer = make_post(HybridOffer, regions["east"], status=HybridStatus.CONFIRMED, company_name="Oost Techniek")
    national_offer = make_post(
        HybridOffer, regions["national"], status=HybridStatus.CONFIRMED, company_name="Landelijk Installatiebedrijf"
    )
    east_need = make_post(HybridNeed, regions["east"], status=HybridStatus.CONFIRMED, school_name="Oost College")
    return {"east_offer": east_offer, "national_offer": national_offer, "east_need": east_need}


@pytest.fixture
def east_staff(staff_user, regions):
    RegionAssignment.objects.create(user=staff_user).regions.set([regions["east"]])
    return staff_user


def test_anonymous_visitors_are_sent_to_the_login(client, posts):
    for url in (OFFERS, NEEDS, PROPOSALS, f"{OFFERS}inspect/{posts['east_offer'].pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_editors_see_neither_offers_nor_needs_nor_proposals(client, editor_user, posts):
    client.force_login(editor_user)
    for url in (OFFERS, NEEDS, PROPOSALS, f"{OFFERS}inspect/{posts['east_offer'].pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Oost Techniek" not in response.content.decode()
    decided = client.post(f"{OFFERS}beoordelen/{posts['east_offer'].pk}/", {"decision": "approve"})
    assert decided.status_code in (302, 403)
    assert "/admin/" in decided.get("Location", "/admin/") and HybridOffer.objects.public().count() == 0
    menu = client.get("/admin/").content.decode()
    assert "Hybride match" not in menu


def test_staff_see_the_menu_the_lists_and_the_proposals(client, staff_user, posts):
    client.force_login(staff_user)
    assert "Hybride match" in client.get("/admin/").content.decode()
    offers = client.get(OFFERS).content.decode()
    assert "Oost Techniek" in offers and "Landelijk Installatiebedrijf" in offers
    assert "Oost College" in client.get(NEEDS).content.decode()
    assert client.get(PROPOSALS).status_code == 200


def test_staff_of_another_region_see_nothing_of_this_one(client, east_staff, posts):
    client.force_login(east_staff)
    offers = client.get(OFFERS).content.decode()
    assert "Oost Techniek" in offers and "Landelijk Installatiebedrijf" not in offers
    national = posts["national_offer"]
    assert client.get(f"{OFFERS}inspect/{national.pk}/").status_code == 404
    assert client.post(f"{OFFERS}beoordelen/{national.pk}/", {"decision": "approve"}).status_code == 404
    national.refresh_from_db()
    assert national.status == HybridStatus.CONFIRMED
    search = client.get(OFFERS, {"q": "Landelijk"}).content.decode()
    assert "Landelijk Installatiebedrijf" not in search


def test_the_page_shows_the_contact_person_but_never_a_token(client, staff_user, posts):
    client.force_login(staff_user)
    offer = posts["east_offer"]
    html = client.get(f"{OFFERS}inspect/{offer.pk}/").content.decode()
    assert "Contact Persoon" in html and "contact@example.org" in html
    assert "maandagochtend, dinsdagmiddag" in html
    assert offer.confirm_token not in html and offer.renew_token not in html
    assert "Besluit vastleggen" in html


def test_staff_approve_and_it_is_public_until_it_expires(client, east_staff, posts, settings):
    settings.HYBRID_MATCH_VALID_DAYS = 182
    client.force_login(east_staff)
    offer = posts["east_offer"]
    response = client.post(f"{OFFERS}beoordelen/{offer.pk}/", {"decision": "approve"}, follow=True)
    assert "staat op de openbare lijst tot" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == HybridStatus.APPROVED and offer.approved_by == east_staff
    assert (offer.expires_at - offer.approved_at).days == 182
    assert offer.is_public() and not offer.is_public(offer.expires_at)
    assert list(HybridOffer.objects.public()) == [offer]


def test_a_rejection_needs_a_reason_and_takes_it_off_the_list(client, east_staff, posts):
    client.force_login(east_staff)
    need = posts["east_need"]
    refused = client.post(f"{NEEDS}beoordelen/{need.pk}/", {"decision": "reject", "reason": " "})
    assert refused.status_code == 200 and "Schrijf op waarom je het afwijst." in refused.content.decode()
    need.refresh_from_db()
    assert need.status == HybridStatus.CONFIRMED

    client.post(f"{NEEDS}beoordelen/{need.pk}/", {"decision": "approve"})
    client.post(f"{NEEDS}beoordelen/{need.pk}/", {"decision": "reject", "reason": "Geen technische opleiding."})
    need.refresh_from_db()
    assert need.status == HybridStatus.REJECTED and need.rejection_reason == "Geen technische opleiding."
    assert need.expires_at is None and not HybridNeed.objects.public().exists()


def test_an_unconfirmed_post_cannot_be_approved_yet(client, staff_user, regions, home):
    offer = make_post(HybridOffer, regions["east"], status=HybridStatus.UNCONFIRMED)
    client.force_login(staff_user)
    page = client.get(f"{OFFERS}inspect/{offer.pk}/").content.decode()
    assert "nog niet bevestigd" in page and "Besluit vastleggen" not in page
    response = client.post(f"{OFFERS}beoordelen/{offer.pk}/", {"decision": "approve"}, follow=True)
    assert "kan nog niet beoordeeld worden" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == HybridStatus.UNCONFIRMED


def test_the_lists_filter_by_status_and_field(client, staff_user, posts, regions):
    make_post(HybridOffer, regions["east"], company_name="ICT Bedrijf", field="ict", approved_at=timezone.now())
    client.force_login(staff_user)
    approved = client.get(OFFERS, {"status": "approved"}).content.decode()
    assert "ICT Bedrijf" in approved and "Oost Techniek" not in approved
    ict = client.get(OFFERS, {"field": "ict"}).content.decode()
    assert "ICT Bedrijf" in ict and "Landelijk Installatiebedrijf" not in ict
