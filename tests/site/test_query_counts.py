"""Uncached pages render in a small, fixed number of SQL queries, whatever the amount of content (no N+1).

Each page type's count is pinned exactly, on a warm request: what every page shows and only a publish changes (the
menu, the footer, the site settings, the glossary, the singleton pages templates link to, the view restrictions) is
built once per publish (content/fragments.py), so a warm request reads only its own page and what it lists. A change
here is a change in what a page costs: make it on purpose, and say why in docs/performance-notes.md.

The demo site is loaded once for the module, in a transaction rolled back at its end; each test runs in a savepoint
inside it, so the content a test adds is gone before the next.
"""

import datetime as dt

import pytest

from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage, PracticeExample
from routes.models import Institution, RouteIndexPage, RoutePage, RouteProgramme, RouteStep

FINDER_ANSWERS = "opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent"

# The queries of a warm request. Every Wagtail page costs two for Wagtail's own site lookup and its root page, and
# two to route to the page (one query for the pages along the path, one for the page itself: content/models/base.py).
EXPECTED_QUERIES = {
    # featured routes, latest articles, upcoming events
    "home": ("/", 2 + 3),
    "standard page": ("/privacy/", 4),
    # the regions to filter on, the examples
    "practice examples": ("/uit-de-praktijk/", 4 + 2),
    # upcoming events, past events
    "agenda": ("/agenda/", 4 + 2),
    "event": ("/agenda/ecpb-online-bijeenkomst-2024/", 4),
    # the articles
    "toolkit": ("/docententoolkit/", 4 + 1),
    # the pages the body links to, the sources
    "article": ("/docententoolkit/nieuwe-doelgroepen-interesseren/", 4 + 2),
    # the terms
    "glossary": ("/begrippen/", 4 + 1),
    # the routes (their cards are built from the route's own fields)
    "route index": ("/routes/", 4 + 1),
    # the sources of the facts, the programmes with their colleges, the steps
    "route": ("/routes/zij-instroom/", 4 + 3),
    "route finder": ("/routewijzer/", 4),
    # the routes with their sources, their programmes with colleges, their steps; the regional desks
    "route finder result": (f"/routewijzer/resultaat/?{FINDER_ANSWERS}", 4 + 4),
    # the view restrictions, the pages found and one query per page type among them, the practice examples, the site
    "search": ("/zoeken/?q=docent", None),
    # the form's own (recruitment/registration.py, recruitment/forms.py: its routes, the privacy page)
    "registration form": ("/aanmelden/", 4 + 2),
}


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo_content", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def site(demo_site, db):
    return demo_site


def warm_query_count(client, url):
    """The queries of the second request for url (the first builds what is kept per publish)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_more_content(count=10):
    """count more routes (with programmes and steps), articles, events (upcoming and past) and practice examples."""
    routes = RouteIndexPage.objects.get()
    institutions = list(Institution.objects.all()[:3])
    for number in range(count):
        route = RoutePage(
            title=f"Extra route {number}",
            slug=f"extra-route-{number}",
            for_whom="Iedereen",
            duration="1 jaar",
            accepts_hbo=True,
            for_vmbo=True,
            body=[("paragraph", "<p>Nog een route voor een docent.</p>")],
        )
        routes.add_child(instance=route)
        route.programmes = [
            RouteProgramme(institution=institution, name=institution.programme, sort_order=i)
            for i, institution in enumerate(institutions)
        ]
        route.timeline = [RouteStep(title="Opleiding", months=12)]
        route.save_revision().publish()
    toolkit = ArticleIndexPage.objects.get()
    agenda = EventIndexPage.objects.get()
    today = timezone.localdate()
    for number in range(count):
        toolkit.add_child(
            instance=ArticlePage(
                title=f"Extra artikel {number}",
                slug=f"extra-artikel-{number}",
                intro="Over de docent.",
                body=[("paragraph", "<p>Tekst.</p>")],
            )
        )
        for days in (number + 1, -number - 1):
            agenda.add_child(
                instance=EventPage(
                    title=f"Extra bijeenkomst {number} {days}",
                    slug=f"extra-bijeenkomst-{number}-{days + 100}",
                    start_date=today + dt.timedelta(days=days),
                )
            )
        PracticeExample.objects.create(
            title=f"Voorbeeld {number}", region=f"Regio {number}", theme="werven", summary="Een docent vertelt."
        )


@pytest.mark.parametrize("name", [name for name, (_url, expected) in EXPECTED_QUERIES.items() if expected])
def test_page_type_costs_a_fixed_number_of_queries(site, client, name):
    url, expected = EXPECTED_QUERIES[name]
    assert warm_query_count(client, url) == expected
    add_more_content()
    assert warm_query_count(client, url) == expected, f"{name}: more content, more queries"


def test_search_costs_a_fixed_number_of_queries_per_result_type(site, client):
    """Search runs its own queries: a fixed number, plus one per page type among the results (Wagtail's
    ``specific()``), never one per result."""
    url = EXPECTED_QUERIES["search"][0]
    before = warm_query_count(client, url)
    add_more_content()
    assert warm_query_count(client, url) == before


def test_search_can_use_an_index_on_the_vector_it_matches(postgres):
    """Wagtail's PostgreSQL backend matches ``(title || body) @@ query``: that expression has a GIN index
    (content/migrations/0006), so a search need not read the whole index table once it is large."""
    with postgres.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ to_tsquery('docent')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "content_search_title_body_gin" in plan


def test_what_is_kept_per_publish_changes_with_the_next_publish(site, client):
    """The menu, the footer, the settings and the glossary are kept between requests, never past a change."""
    from wagtail.models import Site

    from content.models import GlossaryTerm, SiteSettings, StandardPage

    url = EXPECTED_QUERIES["route"][0]
    client.get(url)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_name = "Word docent in de techniek"
    settings.save()
    home = Site.objects.get(is_default_site=True).root_page
    new_page = StandardPage(title="Nieuw in het menu", slug="nieuw-in-het-menu", show_in_menus=True)
    home.add_child(instance=new_page)
    new_page.save_revision().publish()
    GlossaryTerm.objects.create(term="Zij-instroomroute", explanation="Uitleg.", source_name="Bron")

    html = client.get(url).content.decode()
    assert "| Word docent in de techniek</title>" in html
    assert '<p class="site-footer__name">Word docent in de techniek</p>' in html
    assert f'<a href="{new_page.url}">Nieuw in het menu</a>' in html
    assert client.get("/begrippen/").content.decode().count("Zij-instroomroute") >= 1
