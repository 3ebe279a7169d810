"""Two of the route finder's new cases in a real browser, by keyboard only and without JavaScript: an mbo-4 student
without work experience, and a career-switcher who wants a supporting role in a school. Every step is a plain GET
form, so the browser's own keyboard handling (Tab, arrow keys, Enter) is all the visitor needs. The result page then
passes axe (in a context with JavaScript, which axe needs).

The expected routes and reasons come from the decision table (tests/routes/test_finder_decision_table.py, rows
"new: mbo-4 student" and "new: switch to support") and their sources in shared/domain/routes-facts.md.
"""

import pytest

from tests.browser.conftest import axe_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LTB = "/routes/leraar-technisch-beroepsonderwijs/"
INSTRUCTEUR = "/routes/instructeur/"
ASSISTENT = "/routes/onderwijsassistent/"
AD = "/routes/associate-degree/"
BESIDE_ANOTHER_JOB = {"/routes/hybride-techniekopleider/", "/routes/gastdocent/"}
NEED_HBO_OR_EXPERIENCE = {
    "/routes/zij-instroom/",
    "/routes/kopopleiding/",
    "/routes/pdg/",
    "/routes/zij-instroom-mbo-4/",
}

# A student in the 2nd year of an mbo-4 course, without technical work experience, who wants to teach.
MBO4_STUDENT = [
    ("Wat is je hoogste opleiding?", "ik studeer nog"),
    ("Wat studeer je nu?", "mbo niveau 4"),
    ("In welk jaar van je studie zit je?", "Tweede jaar"),
    ("Hoeveel technische werkervaring heb je?", "Geen"),
    ("Wil je je huidige baan houden?", "Nee, ik wil overstappen naar het onderwijs"),
    ("Waar wil je lesgeven?", "Geen voorkeur"),
    ("Welke rol zoek je?", "Docent, met een bevoegdheid"),
]
# An mbo-4 professional with years of experience who wants to switch to a supporting role in a school.
SWITCH_TO_SUPPORT = [
    ("Wat is je hoogste opleiding?", "mbo niveau 4"),
    ("Hoeveel technische werkervaring heb je?", "3 jaar of meer"),
    ("Wil je je huidige baan houden?", "Nee, ik wil overstappen naar het onderwijs"),
    ("Waar wil je lesgeven?", "Geen voorkeur"),
    ("Welke rol zoek je?", "Een ondersteunende rol, bijvoorbeeld instructeur of onderwijsassistent"),
]


def focus(tab):
    """The focused element (a locator: page.evaluate would hang without JavaScript)."""
    return tab.locator(":focus")


def label_of(tab, element):
    element_id = element.get_attribute("id")
    return tab.locator(f'label[for="{element_id}"]').inner_text().strip() if element_id else ""


def tab_until(tab, matches, limit=80):
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if focus(tab).count() and matches(focus(tab)):
            return focus(tab)
    raise AssertionError("could not reach the element by Tab")


def is_radio(element):
    return element.get_attribute("type") == "radio"


def answer_by_keyboard(tab, choice):
    """Tab into the radio group, arrow to the choice (arrows check a radio natively), Tab to the button, Enter."""
    tab_until(tab, is_radio)
    tab.keyboard.press("Space")
    for _ in range(12):
        if label_of(tab, focus(tab)) == choice:
            break
        tab.keyboard.press("ArrowDown")
    assert label_of(tab, focus(tab)) == choice
    assert focus(tab).is_checked()
    button = tab_until(tab, lambda element: element.get_attribute("type") == "submit")
    assert button.inner_text().strip() in ("Volgende vraag", "Toon mijn routes")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


def walk(tab, start_url, answers):
    tab.goto(start_url)
    for question, choice in answers:
        tab.locator("#finder-step h2", has_text=question).wait_for()
        # The count is said once, and is the same from the first question on (follow-ups share a number).
        assert tab.locator("#finder-progress").inner_text().endswith(" van 5")
        assert tab.get_by_text("Vraag ", exact=False).filter(has_text=" van 5").count() == 1
        answer_by_keyboard(tab, choice)
    tab.locator("#resultaat-titel").wait_for()
    routes = tab.locator(".finder-result__routes .card__title a")
    hrefs = [link.get_attribute("href") for link in routes.all()]
    reasons = [text.strip() for text in tab.locator(".finder-result__routes .finder-route__why").all_inner_texts()]
    return hrefs, reasons


def test_an_mbo4_student_without_experience(demo_content, live_server, scriptless, browser):
    from routes.models import RouteFinderPage

    finder = RouteFinderPage.objects.live().filter(locale__language_code="nl").get()
    hrefs, reasons = walk(scriptless, live_server.url + finder.url, MBO4_STUDENT)
    assert "studie=mbo4&studiejaar=2" in scriptless.url
    # The LTB bachelor takes mbo-4 directly (S18): first, once the diploma is there.
    assert hrefs[0] == LTB, hrefs
    assert reasons[0].startswith(
        "Je studeert nog (mbo niveau 4, tweede jaar) en wilt overstappen naar het onderwijs: als je je mbo-4-diploma "
        "hebt, kun je met deze route beginnen."
    ), reasons[0]
    # Nothing that needs hbo or wo (S1, S24, S6) or work experience (S1, S8) is offered as a fit.
    assert not NEED_HBO_OR_EXPERIENCE & set(hrefs), hrefs
    assert "diploma op zak" not in scriptless.content()
    assert axe_on(browser, scriptless.url, "#resultaat-titel") == []


def test_a_career_switcher_who_wants_a_supporting_role(demo_content, live_server, scriptless, browser):
    from routes.models import RouteFinderPage

    finder = RouteFinderPage.objects.live().filter(locale__language_code="nl").get()
    hrefs, reasons = walk(scriptless, live_server.url + finder.url, SWITCH_TO_SUPPORT)
    # The school roles first: instructeur (S28), then onderwijsassistent (S30) and Ad (S27); never a route beside
    # another job (hybride docent, gastdocent: S31, S32).
    assert hrefs[0] == INSTRUCTEUR, hrefs
    assert set(hrefs[1:3]) == {ASSISTENT, AD}, hrefs
    assert not BESIDE_ANOTHER_JOB & set(hrefs), hrefs
    for reason in reasons:
        assert "wilt overstappen naar het onderwijs" in reason
        assert "naast je werk" not in reason
    assert axe_on(browser, scriptless.url, "#resultaat-titel") == []
