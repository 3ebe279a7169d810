"""Shared test fixtures: service checks, a small page tree, the demo content and a real local SMTP server."""

import os
import socket
import time
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command
from django.db import connections

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(available, reason):
    """Skip with a clear reason when a service is missing; fail instead in CI (REQUIRE_SERVICES=1)."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


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


@pytest.fixture(autouse=True)
def _forget_cached_site_roots():
    """Wagtail caches site root paths in the default cache; a test must not see another test's pages."""
    from django.core.cache import cache

    cache.clear()


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
    from wagtail.models import Page, Site

    from content.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Word techniekdocent", slug="home-test", hero_title="Word docent in de techniek")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                        site_name="Word techniekdocent")
    return home


@pytest.fixture
def demo_content(db):
    """The whole demo site, loaded by the same command as `make run` uses."""
    call_command("load_demo_content", verbosity=0)
    from content.models import HomePage

    return HomePage.objects.get()


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
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return self.messages
            time.sleep(0.1)
        raise AssertionError(f"expected {count} e-mail(s) within {timeout}s, got {len(self.messages)}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


__all__ = ["free_port", "port_open", "require_service"]
