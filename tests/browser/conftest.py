"""Playwright driving Debian's Chromium (headless) against pytest-django's live server.

The fixtures (`browser`, `page`, `phone`) live in tests/conftest.py, so that one Playwright serves every suite (its
sync API allows one instance per thread); this module holds the launch settings and the axe-core check."""

import os

from tests.helpers import browser_tab

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def axe_violations(page):
    """The WCAG 2.0/2.1/2.2 A and AA violations axe-core finds on the page, as readable strings."""
    from axe_playwright_python.sync_playwright import Axe

    # A message fading in (the admin's "sent" notice) has a low contrast for a moment: check the page as it settles.
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter((animation) => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
            .map((animation) => animation.finished.catch(() => null)))"""
    )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} ({[node['target'] for node in violation['nodes']][:3]})"
        for violation in results.response["violations"]
    ]


def axe_on(browser, url, ready):
    """axe_violations on url, opened in a tab of its own with JavaScript (which axe needs), once ready (a CSS
    selector) is there."""
    with browser_tab(browser) as tab:
        tab.goto(url)
        tab.locator(ready).wait_for()
        return axe_violations(tab)
