"""The route finder in English (/en/): the same code as the Dutch finder, every question, answer, button, message and
result in English from the catalogue (locale/en). Routes with an English page are shown by it; a route without one
keeps its Dutch title and link, marked Dutch and followed by "(in Dutch)". The call to register ticks the Dutch
route pages the form lists."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from django.utils import translation

from routes.choices import JobCombination, Qualification
from routes.finder import QUESTIONS
from tests.i18n_text import dutch_in, publish_translation, visible_texts
from tests.site.test_query_counts import cold_query_count, warm_query_count

from .factories import RoutePageFactory
from .finder_html import fitting_routes_html

pytestmark = pytest.mark.django_db

# The parts of a route card the finder does not write: the route's facts and steps (RoutePage.facts and
# templates/routes/fact_list.html, timeline.html), checked with the route pages.
ROUTE_FACTS = ("card__facts", "timeline")

# The routes of the test site: Dutch title, facts, and the English title of its English page (None: it has none).
ROUTES = {
    "zij-instroom": (
        "Zij-instroom met een hbo- of wo-diploma",
        {"combines_with_job": JobCombination.PART_TIME},
        "Zij-instroom with an hbo or wo diploma",
    ),
    "gastdocent": (
        "Gastdocent: tot zes uur per week lesgeven",
        {"combines_with_job": JobCombination.ALONGSIDE, "qualification": Qualification.NONE, "accepts_mbo4": True},
        "Gastdocent: teaching up to six hours a week",
    ),
    "buitenlands-diploma": (
        "Lesgeven met een buitenlands diploma",
        {"accepts_hbo": False, "accepts_wo": False, "accepts_foreign_diploma": True},
        "Teaching with a diploma from abroad",
    ),
    "pdg": (
        "Pedagogisch didactisch getuigschrift (PDG) voor het mbo",
        {"for_vmbo": False, "qualification": Qualification.PDG, "combines_with_job": JobCombination.YES},
        "The PDG for teaching in mbo",
    ),
    # Kept without an English page: the result shows it in Dutch.
    "hybride-techniekopleider": (
        "Hybride techniekopleider: lesgeven naast je werk in de techniek",
        {"combines_with_job": JobCombination.ALONGSIDE, "qualification": Qualification.NONE},
        None,
    ),
}
DUTCH_ONLY = "hybride-techniekopleider"

# Every question as the visitor meets it: the answers that lead to it.
BEFORE = {
    "opleiding": {},
    "bevoegd": {"opleiding": "buitenland"},
    "studie": {"opleiding": "student"},
    "studiejaar": {"opleiding": "student", "studie": "hbo"},
    "ervaring": {"opleiding": "hbo"},
    "baan": {"opleiding": "hbo", "ervaring": "lang"},
    "sector": {"opleiding": "hbo", "ervaring": "lang", "baan": "ja"},
    "rol": {"opleiding": "hbo", "ervaring": "lang", "baan": "ja", "sector": "geen-voorkeur"},
}
ANSWERS = {
    "switcher keeping a job": "opleiding=hbo&ervaring=lang&baan=ja&sector=geen-voorkeur&rol=docent",
    "few hours beside work": "opleiding=hbo&ervaring=lang&baan=ja&sector=geen-voorkeur&rol=paar-uur",
    "teacher from abroad": "opleiding=buitenland&bevoegd=ja&ervaring=geen&baan=geen-baan&sector=mbo&rol=docent",
    "student": "opleiding=student&studie=wo&studiejaar=2&ervaring=geen&baan=nee&sector=vmbo&rol=weet-niet",
    "not sure": "opleiding=weet-niet&ervaring=kort&baan=weet-niet&sector=geen-voorkeur&rol=ondersteunend",
}


@pytest.fixture
def english_finder(finder_tree):
    """A small site with the route finder and its English translation, and routes of which all but one have an English
    page."""
    publish_translation(finder_tree["home"], title="Become a teacher in technology")
    dutch_routes = {}
    for slug, (title, facts, english_title) in ROUTES.items():
        route = RoutePageFactory(parent=finder_tree["index"], slug=slug, title=title, **facts)
        dutch_routes[slug] = route
        if english_title:
            publish_translation(route, title=english_title)
    english = publish_translation(finder_tree["finder"], title="Which route suits me?", slug="route-finder")
    return {"finder": english, "dutch_finder": finder_tree["finder"], "routes": dutch_routes}


def english_page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_question_is_english(english_finder, client):
    url = english_finder["finder"].url
    assert url == "/en/route-finder/"
    for question in QUESTIONS:
        query = "&".join(f"{key}={value}" for key, value in {**BEFORE[question.key], "vraag": question.key}.items())
        html = english_page(client, f"{url}?{query}")
        assert '<html lang="en"' in html
        assert dutch_in(html) == [], question.key
        texts = visible_texts(html)
        with translation.override("nl"):
            assert str(question.text) not in texts  # the Dutch question
        assert any(text.startswith("Question ") and " of 5" in text for text in texts)
        assert "Next question" in texts or "Show my routes" in texts


def test_the_first_question_in_english(english_finder, client):
    html = english_page(client, english_finder["finder"].url)
    texts = visible_texts(html)
    assert "What is your highest education?" in texts
    assert "Choose the highest diploma you have now. Still studying? Then choose ‘I am still studying’." in texts
    assert "hbo (university of applied sciences)" in texts
    assert "I am still studying" in texts
    assert "Next question" in texts
    assert "Previous question" not in texts


def test_an_unanswered_question_says_so_in_english(english_finder, client):
    url = english_finder["finder"].url
    html = english_page(client, f"{url}?opleiding=hbo&na=ervaring")
    assert "Choose one of the answers." in visible_texts(html)
    assert "Error:" in html
    assert dutch_in(html) == []


def test_the_htmx_steps_answer_in_english(english_finder, client):
    url = english_finder["finder"].url
    html = english_page(client, f"{url}?opleiding=hbo&na=opleiding", HTTP_HX_REQUEST="true")
    assert "<html" not in html  # the step only
    assert "How much technical work experience do you have?" in html
    assert "Question 2 of 5" in html
    assert "Previous question" in html
    assert dutch_in(html) == []
    result = english_page(client, f"{url}resultaat/?{ANSWERS['switcher keeping a job']}", HTTP_HX_REQUEST="true")
    assert "<html" not in result
    assert "Your answers" in result
    assert dutch_in(result, ROUTE_FACTS) == []


@pytest.mark.parametrize("answers", ANSWERS)
def test_results_are_english(english_finder, client, answers):
    url = english_finder["finder"].url
    html = english_page(client, f"{url}resultaat/?{ANSWERS[answers]}")
    assert '<html lang="en"' in html
    assert dutch_in(html, ROUTE_FACTS) == []
    texts = visible_texts(html)
    assert "Your answers" in texts
    assert "Change my answers" in texts
    assert any(text.startswith("Done.") for text in texts)


def test_a_result_links_to_english_routes_and_marks_a_dutch_one(english_finder, client):
    url = english_finder["finder"].url
    html = english_page(client, f"{url}resultaat/?{ANSWERS['few hours beside work']}")
    routes = english_finder["routes"]
    fitting = fitting_routes_html(html)
    # A route with an English page: its English title and page.
    gastdocent = routes["gastdocent"].get_translation(english_finder["finder"].locale)
    assert f'<a href="{gastdocent.url}">{ROUTES["gastdocent"][2]}</a>' in fitting
    assert gastdocent.url.startswith("/en/")
    # A route without one: its Dutch title and page, marked Dutch, and said to be in Dutch.
    dutch = routes[DUTCH_ONLY]
    assert f'<a href="{dutch.url}" lang="nl" hreflang="nl">{dutch.title}</a> (in Dutch)' in fitting
    assert dutch_in(html, ROUTE_FACTS) == []


def test_the_call_to_register_ticks_the_dutch_route_pages(english_finder, client):
    url = english_finder["finder"].url
    html = english_page(client, f"{url}resultaat/?{ANSWERS['switcher keeping a job']}")
    link = re.search(r'<a class="button button--accent" href="([^"]+)">Register for these routes</a>', html)
    assert link is not None
    ticked = [
        int(value) for name, value in parse_qsl(urlsplit(link.group(1).replace("&amp;", "&")).query) if name == "route"
    ]
    dutch_ids = {route.pk for route in english_finder["routes"].values()}
    assert ticked and set(ticked) <= dutch_ids
    assert ("rw-opleiding", "hbo") in parse_qsl(urlsplit(link.group(1).replace("&amp;", "&")).query)


def test_the_dutch_finder_is_unchanged_beside_the_english_one(english_finder, client):
    html = english_page(client, f"/routewijzer/resultaat/?{ANSWERS['few hours beside work']}")
    assert '<html lang="nl"' in html
    assert "Deze routes passen bij jou" in html or "Deze route past bij jou" in html
    assert "(in Dutch)" not in html
    assert ROUTES["gastdocent"][2] not in html
    assert routes_linked(html) and all(not link.startswith("/en/") for link in routes_linked(html))


def routes_linked(html):
    return re.findall(r'<h3 class="card__title"><a href="([^"]+)"', html)


def test_the_english_result_costs_about_the_queries_of_the_dutch_one(english_finder, client):
    """What the result adds to a question page, cold (after a publish): in English the Dutch routes and then their
    English pages with the same related rows (three queries more, kept per publish); warm, the same as in Dutch. (The
    English page around it has its own costs: the English home page, its menu; tests/site.)"""
    query = ANSWERS["switcher keeping a job"]
    english = english_finder["finder"].url

    def result_cost(count, finder_url):
        return count(client, f"{finder_url}resultaat/?{query}") - count(client, f"{finder_url}?vraag=opleiding")

    assert result_cost(cold_query_count, english) <= result_cost(cold_query_count, "/routewijzer/") + 3
    assert result_cost(warm_query_count, english) <= result_cost(warm_query_count, "/routewijzer/")
