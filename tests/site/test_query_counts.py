"""Uncached pages render in a small, fixed number of SQL queries, whatever the amount of content (no N+1).

Each page type's counts are pinned exactly, for the first request after a publish (cold) and a warm one: what only a
publish changes (the site, the page a URL leads to, the menu, the footer, the site settings, the glossary, the
singleton pages templates link to, the view restrictions, the advice per finder answers, the results per search) is
built once per publish (content/fragments.py), so a warm request reads only what changes without a publish. A change
here is a change in what a page costs: make it on purpose, and say why in docs/performance-notes.md.

The demo site is loaded once for the module, in a transaction rolled back at its end; each test runs in a savepoint
inside it, so the content a test adds is gone before the next.
"""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage, PracticeExample
from routes.models import Institution, RouteIndexPage, RoutePage, RouteProgramme, RouteStep

FINDER_ANSWERS = "opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent"

# (queries of the first request after a publish, queries of a warm request). A cold request reads what is kept per
# publish: Wagtail's site with its root page (two queries), the page the path leads to (two: the pages along the
# path, then the page itself, content/models/base.py), the menu, the footer's settings and pages, the settings'
# privacy page, the breadcrumbs, and what the page itself shows. A warm request reads only what is not kept: lists
# that change with the date or a filter.
EXPECTED_QUERIES = {
    # featured routes, latest articles, upcoming events: kept (the events per day)
    "home": ("/", 14, 0),
    "standard page": ("/privacy/", 10, 0),
    # the regions to filter on, the examples (the visitor filters them)
    "practice examples": ("/uit-de-praktijk/", 12, 2),
    # upcoming events, past events (they move with the date, and with the visitor's region and online/on location
    # filter); the regions to filter on are kept (one more query when cold, issue 13)
    "agenda": ("/agenda/", 13, 2),
    # the regions the event is for: kept with the page (one more query when cold, issue 13)
    "event": ("/agenda/ecpb-online-bijeenkomst-2024/", 11, 0),
    # the articles (filtered by topic)
    "toolkit": ("/docententoolkit/", 11, 1),
    # the pages the body links to, the sources: kept with the page
    "article": ("/docententoolkit/nieuwe-doelgroepen-interesseren/", 12, 0),
    # the terms
    "glossary": ("/begrippen/", 11, 1),
    # the routes (their cards are rendered once per publish)
    "route index": ("/routes/", 12, 1),
    # the sources of the facts, the programmes with their colleges, the steps: kept with the page
    "route": ("/routes/zij-instroom/", 16, 0),
    "route finder": ("/routewijzer/", 10, 0),
    # the routes with their sources, programmes and steps, the regional desks; the advice per answers is kept
    "route finder result": (f"/routewijzer/resultaat/?{FINDER_ANSWERS}", 14, 0),
    # the pages found, one query per page type among them (the conversation tool is one since issue 14), the practice
    # examples; kept per query
    "search": ("/zoeken/?q=docent", 16, 0),
    # the form's routes and the privacy page: its fields are rendered once per publish (recruitment/registration.py)
    "registration form": ("/aanmelden/", 11, 0),
    # as a route, and the conversation tool it links to (issue 14): kept with the page
    "hybrid route": ("/routes/hybride-techniekopleider/", 17, 0),
    # the start form (never cached: a CSRF token); the routes for hybrid roles it links to are kept
    "conversation tool": ("/gesprekskaarten/", 11, 0),
}


def cold_query_count(client, url):
    """The queries of the first request for url after a publish (nothing kept yet, in this process or any other).
    One request goes first, for what is done only once ever (Wagtail creates the site's settings row)."""
    from content import fragments

    assert client.get(url).status_code == 200, url
    fragments.bump()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def warm_query_count(client, url):
    """The queries of the second request for url (the first builds what is kept per publish)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_more_content(count=10):
    """count more routes (with programmes and steps), articles, events (upcoming and past) and practice examples."""
    routes = RouteIndexPage.objects.get(locale__language_code="nl")
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


@pytest.mark.parametrize("name", list(EXPECTED_QUERIES))
def test_page_type_costs_a_fixed_number_of_queries(site, client, name):
    url, cold, warm = EXPECTED_QUERIES[name]
    assert (cold_query_count(client, url), warm_query_count(client, url)) == (cold, warm)
    add_more_content()
    assert (cold_query_count(client, url), warm_query_count(client, url)) == (cold, warm), (
        f"{name}: more content, more queries"
    )


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


def test_a_kept_page_changes_with_its_next_publish(site, client):
    """The page a URL leads to is kept between requests, never past an edit, an unpublish or a new page."""
    url = EXPECTED_QUERIES["route"][0]
    search = "/zoeken/?q=Kweekvijver"
    client.get(url), client.get(search), client.get(f"/routewijzer/resultaat/?{FINDER_ANSWERS}")
    route = RoutePage.objects.get(url_path__endswith="/zij-instroom/")
    route.title = "Zij-instroom, vernieuwd"
    route.save_revision().publish()
    assert "Zij-instroom, vernieuwd" in client.get(url).content.decode()
    assert "Zij-instroom, vernieuwd" in client.get(f"/routewijzer/resultaat/?{FINDER_ANSWERS}").content.decode()

    assert "De Kweekvijver" not in client.get(search).content.decode()
    toolkit = ArticleIndexPage.objects.get()
    article = ArticlePage(title="De Kweekvijver", slug="kweekvijver", body=[("paragraph", "<p>Tekst.</p>")])
    toolkit.add_child(instance=article)
    article.save_revision().publish()
    assert "De Kweekvijver" in client.get(search).content.decode()

    route.unpublish()
    assert client.get(url).status_code == 404


def test_paths_and_searches_nobody_serves_are_not_kept(site, client):
    """Made-up URLs and queries cannot fill the store: a missing page is not kept at all, and only the most recent
    searches are."""
    from content import fragments
    from content.views import RECENT_SEARCHES

    client.get("/"), client.get("/routes/bestaat-niet/")  # the 404 page's own menu and footer are kept
    kept = len(fragments._store)
    for number in range(50):
        assert client.get(f"/routes/bestaat-niet-{number}/").status_code == 404
    assert len(fragments._store) == kept
    for number in range(RECENT_SEARCHES + 20):
        fragments.cached_recent(None, "search", f"woord {number}", lambda: [], limit=RECENT_SEARCHES)
    assert len(fragments.cached(None, ("recent", "search"), dict)) == RECENT_SEARCHES
