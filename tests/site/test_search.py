"""Site search over routes, articles, practice examples and events (Wagtail's database backend)."""

import pytest

from django.core.management import call_command

from wagtail.models import Page

from content.models import PracticeExample
from routes.models import RouteIndexPage, RoutePage

pytestmark = pytest.mark.django_db


def test_search_finds_a_route_by_a_word_in_its_body(home_page, client, postgres):
    index = home_page.add_child(instance=RouteIndexPage(title="Routes", slug="routes"))
    route = RoutePage(
        title="Technisch instructeur",
        slug="instructeur",
        for_whom="Vakmensen",
        duration="1 jaar",
        for_vmbo=True,
        body=[("paragraph", "<p>Je begeleidt leerlingen in de werkplaats met de draaibank.</p>")],
    )
    index.add_child(instance=route)
    other = RoutePage(
        title="Kopopleiding",
        slug="kop",
        for_whom="Bachelors",
        duration="1 jaar",
        for_vmbo=True,
        body=[("paragraph", "<p>Een jaar studie na je bachelor.</p>")],
    )
    index.add_child(instance=other)
    call_command("update_index", verbosity=0)

    response = client.get("/zoeken/", {"q": "draaibank"})
    assert response.status_code == 200
    results = [result.specific for result in response.context["search_results"]]
    assert route in results
    assert other not in results
    assert "Technisch instructeur" in response.content.decode()


def test_search_finds_practice_examples_and_articles_in_the_demo(demo_content, client):
    example = PracticeExample.objects.filter(region__icontains="Zwolle").first()
    assert example is not None
    response = client.get("/zoeken/", {"q": "Zwolle"})
    assert response.status_code == 200
    assert example in response.context["practice_examples"]

    response = client.get("/zoeken/", {"q": "hybride"})
    titles = [result.title for result in response.context["search_results"]]
    assert any("ybride" in title for title in titles)
    assert RoutePage.objects.filter(title__icontains="hybride").exists()


def test_the_dutch_search_lists_dutch_pages_only(demo_content, client):
    # The demo has English translations of the hybrid route (and others) in the same tree; the search speaks Dutch.
    english = RoutePage.objects.live().filter(locale__language_code="en", slug="hybrid-technology-teacher").get()
    response = client.get("/zoeken/", {"q": "hybride"})
    found = [result.pk for result in response.context["search_results"]]
    assert found and english.pk not in found
    assert not [result for result in response.context["search_results"] if result.locale.language_code != "nl"]
    assert "/en/" not in response.content.decode()
    response = client.get("/zoeken/", {"q": "foreign diploma"})
    assert not response.context["search_results"].object_list


@pytest.mark.parametrize("query", ["", " ", "x" * 5000, "<script>alert(1)</script>", "' OR 1=1 --", "\x00"])
def test_search_survives_odd_queries(demo_content, client, query):
    response = client.get("/zoeken/", {"q": query, "pagina": "abc"})
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_excludes_unpublished_pages(demo_content, client):
    route = RoutePage.objects.live().first()
    route.unpublish()
    response = client.get("/zoeken/", {"q": route.title})
    assert route.pk not in [result.pk for result in response.context["search_results"]]
    assert Page.objects.filter(pk=route.pk, live=False).exists()


def test_the_page_titled_with_the_term_ranks_first(home_page, client, postgres):
    """Pages that mention zij-instroom often in their body rank below the page about it."""
    from content.models import ArticleIndexPage, ArticlePage

    routes = home_page.add_child(instance=RouteIndexPage(title="Routes", slug="routes"))
    articles = home_page.add_child(instance=ArticleIndexPage(title="Docententoolkit", slug="toolkit"))
    mention = "<p>Zij-instroom, zij-instroom en nog eens zij-instroom: via zij-instroom of naast zij-instroom.</p>"
    for slug, title in (("pdg", "Pedagogisch didactisch getuigschrift"), ("kop", "Kopopleiding")):
        routes.add_child(
            instance=RoutePage(
                title=title,
                slug=slug,
                for_whom="Zij-instroom of niet",
                duration="1 jaar",
                for_vmbo=True,
                body=[("paragraph", mention * 3)],
            )
        )
    articles.add_child(
        instance=ArticlePage(
            title="Samen opleiden", slug="samen", intro="Over zij-instroom.", body=[("paragraph", mention * 3)]
        )
    )
    main = RoutePage(
        title="Zij-instroom",
        slug="zij-instroom",
        for_whom="Vakmensen met een diploma",
        duration="2 jaar",
        for_vmbo=True,
        body=[("paragraph", "<p>Je werkt en leert tegelijk.</p>")],
    )
    routes.add_child(instance=main)
    call_command("update_index", verbosity=0)

    for query in ("zij-instroom", "Zij instroom", "ZIJ-INSTROOM"):
        response = client.get("/zoeken/", {"q": query})
        results = [result.specific for result in response.context["search_results"]]
        assert results[0] == main, (query, [result.title for result in results])
        assert len(results) == 4


def test_the_demo_zij_instroom_routes_come_before_pages_that_only_mention_them(demo_content, client):
    response = client.get("/zoeken/", {"q": "zij-instroom"})
    titles = [result.title for result in response.context["search_results"]]
    titled = [title for title in titles if "zij-instroom" in title.lower()]
    assert titled and titles[: len(titled)] == titled, titles


def test_the_search_page_describes_itself_for_search_engines(home_page, client):
    """Lighthouse's SEO audit asks every page for a meta description; the search page has no page of its own."""
    html = client.get("/zoeken/?q=techniek").content.decode()
    assert html.count('<meta name="description"') == 1
    assert 'content="Zoek op de site naar routes' in html
