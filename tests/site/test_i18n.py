"""The site in two languages (issue 15, phase 1): Dutch pages keep their URLs at the root, the English home page is
a translation of the Dutch one under /en/, pages with a counterpart link to it (hreflang alternates, a language
switch), the sitemap lists both, and the per-publish store and the page cache keep the two apart."""

import re

import pytest

from django.core.management import call_command

from wagtail.models import Locale, Page

from content.models import HomePage

from .test_query_counts import EXPECTED_QUERIES, cold_query_count, warm_query_count

pytestmark = pytest.mark.django_db

# Dutch URLs that were there before the English pages, and a text each still shows.
DUTCH_PAGES = {
    "/": "Geef jouw vak door: word docent in de techniek",
    "/privacy/": "Privacyverklaring",
    "/routes/": "Routes",
    "/routes/zij-instroom/": "Zij-instroom",
    "/docententoolkit/": "Docententoolkit",
    "/routewijzer/": "Welke route past bij mij?",
    "/aanmelden/": "Aanmelden",
    "/zoeken/?q=docent": "docent",
}


@pytest.fixture
def english_home(demo_content):
    return HomePage.objects.get(locale__language_code="en")


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switch_links(html):
    return re.findall(r'<a class="language-switch__link" href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)">', html)


def test_the_locales_are_dutch_and_english_and_the_dutch_pages_stay_dutch(demo_content, english_home):
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"nl", "en"}
    assert demo_content.locale.language_code == "nl"
    # Every page under the Dutch home page is Dutch; the English pages are under the English home page.
    assert set(Page.objects.descendant_of(demo_content).values_list("locale__language_code", flat=True)) == {"nl"}
    assert set(Page.objects.filter(depth__gt=2, locale__language_code="en").values_list("path", flat=True)) == set(
        Page.objects.descendant_of(english_home).values_list("path", flat=True)
    )
    assert english_home.translation_key == demo_content.translation_key
    assert english_home.live


@pytest.mark.parametrize("url", DUTCH_PAGES)
def test_dutch_urls_are_unchanged(demo_content, english_home, client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert html_lang(html) == "nl"
    assert DUTCH_PAGES[url] in html
    assert not re.search(r'\slang="nl"', html.split("<html", 1)[1].split(">", 1)[1])  # nothing marked apart


def test_dutch_pages_keep_working_without_the_english_ones(demo_content, client):
    english = HomePage.objects.get(locale__language_code="en")
    english.unpublish()
    response = client.get("/")
    assert response.status_code == 200
    assert alternates(response.content.decode()) == {}
    assert client.get("/en/").status_code == 404


def test_english_home_page_is_english_under_en(english_home, client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert "Become a teacher in technology: pass on your trade" in html
    assert "Geef jouw vak door" not in html
    # The header, the skip link and the footer are in English (tests/site/test_english_content.py); only the Dutch
    # site name is marked as Dutch.
    assert '<header class="site-header">' in html
    assert '<a class="skip-link" href="#inhoud">Skip to content</a>' in html
    assert '<p class="site-footer__name" lang="nl">' in html
    # It links to none of the Dutch-only pages: no call to the Dutch form, no Dutch lists.
    assert "/aanmelden/" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Uit de docententoolkit" not in html


def test_only_the_pages_that_exist_are_english(english_home, client):
    assert client.get("/en/docententoolkit/").status_code == 404
    assert client.get("/en/routes/zij-instroom/").status_code == 404
    # The other URLs are not translated and not moved.
    assert client.get("/en/aanmelden/").status_code == 404
    assert client.get("/en/zoeken/").status_code == 404
    assert client.get("/admin/login/").status_code == 200


def test_hreflang_alternates_both_ways(english_home, client):
    expected = {"nl": "http://testserver/", "en": "http://testserver/en/", "x-default": "http://testserver/"}
    assert alternates(client.get("/").content.decode()) == expected
    assert alternates(client.get("/en/").content.decode()) == expected


def test_the_language_switch_links_to_the_counterpart(english_home, client):
    assert switch_links(client.get("/").content.decode()) == [("http://testserver/en/", "en", "en")]
    assert switch_links(client.get("/en/").content.decode()) == [("http://testserver/", "nl", "nl")]
    assert ">English</a>" in client.get("/").content.decode()
    assert ">Nederlands</a>" in client.get("/en/").content.decode()


def test_pages_without_a_counterpart_have_no_alternates_and_no_switch(english_home, client):
    html = client.get("/docententoolkit/").content.decode()
    assert alternates(html) == {}
    assert switch_links(html) == []
    assert "language-switch__list" not in html  # only the notice that the page is in Dutch only


def test_the_sitemap_lists_both_languages(english_home, client):
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert "/" in locations
    assert "/en/" in locations
    assert "/routes/zij-instroom/" in locations
    assert len(locations) == len(set(locations))


def test_the_store_keeps_the_two_home_pages_apart(english_home, client):
    """The per-publish store (content/fragments.py) keeps the site, the routed page, the menu and the lists per
    language: each home page gets its own, however often and in whichever order they are asked for."""
    for _ in range(2):
        for url, own, other in (
            ("/", "Geef jouw vak door", "Pass on your trade"),
            ("/en/", "pass on your trade", "Geef jouw vak door"),
        ):
            html = client.get(url).content.decode()
            assert own in html and other not in html, url
    dutch = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    # The Dutch menu on the Dutch home page; the English home page has no English pages below it to list yet.
    assert 'href="/routes/"' in dutch
    assert 'href="/routes/"' not in english
    assert html_lang(dutch) == "nl" and html_lang(english) == "en"


def test_the_page_cache_keeps_the_two_home_pages_apart(english_home, client, page_cache):
    for _ in range(2):
        dutch = client.get("/")
        english = client.get("/en/")
        assert "Geef jouw vak door" in dutch.content.decode()
        assert "pass on your trade" in english.content.decode()
    assert dutch["X-Wagtail-Cache"] == "hit"
    assert english["X-Wagtail-Cache"] == "hit"


def test_publishing_a_translation_purges_its_counterpart(english_home, client, page_cache):
    client.get("/")
    assert client.get("/")["X-Wagtail-Cache"] == "hit"
    english_home.unpublish()
    after = client.get("/")
    assert after["X-Wagtail-Cache"] == "miss"
    assert alternates(after.content.decode()) == {}


def test_loading_the_demo_twice_changes_nothing(english_home):
    call_command("load_demo_content", verbosity=0)
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    english = HomePage.objects.get(locale__language_code="en")
    assert english.latest_revision_id == english_home.latest_revision_id
    assert english.intro == english_home.intro


def test_dutch_home_page_queries_are_unchanged_beside_the_english_one(english_home, client):
    url, cold, warm = EXPECTED_QUERIES["home"]
    assert (cold_query_count(client, url), warm_query_count(client, url)) == (cold, warm)
    url, cold, warm = EXPECTED_QUERIES["route"]
    assert (cold_query_count(client, url), warm_query_count(client, url)) == (cold, warm)
