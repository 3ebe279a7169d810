"""The English content pages (issue 15): the demo loader makes the English privacy and accessibility statements, the
registration page and "Dutch for teaching"; the English home page links to English pages only; a page without an
English version says so and links to the Dutch one; the site's chrome is English on English pages, Dutch on Dutch
ones."""

import re

import pytest
import textstat

from django.core.management import call_command

from wagtail.models import Page

from content.models import HomePage, SiteSettings, StandardPage
from recruitment.models import RegistrationPage

from .test_i18n import html_lang, switch_links

pytestmark = pytest.mark.django_db

# The English pages of content/data/english.yaml: URL -> (Dutch source's URL or None, type).
ENGLISH_PAGES = {
    "/en/privacy/": ("/privacy/", StandardPage),
    "/en/accessibility/": ("/toegankelijkheid/", StandardPage),
    "/en/register/": ("/aanmelden/", RegistrationPage),
    "/en/dutch-for-teaching/": (None, StandardPage),
}


def main_text(html):
    """The visible text of the page's main element."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", main.split(">", 1)[1]).split())


def test_the_loader_makes_the_english_pages(demo_content, client):
    english_home = HomePage.objects.get(locale__language_code="en")
    for url, (dutch_url, model) in ENGLISH_PAGES.items():
        page = Page.objects.get(url_path__startswith=english_home.url_path, url_path__endswith=url.removeprefix("/en"))
        assert page.live, url
        assert page.locale.language_code == "en", url
        assert page.specific_class is model, url
        assert page.get_parent().pk == english_home.pk, url
        if dutch_url is None:
            assert not Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists(), url
        else:
            dutch = Page.objects.get(translation_key=page.translation_key, locale__language_code="nl")
            assert dutch.get_url() == dutch_url, url
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response.content.decode()) == "en"


def test_loading_twice_changes_nothing(demo_content):
    english = Page.objects.filter(locale__language_code="en")
    before = dict(english.values_list("pk", "latest_revision_id"))
    call_command("load_demo_content", verbosity=0)
    assert dict(english.values_list("pk", "latest_revision_id")) == before
    assert StandardPage.objects.filter(slug="dutch-for-teaching").count() == 1


def test_the_loader_brings_a_changed_translation_back(demo_content):
    privacy = StandardPage.objects.get(locale__language_code="en", slug="privacy")
    privacy.title = "Changed by hand"
    privacy.save_revision().publish()
    call_command("load_demo_content", verbosity=0)
    privacy.refresh_from_db()
    assert privacy.title == "Privacy statement"
    assert privacy.live and not privacy.has_unpublished_changes


def test_the_english_home_page_links_to_english_pages_only(demo_content, client):
    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.register_page.specific_class is RegistrationPage
    assert english_home.register_page.locale.language_code == "en"
    if english_home.primary_action is not None:
        assert english_home.primary_action.locale.language_code == "en"
    html = client.get("/en/").content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    for href in ("/en/dutch-for-teaching/", "/en/register/"):
        assert f'href="{href}"' in main, href
    # Every link in the main text goes to an English page, or says it does not.
    for link in re.findall(r"<a [^>]*>.*?</a>", main, flags=re.S):
        href = re.search(r'href="([^"]+)"', link).group(1)
        assert href.startswith("/en/") or "(in Dutch)" in link, link


def test_an_english_address_of_a_dutch_only_page_says_so(demo_content, client):
    response = client.get("/en/docententoolkit/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert "<h1>This page is not available in English</h1>" in html
    dutch_link = re.search(
        r'<a class="not-translated__dutch" href="([^"]+)" hreflang="nl">'
        r'<span lang="nl">([^<]+)</span> \(in Dutch\)</a>',
        html,
    )
    assert dutch_link is not None and dutch_link.groups() == ("/docententoolkit/", "Docententoolkit")
    assert '<a href="/en/">Go to the English home page</a>' in html
    assert client.get(dutch_link.group(1)).status_code == 200


def test_an_english_address_without_any_page_is_an_english_404(demo_content, client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert "<h1>Page not found</h1>" in html
    assert "not available in English" not in html
    # And the Dutch 404 stays Dutch.
    dutch = client.get("/bestaat-niet/").content.decode()
    assert html_lang(dutch) == "nl" and "<h1>Pagina niet gevonden</h1>" in dutch


def test_a_dutch_page_without_an_english_version_says_so_in_english(demo_content, client):
    html = client.get("/docententoolkit/").content.decode()
    assert switch_links(html) == []
    notice = re.search(r'<p class="language-switch__notice" lang="en">(.*?)</p>', html, flags=re.S)
    assert notice is not None
    assert notice.group(1) == (
        'This page is only in Dutch. <a class="language-switch__home" href="http://testserver/en/" hreflang="en">'
        "Go to the English home page</a>"
    )
    # A page with an English version gets the switch instead.
    html = client.get("/privacy/").content.decode()
    assert switch_links(html) == [("http://testserver/en/privacy/", "en", "en")]
    assert "language-switch__notice" not in html


def test_the_chrome_of_an_english_page_is_english(demo_content, client):
    html = client.get("/en/privacy/").content.decode()
    assert '<a class="skip-link" href="#inhoud">Skip to content</a>' in html
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert "<summary>Menu</summary>" in header and 'aria-label="Main menu"' in header
    assert '<span lang="nl">Word techniekdocent</span>' in header
    assert "Search this site (in Dutch)" in header and ">Search</button>" in header
    assert 'aria-label="Breadcrumbs"' in html and '<a href="/en/">Home</a>' in html
    footer = html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]
    assert "Questions? Email" in footer and 'aria-label="Footer"' in footer
    assert '<a href="/en/privacy/">Privacy statement</a>' in footer
    assert '<a href="/en/accessibility/">Accessibility statement</a>' in footer
    assert '<a href="/contact/" hreflang="nl"><span lang="nl">Contact</span> (in Dutch)</a>' in footer
    # No Dutch chrome string is left, and no Dutch page is linked without saying so.
    for dutch in ("Naar de inhoud", "Hoofdmenu", "Zoek op de site", "Kruimelpad", "Vragen? Mail", "Voettekst"):
        assert dutch not in html, dutch
    for link in re.findall(r'<a href="(/[^"]*)"[^>]*>(.*?)</a>', header + footer, flags=re.S):
        assert link[0].startswith("/en/") or "(in Dutch)" in link[1], link


def test_the_chrome_of_a_dutch_page_is_unchanged(demo_content, client):
    html = client.get("/privacy/").content.decode()
    for dutch in (
        '<a class="skip-link" href="#inhoud">Naar de inhoud</a>',
        '<nav aria-label="Hoofdmenu">',
        'placeholder="Zoek op de site"',
        'aria-label="Kruimelpad"',
        "Vragen? Mail naar",
        '<a href="/toegankelijkheid/">Toegankelijkheid</a>',
    ):
        assert dutch in html, dutch
    assert "(in Dutch)" not in html and "(in het Nederlands)" not in html


def test_the_english_registration_page_is_english(demo_content, client):
    html = client.get("/en/register/").content.decode()
    assert "<title>Register your interest | Word techniekdocent</title>" in html
    assert "Aanmelden: laat je terugbellen" not in html  # the Dutch page's SEO title is not copied


def test_dutch_for_teaching_names_a_source_for_each_fact(demo_content, client):
    html = client.get("/en/dutch-for-teaching/").content.decode()
    text = main_text(html)
    for fact in ("Staatsexamen NT2 programma II", "all four parts", "Nuffic or SBB", "recognition from DUO", "PDA"):
        assert fact in text, fact
    for source in (
        "https://www.hva.nl/cursus/foo/geschiktheidsonderzoek-zij-instroom-in-beroep",
        "https://www.rijksoverheid.nl/onderwerpen/werken-in-het-onderwijs/vraag-en-antwoord/lesgeven-met-buitenlandse",
        "https://arbeidsmarktplatformpo.nl/",
    ):
        assert source in html, source
    # No source gives a duration or a place to learn Dutch: the page says so and invents none.
    assert "do not say where you can learn Dutch" in text
    assert not re.search(r"\b\d+\s*(weeks|months|hours)\b", text)
    # Each block of facts ends with its source.
    paragraphs = re.findall(r'<div class="block-paragraph">(.*?)</div>', html, flags=re.S)
    assert paragraphs and all("Source" in paragraph for paragraph in paragraphs)


def test_english_pages_are_plain_english(demo_content, client, english_syllables):
    scores = {}
    for url in ("/en/", "/en/dutch-for-teaching/", "/en/privacy/", "/en/accessibility/"):
        text = main_text(client.get(url).content.decode())
        assert len(text.split()) > 50, url
        scores[url] = textstat.flesch_reading_ease(text)
    assert all(score >= 60 for score in scores.values()), scores


def test_the_footer_links_to_the_english_statements_once_they_exist(demo_content, client):
    settings = SiteSettings.objects.get()
    assert {link.value["page"].slug for link in settings.footer_links} >= {"privacy", "toegankelijkheid"}
    StandardPage.objects.get(locale__language_code="en", slug="accessibility").unpublish()
    footer = client.get("/en/privacy/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert '<a href="/toegankelijkheid/" hreflang="nl"><span lang="nl">Toegankelijkheid</span> (in Dutch)</a>' in footer
