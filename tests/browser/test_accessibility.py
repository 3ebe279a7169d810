"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on one page of every page type, and no sideways scrolling at 320 px."""

import pytest

from wagtail.models import Page

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def one_page_of_every_type():
    """The URL of the first live page of each page type, plus the search results page."""
    urls = {}
    for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    urls["search"] = "/zoeken/?q=techniek"
    return urls


def test_every_page_type_passes_axe_and_fits_a_phone(demo_content, live_server, page, phone):
    urls = one_page_of_every_type()
    assert {
        "HomePage",
        "RoutePage",
        "ArticlePage",
        "EventPage",
        "StandardPage",
        "RouteIndexPage",
        "ArticleIndexPage",
        "EventIndexPage",
        "PracticeExampleIndexPage",
    } <= set(urls)
    problems = {}
    for name, url in urls.items():
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            problems[name] = violations
        phone.goto(live_server.url + url)
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.setdefault(name, []).append(f"scrolls sideways by {overflow}px at 320px")
    assert not problems, problems
    assert not page.csp_errors, page.csp_errors


def test_menu_and_skip_link_work_by_keyboard(demo_content, live_server, phone):
    phone.goto(live_server.url + "/")
    phone.keyboard.press("Tab")
    skip = phone.locator(":focus")
    assert skip.inner_text().strip() == "Naar de inhoud"
    phone.keyboard.press("Enter")
    assert phone.evaluate("location.hash") == "#inhoud"
    menu = phone.locator("summary", has_text="Menu")
    menu.focus()
    phone.keyboard.press("Enter")
    first_link = phone.locator("nav[aria-label='Hoofdmenu'] a").first
    assert first_link.is_visible()
