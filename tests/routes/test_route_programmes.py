"""A route page lists the programmes that offer this route (college + the name it uses + a link), and only those:
no longer every college's bachelor on every route."""

import html
import re

import pytest

from routes.models import RoutePage, RouteProgramme
from tests.routes.factories import InstitutionFactory, RoutePageFactory

pytestmark = pytest.mark.django_db


def test_a_route_page_lists_only_the_programmes_that_offer_it(finder_tree, client):
    windesheim = InstitutionFactory(name="Hogeschool Windesheim", programme="Leraar Technisch Beroepsonderwijs")
    hva = InstitutionFactory(name="Hogeschool van Amsterdam", programme="Leraar Mens en Technologie")
    route = RoutePageFactory(parent=finder_tree["index"], title="Instructeur")
    route.programmes = [
        RouteProgramme(
            institution=windesheim,
            name="Pedagogisch Didactisch Certificaat voor instructeurs",
            url="https://www.windesheim.nl/pdc",
        )
    ]
    route.save_revision().publish()
    other = RoutePageFactory(parent=finder_tree["index"], title="Statushouders voor de Klas")
    other.programmes = [RouteProgramme(institution=hva, name="Statushouders voor de Klas")]
    other.save_revision().publish()

    content = client.get(RoutePage.objects.get(pk=route.pk).url).content.decode()
    assert "Pedagogisch Didactisch Certificaat voor instructeurs" in content
    assert '<a href="https://www.windesheim.nl/pdc">Hogeschool Windesheim</a>' in content
    assert "Hogeschool van Amsterdam" not in content
    assert "Leraar Technisch Beroepsonderwijs" not in content  # the college's bachelor is not this route
    content = client.get(RoutePage.objects.get(pk=other.pk).url).content.decode()
    assert "Leraar Mens en Technologie" not in content
    assert f'<a href="{hva.website}">Hogeschool van Amsterdam</a>' in content  # no link of its own: the college's


def test_the_demo_routes_list_only_their_own_programmes(demo_content, client):
    from routes.demo import read_routes

    programmes = {route["slug"]: route["programmes"] for route in read_routes()["routes"]}
    # The Dutch pages; their English translations list the same programmes (tests/routes/test_english_routes.py).
    for route in RoutePage.objects.live().filter(locale__language_code="nl"):
        content = html.unescape(client.get(route.url).content.decode())
        wanted = programmes[route.slug]
        assert [p.name for p in route.programmes.all()] == [name for _key, name, _url in wanted]
        for _key, name, _url in wanted:
            assert name in content
        # The complaint of issue 9: a college's bachelor shown on routes it does not offer.
        if route.slug in ("statushouders-voor-de-klas", "associate-degree"):
            assert "Leraar Mens en Technologie" not in content
        if route.slug == "instructeur":
            assert "Leraar Technisch Beroepsonderwijs" not in content.split('class="prose"')[0]


def test_fact_boxes_agree_with_the_text(demo_content, client):
    """The PAL/minor fact box no longer says "zonder bevoegdheid" while its text gives the minor a beperkte
    tweedegraads bevoegdheid (S25); the onderwijsassistent page no longer says an Ad makes you a teacher (S27)."""

    def visible_text(slug):
        """The page as a visitor reads it: glossary links around a term don't split a sentence."""
        page = client.get(RoutePage.objects.get(slug=slug).url).content.decode()
        return html.unescape(re.sub(r"<[^>]+>", "", page))

    pal = visible_text("pal-en-educatieve-minor")
    assert "zonder bevoegdheid" not in pal
    assert "Beperkte tweedegraads bevoegdheid" in pal
    assert "via de educatieve minor; PAL zelf geeft geen bevoegdheid." in pal
    assistant = visible_text("onderwijsassistent")
    assert "Met een Ad of een lerarenopleiding word je zelf docent" not in assistant
    assert "een Ad geeft geen bevoegdheid" in assistant
    gastdocent = visible_text("gastdocent")
    assert "Kijk naar het PDG (alleen mbo) of zij-instroom." in gastdocent
