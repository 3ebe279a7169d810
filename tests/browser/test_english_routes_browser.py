"""The English route pages in a browser: axe passes on each of them, the English overview and the English route
finder; each is served as English; the language switch on a route page leads to its Dutch counterpart and back."""

import pytest

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH_PAGES = [
    "/en/routes/",
    "/en/route-finder/",
    "/en/routes/teaching-with-a-foreign-diploma/",
    "/en/routes/teachers-with-refugee-status/",
    "/en/routes/career-switch-with-a-degree/",
    "/en/routes/pdg-teaching-in-mbo/",
    "/en/routes/instructor-in-mbo/",
    "/en/routes/guest-teacher/",
    "/en/routes/hybrid-technology-teacher/",
]


def test_the_english_route_pages_pass_axe(demo_content, live_server, page):
    problems = {}
    for url in ENGLISH_PAGES:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "en", url
        violations = axe_violations(page)
        if violations:
            problems[url] = violations
    assert problems == {}


def test_the_language_switch_on_a_route_page_goes_to_its_counterpart_and_back(demo_content, live_server, page):
    dutch_url = live_server.url + "/routes/buitenlands-diploma/"
    english_url = live_server.url + "/en/routes/teaching-with-a-foreign-diploma/"
    page.goto(dutch_url)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Lesgeven met een buitenlands diploma"

    to_english = page.locator("a.language-switch__link[hreflang='en']")
    assert to_english.get_attribute("lang") == "en"
    to_english.click()
    page.wait_for_url(english_url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Teaching with a foreign diploma"

    to_dutch = page.locator("a.language-switch__link[hreflang='nl']")
    assert to_dutch.get_attribute("lang") == "nl"
    to_dutch.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(dutch_url)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Lesgeven met een buitenlands diploma"
