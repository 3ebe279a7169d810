"""The glossary page in a browser: axe passes, and the A–Z links work without JavaScript."""

import pytest

from content.models import GlossaryPage

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_glossary_passes_axe_and_fits_a_phone(demo_content, live_server, page, phone):
    url = live_server.url + GlossaryPage.objects.live().get().url
    page.goto(url)
    assert axe_violations(page) == []
    assert not page.csp_errors, page.csp_errors
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_the_glossary_works_without_javascript(demo_content, live_server, browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15000)
    try:
        tab.goto(live_server.url + GlossaryPage.objects.live().get().url)
        assert tab.get_by_role("heading", level=1, name="Begrippenlijst").is_visible()
        for term in ("PDG", "Zij-instroom", "NLQF"):
            assert tab.locator("dfn", has_text=term).first.is_visible()
        tab.get_by_role("navigation", name="Begrippen van A tot Z").get_by_role("link", name="P", exact=True).click()
        tab.wait_for_url("**#letter-p")
        assert tab.locator("#pdg").is_visible()
    finally:
        context.close()
