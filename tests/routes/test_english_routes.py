"""The English route pages (issue 15): translations of Dutch pages made by the demo loader from routes/data/en/, with
the Dutch pages' facts and sources, in plain English (Flesch reading ease 60 or more), with English chrome, Dutch
names marked lang="nl", featured on the English home page, and the Dutch route pages as they were."""

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import textstat

from django.core.management import call_command

from wagtail.models import Locale, Page, Revision

import routes.demo
from content.demo import DemoDataError
from content.models import HomePage, StandardPage
from routes.admin_forms import FACT_SOURCE_FIELDS
from routes.demo import DATA_DIR, TEXT_FACTS, fact_fields, read_all
from routes.facts_check import due_routes
from routes.models import RouteFinderPage, RouteIndexPage, RoutePage
from tests.readability import sentences, visible_text

pytestmark = pytest.mark.django_db

# Dutch page -> its English translation, as the demo makes them.
ENGLISH_URLS = {
    "/routes/": "/en/routes/",
    "/routewijzer/": "/en/route-finder/",
    "/routes/buitenlands-diploma/": "/en/routes/teaching-with-a-foreign-diploma/",
    "/routes/statushouders-voor-de-klas/": "/en/routes/teachers-with-refugee-status/",
    "/routes/zij-instroom/": "/en/routes/career-switch-with-a-degree/",
    "/routes/pdg/": "/en/routes/pdg-teaching-in-mbo/",
    "/routes/instructeur/": "/en/routes/instructor-in-mbo/",
    "/routes/gastdocent/": "/en/routes/guest-teacher/",
    "/routes/hybride-techniekopleider/": "/en/routes/hybrid-technology-teacher/",
}
ROUTE_URLS = {dutch: english for dutch, english in ENGLISH_URLS.items() if dutch.count("/") == 3}
# The chrome of a Dutch route page: none of it may show on an English one.
DUTCH_CHROME = [
    "De route in het kort",
    "Voor wie",
    "Opleidingen",
    "Instapniveau",
    "Eerst nodig",
    "Werkervaring",
    "Te combineren met je baan",
    "Waar je les kunt geven",
    "Waar het toe leidt",
    "Studiebelasting",
    "Financiering",
    "Bron:",
    "Bronnen",
    "gecontroleerd",
    "De stappen, in maanden",
    "Maand ",
    "Hoogstens",
    "Duur verschilt",
    "Aanmelden voor deze route",
    "Past deze route bij mij?",
    "Twijfel je?",
    "Interesse in deze route?",
    "Zo werkt het",
    "Veelgestelde vragen",
    "Meer lezen",
    "Begrippen op deze pagina",
]


def find(url):
    """The live page served at url (Dutch or English)."""
    language = "en" if url.startswith("/en/") else "nl"
    pages = [page for page in Page.objects.live().filter(locale__language_code=language) if page.url == url]
    assert len(pages) == 1, (url, pages)
    return pages[0].specific


def main_of(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def english_reading_ease(text):
    textstat.set_lang("en")
    return textstat.flesch_reading_ease(text)


# --- the pages the loader makes --------------------------------------------------------------------------------------


def test_the_loader_makes_the_english_pages_as_translations(demo_content):
    english = Locale.objects.get(language_code="en")
    english_home = HomePage.objects.get(locale=english)
    for dutch_url, english_url in ENGLISH_URLS.items():
        dutch, translation = find(dutch_url), find(english_url)
        assert translation.locale == english, english_url
        assert translation.live and not translation.has_unpublished_changes, english_url
        assert translation.translation_key == dutch.translation_key, english_url
        assert type(translation) is type(dutch), english_url
        assert dutch.get_translation(english).pk == translation.pk
    assert find("/en/routes/").get_parent().pk == english_home.pk
    assert find("/en/route-finder/").get_parent().pk == english_home.pk
    english_index = RouteIndexPage.objects.get(locale=english)
    assert sorted(page.url for page in RoutePage.objects.child_of(english_index)) == sorted(ROUTE_URLS.values())
    assert RouteFinderPage.objects.filter(locale=english).count() == 1
    # The Dutch tree keeps its pages and addresses; the English routes are not under it.
    assert RoutePage.objects.filter(locale__language_code="nl").count() == 13
    assert not RoutePage.objects.filter(locale=english).descendant_of(demo_content).exists()


def test_each_english_route_has_the_dutch_facts_sources_and_programmes(demo_content):
    fields = [name for name in fact_fields() if name not in TEXT_FACTS and name != "facts_reminder_sent_on"]
    for dutch_url, english_url in ROUTE_URLS.items():
        dutch, english = find(dutch_url), find(english_url)
        for name in fields:
            assert getattr(english, name) == getattr(dutch, name), (english_url, name)
        for name in FACT_SOURCE_FIELDS.values():
            assert getattr(english, f"{name}_id") == getattr(dutch, f"{name}_id"), (english_url, name)
        assert [fact.key for fact in english.facts()] == [fact.key for fact in dutch.facts()], english_url
        assert all(fact.source is not None for fact in english.facts()), english_url
        assert [(p.institution_id, p.name, p.url) for p in english.programmes.all()] == [
            (p.institution_id, p.name, p.url) for p in dutch.programmes.all()
        ]
        assert [step.months for step in english.timeline.all()] == [step.months for step in dutch.timeline.all()]
        # The words are English: the text facts that the Dutch page has are translated, not copied.
        for name in TEXT_FACTS:
            if getattr(dutch, name):
                assert getattr(english, name) and getattr(english, name) != getattr(dutch, name), (english_url, name)


def test_every_fact_on_an_english_page_shows_its_source_like_the_dutch_page(demo_content, client):
    for dutch_url, english_url in ROUTE_URLS.items():
        dutch_html = client.get(dutch_url).content.decode()
        english_html = client.get(english_url).content.decode()
        dutch_sources = re.findall(r'<span class="facts__source">Bron: <a href="#bron-(\d+)">', dutch_html)
        english_sources = re.findall(r'<span class="facts__source">Source: <a href="#bron-(\d+)">', english_html)
        assert english_sources and english_sources == dutch_sources, english_url
        source_list = re.findall(r'<li id="bron-(\d+)" lang="nl">', english_html)
        assert source_list == [str(n) for n in range(1, len(find(english_url).sources) + 1)], english_url
        assert set(english_sources) <= set(source_list)


def test_a_second_load_changes_nothing(demo_content):
    pages = {url: find(url) for url in [*ENGLISH_URLS.values(), "/en/"]}
    revisions = Revision.objects.count()
    before = {url: page.latest_revision_id for url, page in pages.items()}

    call_command("load_demo_content", verbosity=0)
    tally = routes.demo.load({"home": demo_content})

    assert (tally.created, tally.updated) == (0, 0)
    assert Revision.objects.count() == revisions
    assert {url: Page.objects.get(pk=page.pk).latest_revision_id for url, page in pages.items()} == before


def test_the_loader_brings_an_english_route_up_to_date(demo_content, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    route_file = data_dir / "en" / "routes" / "gastdocent.yaml"
    route_file.write_text(route_file.read_text().replace("You agree on that with the school.", "Ask the school."))
    english = find("/en/routes/guest-teacher/")
    dutch_revision = find("/routes/gastdocent/").latest_revision_id

    tally = routes.demo.load({"home": demo_content}, data_dir=data_dir)

    assert (tally.created, tally.updated) == (0, 1)
    english.refresh_from_db()
    assert "Ask the school." in str(english.body)
    assert find("/routes/gastdocent/").latest_revision_id == dutch_revision


def test_an_english_file_must_translate_every_step_of_its_dutch_route(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    route_file = data_dir / "en" / "routes" / "pdg.yaml"
    text = route_file.read_text()
    route_file.write_text(text.replace("  - title: The school's statement that you are suitable\n", ""))
    with pytest.raises(DemoDataError, match=r"English route pdg, timeline: has 2 steps, the Dutch page has 3"):
        read_all(data_dir)
    route_file.write_text(text)
    (data_dir / "en" / "routes" / "pdg.yaml").rename(data_dir / "en" / "routes" / "onbekend.yaml")
    with pytest.raises(DemoDataError, match="onbekend has a file in en/routes/ but is not listed"):
        read_all(data_dir)


def test_every_english_file_fills_in_the_text_facts_of_its_dutch_route():
    """A Dutch text fact (duration, cost note, ...) left out of an English file would show in Dutch."""
    data = read_all()
    dutch = {route["slug"]: route["page"] for route in data["routes"]}
    for route in data["english"]["routes"]:
        for name in TEXT_FACTS:
            if dutch[route["slug"]].get(name):
                assert route["page"][name] != dutch[route["slug"]][name], (route["slug"], name)
    assert Path(DATA_DIR / "en" / "routes.yaml").exists()


# --- the English pages as visitors see them -------------------------------------------------------------------------


def test_hreflang_alternates_and_the_switch_link_both_ways(demo_content, client):
    for dutch_url, english_url in ENGLISH_URLS.items():
        expected = {
            "nl": f"http://testserver{dutch_url}",
            "en": f"http://testserver{english_url}",
            "x-default": f"http://testserver{dutch_url}",
        }
        dutch_html = client.get(dutch_url).content.decode()
        english_response = client.get(english_url)
        assert english_response.status_code == 200, english_url
        english_html = english_response.content.decode()
        assert alternates(dutch_html) == expected, dutch_url
        assert alternates(english_html) == expected, english_url
        assert re.search(r'<html lang="en"', english_html), english_url
        assert f'href="http://testserver{english_url}" lang="en" hreflang="en"' in dutch_html, dutch_url
        assert f'href="http://testserver{dutch_url}" lang="nl" hreflang="nl"' in english_html, english_url


def test_every_english_route_page_reads_easily(demo_content, client, english_syllables):
    """Flesch reading ease (textstat, English) of the text a visitor sees in <main>: 60 or more is plain English.
    The overview and the finder's start page too."""
    for english_url in ROUTE_URLS.values():
        text = visible_text(client.get(english_url).content.decode())
        assert len(sentences(text)) > 20, english_url
        score = english_reading_ease(text)
        hardest = sorted(sentences(text), key=english_reading_ease)[:3]
        assert score >= 60, f"{english_url}: {score}; hardest: {hardest}"
    for english_url in ("/en/routes/", "/en/route-finder/"):
        assert english_reading_ease(visible_text(client.get(english_url).content.decode())) >= 60, english_url


def test_plain_english_scores_high_and_dense_text_low(english_syllables):
    """The score tells plain English from dense text (so a page passes for its words, not for a broken count)."""
    plain = "You work as a teacher at a school. You get your licence within two years. You are paid from day one."
    dense = (
        "Candidates possessing internationally obtained qualifications necessitate comprehensive credential "
        "evaluation preceding professional registration procedures."
    )
    assert english_reading_ease(plain) >= 80
    assert english_reading_ease(dense) < 0


def test_an_english_route_page_has_no_dutch_chrome_and_marks_dutch_names(demo_content, client):
    for english_url in ROUTE_URLS.values():
        main = main_of(client.get(english_url).content.decode())
        # Text outside elements marked lang="nl" (programme and college names, source titles).
        english_only = re.sub(r'<(\w+)[^>]*\slang="nl"[^>]*>.*?</\1>', "", main, flags=re.S)
        for words in DUTCH_CHROME:
            assert words not in english_only, (english_url, words)
        for sector in re.findall(r'<span class="tag"([^>]*)>(?:vmbo|mbo)</span>', main):
            assert sector == ' lang="nl"', english_url
        for programme in find(english_url).programmes.all():
            assert re.search(
                rf'<li lang="nl">(<a href="[^"]+" hreflang="nl">)?{re.escape(programme.institution.name)}', main
            ), (english_url, programme.name)


def test_the_english_pages_are_honest_about_dutch(demo_content, client):
    for url in ("/en/routes/teaching-with-a-foreign-diploma/", "/en/routes/career-switch-with-a-degree/"):
        text = visible_text(client.get(url).content.decode())
        assert "Staatsexamen NT2, programma II" in text, url
    zij_instroom = find("/en/routes/career-switch-with-a-degree/")
    assert "S21" in {source.code for source in zij_instroom.sources}


def test_a_link_to_a_dutch_only_page_says_so(demo_content, client):
    main = main_of(client.get("/en/routes/hybrid-technology-teacher/").content.decode())
    match = re.search(r'<p class="notice route-match">.*?</p>', main, flags=re.S)
    assert match, "the hybrid route links to the hybride match"
    assert re.search(r'<a href="/[^"]+" hreflang="nl"><span lang="nl">Hybride match</span> \(in Dutch\)</a>', match[0])
    dutch = main_of(client.get("/routes/hybride-techniekopleider/").content.decode())
    assert re.search(r'<a href="/[^"]+">Hybride match</a>\.</p>', dutch)


def test_the_english_overview_lists_the_english_routes_only(demo_content, client):
    main = main_of(client.get("/en/routes/").content.decode())
    linked = set(re.findall(r'<h3 class="card__title"><a href="([^"]+)">', main))
    assert linked == set(ROUTE_URLS.values())
    dutch = main_of(client.get("/routes/").content.decode())
    assert len(re.findall(r'<h3 class="card__title">', dutch)) == 13
    assert "/en/" not in dutch


def test_the_english_home_page_features_english_routes(demo_content, client):
    english_home = HomePage.objects.get(locale__language_code="en")
    featured = [find(url) for url in ROUTE_URLS.values()]
    featured_ids = [block.value.pk for block in english_home.featured_routes]
    assert featured_ids and set(featured_ids) <= {page.pk for page in featured}
    main = main_of(client.get("/en/").content.decode())
    cards = re.findall(r'<article class="card card--route">\s*<h3 class="card__title"><a href="([^"]+)">', main)
    assert cards == [Page.objects.get(pk=pk).url for pk in featured_ids]
    assert "Routes into teaching" in main
    # The Dutch home page keeps its own Dutch routes.
    dutch_cards = re.findall(r'<h3 class="card__title"><a href="([^"]+)">', main_of(client.get("/").content.decode()))
    assert dutch_cards and not any(url.startswith("/en/") for url in dutch_cards)


def test_the_routes_link_to_dutch_for_teaching_once_it_exists(demo_content):
    """The English page "Dutch for teaching" is content's: the routes link to it when it is there, and leave the link
    out when it is not."""
    english_home = HomePage.objects.get(locale__language_code="en")
    page = Page.objects.child_of(english_home).filter(slug="dutch-for-teaching").first()
    if page is None:
        page = StandardPage(title="Dutch for teaching", slug="dutch-for-teaching", locale=english_home.locale)
        english_home.add_child(instance=page)
        page.save_revision().publish()
    routes.demo.load({"home": demo_content})
    linked = {"buitenlands-diploma", "statushouders-voor-de-klas", "zij-instroom", "pdg"}
    for dutch_url, english_url in ROUTE_URLS.items():
        links = [
            link["page"]
            for block in find(english_url).body.raw_data
            if block["type"] == "read_more"
            for link in block["value"]["links"]
        ]
        assert (page.pk in links) == (dutch_url.split("/")[2] in linked), english_url

    page.specific.unpublish()
    routes.demo.load({"home": demo_content})
    for english_url in ROUTE_URLS.values():
        assert f'"page": {page.pk}' not in str(find(english_url).body.raw_data).replace("'", '"')


def test_the_dutch_route_pages_speak_dutch_only(demo_content, client):
    for dutch_url in ROUTE_URLS:
        html = client.get(dutch_url).content.decode()
        main = main_of(html)
        assert 'lang="nl"' not in main and 'hreflang="nl"' not in main, dutch_url
        assert "De route in het kort" in main and "Bron: " in main


def test_only_the_dutch_routes_are_due_for_a_check_of_their_facts(demo_content):
    """An English route has its Dutch page's facts and sources: the reminder and the report ask for the Dutch one."""
    due = list(due_routes(date(2100, 1, 1)))
    assert due and {route.locale.language_code for route in due} == {"nl"}
    assert len(due) == RoutePage.objects.live().filter(locale__language_code="nl").count()
