"""Page links are resolved once per publish, and follow the next publish.

With Wagtail's internationalisation on, Wagtail resolves a page's URL by activating the page's language around a
``reverse()`` and back, for every link on every request: with some ten links a page, that made the Dutch pages about
half as fast as before the English pages came (issue 15). Page URLs, a page's counterparts in the other language
(hreflang, the language switch), the breadcrumbs and the home page's buttons are now kept with the rest of what only
a publish changes (content/fragments.py); these tests pin that a warm page resolves no page URL, and that a slug
changed and published shows at once everywhere it is linked.
"""

import re

import pytest

from wagtail.models import Page

from routes.models import RouteIndexPage, RoutePage

from .test_i18n import alternates, switch_links
from .test_query_counts import EXPECTED_QUERIES

# Every page type of the query-count pins, as a visitor asks for it.
PAGES = sorted(EXPECTED_QUERIES)


@pytest.fixture
def url_resolutions(monkeypatch):
    """Counts Wagtail's own URL resolutions (``Page.get_url_parts``), whoever asks: a page link in a template, a
    menu, the breadcrumbs. Wagtail's method still answers: this only counts."""
    calls = []
    resolve = Page.get_url_parts

    def counting(page, request=None):
        calls.append(page.pk)
        return resolve(page, request)

    monkeypatch.setattr(Page, "get_url_parts", counting)
    return calls


@pytest.mark.parametrize("name", PAGES)
def test_a_warm_page_resolves_no_page_url(site, client, url_resolutions, name):
    url = EXPECTED_QUERIES[name][0]
    assert client.get(url).status_code == 200
    cold = len(url_resolutions)
    url_resolutions.clear()
    response = client.get(url)
    assert response.status_code == 200
    assert url_resolutions == [], f"{name}: {len(url_resolutions)} page URLs resolved again"
    # The first request did resolve the page's links (what is kept was built then), and the warm one shows them.
    assert cold > 0
    assert re.findall(r'href="(/[^"]*)"', response.content.decode())


def test_a_slug_published_shows_at_once_on_the_pages_that_link_to_it(site, client):
    route = RoutePage.objects.get(locale__language_code="nl", slug="zij-instroom")
    pages_linking = ["/", "/routes/", EXPECTED_QUERIES["route finder result"][0]]
    before = {url: client.get(url).content.decode() for url in pages_linking}
    assert any('href="/routes/zij-instroom/"' in html for html in before.values())

    route.slug = "zij-instroom-nieuw"
    route.save_revision().publish()

    for url in pages_linking:
        html = client.get(url).content.decode()
        assert 'href="/routes/zij-instroom/"' not in html, url
        if 'href="/routes/zij-instroom/"' in before[url]:
            assert 'href="/routes/zij-instroom-nieuw/"' in html, url
    assert client.get("/routes/zij-instroom-nieuw/").status_code == 200


def test_the_breadcrumbs_follow_a_parent_published_with_another_slug(site, client):
    html = client.get("/routes/zij-instroom/").content.decode()
    assert re.search(r'<nav class="breadcrumbs".*href="/routes/"', html, re.S)

    overview = RouteIndexPage.objects.get(locale__language_code="nl")
    overview.slug = "alle-routes"
    overview.save_revision().publish()

    html = client.get("/alle-routes/zij-instroom/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert 'href="/alle-routes/"' in crumbs
    assert 'href="/routes/"' not in crumbs


def test_the_alternates_follow_the_counterpart_published_with_another_slug(site, client):
    english = RoutePage.objects.get(
        locale__language_code="en",
        translation_key=RoutePage.objects.get(locale__language_code="nl", slug="zij-instroom").translation_key,
    )
    old_url = f"http://testserver{english.url}"
    html = client.get("/routes/zij-instroom/").content.decode()
    assert alternates(html)["en"] == old_url
    assert (old_url, "en", "en") in switch_links(html)

    english.slug = "career-switchers-renamed"
    english.save_revision().publish()
    english.refresh_from_db()

    html = client.get("/routes/zij-instroom/").content.decode()
    assert alternates(html)["en"] == f"http://testserver{english.url}"
    assert english.url.endswith("/career-switchers-renamed/")
    assert (f"http://testserver{english.url}", "en", "en") in switch_links(html)
    # And back: the English page's Dutch alternate is still the Dutch page.
    assert alternates(client.get(english.url).content.decode())["nl"] == "http://testserver/routes/zij-instroom/"


def test_a_preview_resolves_its_links_afresh(site, client, admin_user, url_resolutions):
    """A preview shows a draft: nothing of it is kept, so the next visitor gets the published page."""
    client.force_login(admin_user)
    route = RoutePage.objects.get(locale__language_code="nl", slug="zij-instroom")
    client.get("/routes/zij-instroom/")
    route.title = "Zij-instroom (concept)"
    route.save_revision()  # a draft, not published
    url_resolutions.clear()
    response = client.get(f"/admin/pages/{route.pk}/view_draft/")
    assert response.status_code == 200
    assert "Zij-instroom (concept)" in response.content.decode()
    assert url_resolutions, "the preview resolved its links itself"
    client.logout()
    html = client.get("/routes/zij-instroom/").content.decode()
    assert "Zij-instroom (concept)" not in html
