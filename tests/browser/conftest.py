"""Playwright driving Debian's Chromium (headless) against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from tests.conftest import require_service

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    require_service(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.csp_errors.append(
        message.text))
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    """The WCAG 2.0/2.1/2.2 A and AA violations axe-core finds on the page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} ({[node['target'] for node in violation['nodes']][:3]})"
        for violation in results.response["violations"]
    ]
