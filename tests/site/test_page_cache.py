"""The page cache: anonymous pages come from the cache, and publishing purges it at once."""

import pytest

from content.models import ArticlePage, PracticeExample, PracticeExampleIndexPage

from .factories import ArticleIndexPageFactory, ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home_page):
    """One toolkit article under the home page: what the tests of the cache's mechanics need."""
    return ArticlePageFactory(parent=ArticleIndexPageFactory(parent=home_page), title="Begeleiden van zij-instromers")


def test_anonymous_pages_are_cached_and_purged_on_publish(article, client, page_cache):
    first = client.get(article.url)
    assert first["X-Wagtail-Cache"] == "miss"
    second = client.get(article.url)
    assert second["X-Wagtail-Cache"] == "hit"
    assert "max-age=60" in second["Cache-Control"]

    article.title = "Nieuwe titel na publicatie"
    article.save_revision().publish()
    after = client.get(article.url)
    assert after["X-Wagtail-Cache"] == "miss"
    assert "Nieuwe titel na publicatie" in after.content.decode()


def test_unpublishing_purges_the_cache(article, client, page_cache):
    client.get(article.url)
    assert client.get(article.url)["X-Wagtail-Cache"] == "hit"
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_logged_in_editors_and_the_admin_are_never_cached(article, client, page_cache, django_user_model):
    editor = django_user_model.objects.create_superuser("redacteur", "redacteur@example.org", "x")
    client.force_login(editor)
    client.get(article.url)
    assert client.get(article.url)["X-Wagtail-Cache"] == "skip"
    client.logout()
    client.get("/admin/login/")
    assert client.get("/admin/login/")["X-Wagtail-Cache"] == "skip"


def test_saving_a_practice_example_purges_the_cache(demo_content, client, page_cache):
    index = PracticeExampleIndexPage.objects.live().get()
    client.get(index.url)
    assert client.get(index.url)["X-Wagtail-Cache"] == "hit"
    example = PracticeExample.objects.first()
    example.title = "Een bijgewerkt praktijkvoorbeeld"
    example.save()
    response = client.get(index.url)
    assert response["X-Wagtail-Cache"] == "miss"
    assert "Een bijgewerkt praktijkvoorbeeld" in response.content.decode()


def test_forms_and_personal_answers_are_never_cached(demo_content, client, page_cache):
    from recruitment.models import RegistrationPage
    from routes.models import RouteFinderPage

    form_page = RegistrationPage.objects.live().get(locale__language_code="nl")
    finder = RouteFinderPage.objects.live().get(locale__language_code="nl")
    result = finder.url + "resultaat/?opleiding=hbo&ervaring=lang&baan=ja&sector=mbo&rol=docent"
    for url in (form_page.url, result):
        client.get(url)
        again = client.get(url)
        assert again["X-Wagtail-Cache"] == "skip", url
    errors = client.post("/aanmelding/", {"name": "x"})
    assert errors.status_code == 200
    assert errors.get("X-Wagtail-Cache") in (None, "skip")
    assert "no-store" in errors["Cache-Control"] or "private" in errors["Cache-Control"]


def cache_status_of_second_visit(client, url, **extra):
    first = client.get(url, **extra)
    return first.status_code, client.get(url, **extra)["X-Wagtail-Cache"]


def test_parameters_the_pages_read_are_cached(demo_content, client, page_cache):
    from routes.models import RouteIndexPage

    practice = PracticeExampleIndexPage.objects.live().get()
    example = PracticeExample.objects.first()
    routes = RouteIndexPage.objects.live().get(locale__language_code="nl")
    for url in (
        f"{practice.url}?thema={example.theme}",
        f"{practice.url}?thema={example.theme}&regio={example.region}",
        f"{routes.url}?sector=mbo",
        "/zoeken/?q=docent",
        "/zoeken/?q=docent&pagina=2",
    ):
        assert cache_status_of_second_visit(client, url) == (200, "hit"), url


def test_tracking_parameters_share_the_plain_pages_entry(article, client, page_cache):
    assert client.get(article.url)["X-Wagtail-Cache"] == "miss"
    assert client.get(f"{article.url}?utm_source=nieuwsbrief&fbclid=abc")["X-Wagtail-Cache"] == "hit"


def test_unknown_parameters_are_served_but_not_stored(article, client, page_cache):
    for url in (f"{article.url}?x=1", f"{article.url}?utm_source=x&cachebuster=2", "/?thema=a&page=3"):
        status, second = cache_status_of_second_visit(client, url)
        assert (status, second) == (200, "skip"), url
    assert client.get(article.url)["X-Wagtail-Cache"] == "miss", "the page itself is still cached"


def test_not_found_and_redirects_are_not_stored(demo_content, client, page_cache):
    assert cache_status_of_second_visit(client, "/bestaat-niet/") == (404, "skip")
    assert cache_status_of_second_visit(client, "/bestaat-niet") == (301, "skip")
    assert cache_status_of_second_visit(client, "/routes/bestaat-ook-niet/") == (404, "skip")


def test_crawling_made_up_urls_headers_and_cookies_stores_nothing(demo_content, page_cache, settings):
    """A crawler's made-up query strings, paths, CSRF cookies and htmx headers leave the page cache as it was."""
    from django.test import Client

    from routes.models import RouteFinderPage

    article, other = ArticlePage.objects.live()[:2]
    finder = RouteFinderPage.objects.live().get(locale__language_code="nl")
    Client().get(article.url)
    # LocMemCache: the page, the list of headers its key includes, and the keyring (URL -> entries, for purges)
    stored = len(page_cache._cache)
    assert stored == 3
    for number in range(20):
        Client().get(f"{article.url}?p={number}")
        Client().get(f"/niet-{number}/")
        Client().get(f"/niet-{number}")
        forged = Client()
        forged.cookies[settings.CSRF_COOKIE_NAME] = f"{number:032d}"
        forged.get(other.url)
        Client().get(finder.url, headers={"HX-Request": f"{number}"})
    assert len(page_cache._cache) == stored


def test_a_region_change_purges_the_agenda_and_the_events_for_that_region(demo_content):
    """A renamed region shows on the agenda's filter and on the events for it: those pages are purged too."""
    from content.cache import affected_pages
    from content.models import EventIndexPage, EventPage
    from routes.models import Region

    region = Region.objects.order_by("pk").first()
    event = EventPage.objects.live().order_by("pk").first()
    event.regions.add(region)
    event.save()
    affected = {page.pk for page in affected_pages(region)}
    assert EventIndexPage.objects.get().pk in affected
    assert event.pk in affected


def test_the_conversation_tool_and_the_routes_beside_a_job_purge_each_other(demo_content):
    """The tool links to the routes done beside a job, and they link back to it: publishing one purges the other."""
    from content.cache import affected_pages
    from content.models import ConversationToolPage
    from routes.models import RoutePage

    tool = ConversationToolPage.objects.live().get()
    route = RoutePage.objects.live().order_by("pk").first()
    assert route.pk in {page.pk for page in affected_pages(tool)}
    assert tool.pk in {page.pk for page in affected_pages(route)}
