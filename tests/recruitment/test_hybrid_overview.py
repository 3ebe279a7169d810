"""The public overview of the hybride match: approved offers and needs that have not expired, without any contact
person's data, filtered by region and field without JavaScript, a page of each at a time in the same few queries
for 10 or 1,000 of them; calls to action to both forms, and the routes for a professional offered by their employer."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recruitment.models import HybridNeed, HybridOffer, HybridStatus

from .test_hybrid_forms import make_post

pytestmark = pytest.mark.django_db
URL = "/hybride-match/"


def test_only_approved_unexpired_posts_are_shown_without_personal_data(client, regions, home):
    now = timezone.now()
    shown = make_post(
        HybridOffer,
        regions["east"],
        company_name="Oost Installatie",
        description="Monteur met twintig jaar ervaring.",
        contact_name="Geheime Gerda",
        contact_email="gerda@example.org",
        contact_phone="06 98765432",
        postcode="7522 NB",
    )
    need = make_post(HybridNeed, regions["east"], school_name="Oost College", school_type="vmbo", vmbo_profile="pie")
    make_post(HybridOffer, regions["east"], company_name="Verlopen BV", expires_at=now - dt.timedelta(minutes=1))
    make_post(HybridOffer, regions["east"], status=HybridStatus.CONFIRMED, company_name="Wachtend BV")
    make_post(HybridOffer, regions["east"], status=HybridStatus.REJECTED, company_name="Afgewezen BV")
    make_post(HybridNeed, regions["east"], status=HybridStatus.UNCONFIRMED, school_name="Onbevestigd College")

    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oost Installatie" in html and "Monteur met twintig jaar ervaring." in html
    assert "Oost College" in html and "Produceren, installeren en energie (PIE)" in html
    assert "maandagochtend, dinsdagmiddag" in html and "Oost" in html
    for hidden in ("Verlopen BV", "Wachtend BV", "Afgewezen BV", "Onbevestigd College"):
        assert hidden not in html, hidden
    for private in ("Geheime Gerda", "gerda@example.org", "98765432", "7522", "Contact Persoon", "contact@example.org"):
        assert private not in html, private
    assert shown.confirm_token not in html and need.renew_token not in html
    assert 'href="/hybride-match/aanbieden/"' in html and 'href="/hybride-match/vragen/"' in html
    assert "Aanbod van bedrijven <span" in html and "(1)" in html


def test_filters_by_region_and_field_in_the_query_string(client, regions, home):
    make_post(HybridOffer, regions["east"], company_name="Oost Elektro", field="elektrotechniek")
    make_post(HybridOffer, regions["east"], company_name="Oost ICT", field="ict")
    make_post(HybridOffer, regions["national"], company_name="Landelijk Elektro", field="elektrotechniek")
    make_post(HybridNeed, regions["national"], school_name="Landelijk College", field="ict")

    east = client.get(URL, {"regio": regions["east"].pk}).content.decode()
    assert "Oost Elektro" in east and "Oost ICT" in east
    assert "Landelijk Elektro" not in east and "Landelijk College" not in east
    electrical = client.get(URL, {"vakgebied": "elektrotechniek"}).content.decode()
    assert "Oost Elektro" in electrical and "Landelijk Elektro" in electrical and "Oost ICT" not in electrical
    both = client.get(URL, {"regio": regions["national"].pk, "vakgebied": "ict"}).content.decode()
    assert "Landelijk College" in both and "Landelijk Elektro" not in both and "Oost ICT" not in both
    assert f'<option value="{regions["national"].pk}" selected>' in both


def test_a_filter_value_that_is_not_one_shows_everything_with_a_message(client, regions, home):
    make_post(HybridOffer, regions["east"], company_name="Oost Elektro")
    for query in ({"regio": "999999"}, {"regio": "x' OR 1=1"}, {"vakgebied": "<script>"}, {"aanbod": "-1"}):
        response = client.get(URL, query)
        html = response.content.decode()
        assert response.status_code == 200 and "Oost Elektro" in html, query
        assert "<script>" not in html.split("<main")[-1]
    assert "Deze regio kennen we niet." in client.get(URL, {"regio": "999999"}).content.decode()


def test_pages_keep_the_filters(client, regions, home):
    for number in range(25):
        make_post(HybridOffer, regions["east"], company_name=f"Bedrijf {number:02d}", field="bouw")
    first = client.get(URL, {"vakgebied": "bouw"}).content.decode()
    assert "Pagina 1 van 2" in first and 'href="?vakgebied=bouw&amp;aanbod=2"' in first
    second = client.get(URL, {"vakgebied": "bouw", "aanbod": "2"}).content.decode()
    assert "Pagina 2 van 2" in second and second.count('class="hybrid-card"') == 5


def test_a_professional_offered_by_their_employer_is_pointed_to_the_routes_that_fit(client, home):
    from routes.models import RouteIndexPage, RoutePage

    index = RouteIndexPage(title="Routes", slug="routes")
    home.add_child(instance=index)
    for slug, title in (("gastdocent", "Gastdocent"), ("instructeur", "Instructeur in het mbo"), ("pdg", "PDG")):
        index.add_child(
            instance=RoutePage(title=title, slug=slug, for_whom="Voor vakmensen.", duration="een jaar", for_mbo=True)
        )
    html = client.get(URL).content.decode()
    assert "Wil je werkgever jou aanbieden?" in html
    assert '<a href="/routes/gastdocent/">Gastdocent</a>' in html
    assert '<a href="/routes/instructeur/">Instructeur in het mbo</a>' in html
    assert "/routes/pdg/" not in html


def test_without_route_pages_the_pointer_names_the_routes_in_words(client, home):
    html = client.get(URL).content.decode()
    assert "als gastdocent: tot zes uur per week" in html and "Hybride Techniekopleider" in html


def make_many(regions, count):
    """``count`` approved offers and as many needs, in two regions and several fields."""
    now = timezone.now()
    fields = ["elektrotechniek", "werktuigbouw", "ict", "bouw"]
    common = {
        "hours_per_week": 4,
        "day_parts": ["ma-ochtend", "wo-middag"],
        "available_from": timezone.localdate(),
        "postcode": "7511 AB",
        "contact_name": "Iemand",
        "contact_email": "iemand@example.org",
        "status": HybridStatus.APPROVED,
        "approved_at": now,
        "expires_at": now + dt.timedelta(days=100),
    }
    region_list = [regions["east"], regions["national"]]
    HybridOffer.objects.bulk_create(
        HybridOffer(company_name=f"Bedrijf {i}", field=fields[i % 4], region=region_list[i % 2], **common)
        for i in range(count)
    )
    HybridNeed.objects.bulk_create(
        HybridNeed(
            school_name=f"School {i}",
            school_type="mbo",
            mbo_programme="Monteur",
            field=fields[i % 4],
            region=region_list[i % 2],
            **common,
        )
        for i in range(count)
    )


def queries_for(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, query)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("query", [{}, {"vakgebied": "ict"}, {"aanbod": "2", "vraag": "3"}])
def test_the_number_of_queries_is_the_same_for_10_or_1000_open_posts(client, regions, home, query):
    make_many(regions, 10)
    client.get(URL)  # the site's and the regions' caches filled, as on a live site
    few, html = queries_for(client, query)
    assert html.count('class="hybrid-card"') > 0
    make_many(regions, 990)
    many, html = queries_for(client, query)
    assert html.count('class="hybrid-card"') <= 40, "a page of each list"
    assert many == few, (few, many)
    assert few <= 12, few
