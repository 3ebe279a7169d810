"""The route finder in a real browser (Playwright driving Debian's Chromium, headless), by keyboard only: answer the
questions, read the result, follow "register" and find the routes ticked. Once with htmx, once without JavaScript."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# An hbo graduate with years of experience who keeps the job and wants to teach in the mbo.
ANSWERS = [
    ("Wat is je hoogste opleiding?", "hbo (hogeschool)"),
    ("Hoeveel technische werkervaring heb je?", "3 jaar of meer"),
    ("Wil je je huidige baan houden?", "Ja, ik wil mijn baan houden"),
    ("Waar wil je lesgeven?", "Het mbo"),
    ("Welke rol zoek je?", "Docent, met een bevoegdheid"),
]
EXPECTED_FIRST = ["pdg", "zij-instroom", "leraar-technisch-beroepsonderwijs"]


@pytest.fixture
def site(demo_content, live_server):
    """The demo site behind a live server."""
    return live_server


def run_in_browser(browser, scenario, **context_options):
    """Run a scenario in a fresh browser context of the session's Chromium, recording CSP errors."""
    context = browser.new_context(locale="nl-NL", **context_options)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.csp_errors = []
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and page.csp_errors.append(message.text),
        )
        return scenario(page)
    finally:
        context.close()


def focused(page):
    return page.evaluate("""() => {
        const element = document.activeElement;
        const label = element && element.labels && element.labels[0];
        return {tag: element.tagName.toLowerCase(), type: element.type || "", text: element.innerText || "",
                label: label ? label.innerText.trim() : "", checked: !!element.checked};
    }""")


def tab_to(page, matches, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if matches(focused(page)):
            return focused(page)
    raise AssertionError(f"could not reach the element by Tab; focus is on {focused(page)}")


def answer_by_keyboard(page, choice):
    """From the question's heading: Tab into the radio group, arrow to the choice, Tab to the button, Enter."""
    tab_to(page, lambda element: element["type"] == "radio")
    if not focused(page)["checked"]:
        page.keyboard.press("Space")
    for _ in range(8):
        if focused(page)["label"] == choice:
            break
        page.keyboard.press("ArrowDown")
    current = focused(page)
    assert current["label"] == choice and current["checked"], current
    button = tab_to(page, lambda element: element["tag"] == "button")
    assert button["text"].strip() in ("Volgende vraag", "Toon mijn routes"), button
    page.keyboard.press("Enter")


def wait_for_heading(page, text, *, focused_expected):
    heading = page.locator("#finder-step h2", has_text=text).first
    heading.wait_for()
    if focused_expected:
        page.wait_for_function(
            "text => document.activeElement && document.activeElement.tagName === 'H2'"
            " && document.activeElement.innerText.trim() === text",
            arg=text,
        )


def walk_the_finder(page, base_url, finder_url, *, javascript):
    page.goto(base_url + finder_url)
    if javascript:
        # Marks this document: it is still there at the end only if htmx swapped every step in place.
        page.evaluate("window.finderDocument = 'first'; document.getElementById('finder-progress').liveRegion = 1")
        violations = axe_violations(page)
    progress = page.locator("#finder-progress")
    assert progress.inner_text() == "Vraag 1 van 5"
    tab_to(page, lambda element: element["type"] == "radio")
    page.keyboard.press("Shift+Tab")  # back before the group: answer_by_keyboard tabs into it
    seen = {}
    for number, (question, choice) in enumerate(ANSWERS, start=1):
        assert page.locator("#finder-step legend", has_text=question).count() == 1
        assert progress.inner_text() == f"Vraag {number} van 5"
        if number == 3 and "back" not in seen:
            # One step back by keyboard: the previous answer is still chosen; then on again.
            seen["back"] = True
            link = tab_to(page, lambda element: element["tag"] == "a" and element["text"].strip() == "Vorige vraag")
            assert link
            page.keyboard.press("Enter")
            wait_for_heading(page, ANSWERS[1][0], focused_expected=True)
            assert page.locator("input[name=ervaring][value=lang]").is_checked()
            answer_by_keyboard(page, ANSWERS[1][1])
            wait_for_heading(page, question, focused_expected=True)
        answer_by_keyboard(page, choice)
        if number < len(ANSWERS):
            wait_for_heading(page, ANSWERS[number][0], focused_expected=True)
            assert page.locator("#finder-progress").inner_text() == f"Vraag {number + 1} van 5"
    wait_for_heading(page, "Deze routes passen bij jou", focused_expected=True)
    assert "/resultaat/?opleiding=hbo&ervaring=lang&baan=ja&sector=mbo&rol=docent" in page.url
    assert page.locator("#finder-progress").inner_text().startswith("Klaar.")
    ranked = page.locator(".finder-result__routes h3 a").evaluate_all(
        "links => links.map(link => new URL(link.href).pathname.split('/').filter(Boolean).pop())"
    )
    assert ranked[:3] == EXPECTED_FIRST
    assert (
        page.locator(".finder-route__why")
        .first.inner_text()
        .startswith("Je hebt een hbo-diploma en wilt je baan houden:")
    )
    assert page.get_by_role("link", name="Naar het Onderwijsloket").count() == 1
    assert page.get_by_role("link", name="Pas mijn antwoorden aan").count() == 1
    if javascript:
        assert page.evaluate("window.finderDocument") == "first", "a step reloaded the page instead of swapping it"
        # The live region itself stayed (only its text changed), so screen readers announce the progress.
        assert page.evaluate("document.getElementById('finder-progress').liveRegion") == 1
        assert page.locator("#finder-progress").get_attribute("role") == "status"
        violations += axe_violations(page)
    else:
        violations = []
    result_url = page.url

    register = tab_to(page, lambda element: element["tag"] == "a" and "Aanmelden" in element["text"])
    assert register["text"].strip() == "Aanmelden voor deze routes"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator("input[name=routes]").first.wait_for()
    checked = page.locator("input[name=routes]:checked").evaluate_all("boxes => boxes.map(box => box.value)")
    return {"checked": checked, "result_url": result_url, "violations": violations, "csp": page.csp_errors}


def route_ids(slugs):
    from routes.models import RoutePage

    pages = {page.slug: str(page.pk) for page in RoutePage.objects.filter(slug__in=slugs)}
    return sorted(pages[slug] for slug in slugs)


def test_keyboard_only_with_htmx(site, live_server, browser):
    from routes.models import RouteFinderPage

    finder_url = RouteFinderPage.objects.live().filter(locale__language_code="nl").get().url
    expected = route_ids(EXPECTED_FIRST)
    outcome = run_in_browser(browser, lambda page: walk_the_finder(page, live_server.url, finder_url, javascript=True))
    assert sorted(outcome["checked"]) == expected
    assert outcome["violations"] == []
    assert outcome["csp"] == []


def test_keyboard_only_without_javascript(site, live_server, browser):
    from routes.models import RouteFinderPage

    finder_url = RouteFinderPage.objects.live().filter(locale__language_code="nl").get().url
    expected = route_ids(EXPECTED_FIRST)
    outcome = run_in_browser(
        browser,
        lambda page: walk_the_finder(page, live_server.url, finder_url, javascript=False),
        java_script_enabled=False,
    )
    assert sorted(outcome["checked"]) == expected


def test_a_bookmarked_result_and_editing_the_answers(site, live_server, browser):
    from routes.models import RouteFinderPage

    finder_url = RouteFinderPage.objects.live().filter(locale__language_code="nl").get().url
    query = "opleiding=mbo4&ervaring=geen&baan=nee&sector=vmbo&rol=docent"

    def scenario(page):
        page.goto(f"{live_server.url}{finder_url}resultaat/?{query}")
        heading = page.locator("#resultaat-titel")
        assert heading.inner_text() == "Deze route past bij jou"
        page.get_by_role("link", name="Pas mijn antwoorden aan").click()
        wait_for_heading(page, "Wat is je hoogste opleiding?", focused_expected=True)
        assert page.locator("input[name=opleiding][value=mbo4]").is_checked()
        answer_by_keyboard(page, "hbo (hogeschool)")
        wait_for_heading(page, "Hoeveel technische werkervaring heb je?", focused_expected=True)
        # The other answers came along; the result is one step per remaining question away.
        for next_heading in [question for question, _choice in ANSWERS[2:]] + ["Deze routes passen bij jou"]:
            page.locator("#finder-step button[type=submit]").click()
            wait_for_heading(page, next_heading, focused_expected=True)
        url, violations = page.url, axe_violations(page)
        # The browser's back button returns to the last question (htmx asks the server for the whole page).
        page.go_back()
        wait_for_heading(page, "Welke rol zoek je?", focused_expected=False)
        assert page.locator("input[name=rol][value=docent]").is_checked()
        return url, violations

    url, violations = run_in_browser(browser, scenario)
    assert "opleiding=hbo&ervaring=geen&baan=nee&sector=vmbo&rol=docent" in url
    assert violations == []
