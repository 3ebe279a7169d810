"""A route page's facts with their sources, its timeline and the terms it explains, and the route finder's
comparison table, in a real browser: axe passes, nothing scrolls sideways on a phone, and the term links and the
comparison work by keyboard without JavaScript."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZIJ_INSTROOM = "/routes/zij-instroom/"
# An hbo graduate with experience who wants to switch to teaching in the vmbo (decision table row 8).
HBO_SWITCHER = "/routewijzer/resultaat/?opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent"


def test_route_page_facts_sources_and_terms_pass_axe(demo_content, live_server, page, phone):
    for url in (ZIJ_INSTROOM, HBO_SWITCHER):
        page.goto(live_server.url + url)
        assert not axe_violations(page), url
        phone.goto(live_server.url + url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 320px"
    page.goto(live_server.url + ZIJ_INSTROOM)
    facts = page.locator(".facts")
    assert facts.get_by_text("Bron:").count() >= 5
    assert facts.get_by_text("Feiten laatst gecontroleerd op").count() == 1
    assert page.locator(".timeline__step").count() == 3
    assert page.get_by_role("heading", name="Bronnen").count() == 1


def test_term_links_and_the_comparison_work_by_keyboard_without_javascript(demo_content, live_server, scriptless):
    scriptless.goto(live_server.url + ZIJ_INSTROOM)
    term = scriptless.locator(".prose a.glossary-link").first
    target = term.get_attribute("href")
    assert target.startswith("#begrip-")
    term.focus()
    scriptless.keyboard.press("Enter")
    assert scriptless.url.endswith(target)
    assert scriptless.locator(f"{target} dd").inner_text().strip()

    scriptless.goto(live_server.url + HBO_SWITCHER)
    region = scriptless.get_by_role("region", name="De beste")
    assert region.count() == 1
    region.focus()
    assert scriptless.locator(":focus").get_attribute("tabindex") == "0"
    headers = scriptless.locator(".comparison thead th")
    assert headers.count() >= 3  # the "Feit" column and at least two routes
    assert scriptless.locator(".comparison tbody th", has_text="Kosten").count() == 1
