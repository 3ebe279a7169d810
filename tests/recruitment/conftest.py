"""Fixtures for the registration tests: regions, a small page tree with routes, users, valid form data, and a real
Celery worker (in a thread of this process, so it uses the test database and the test's settings) on this run's own
Redis queue."""

import shutil
import subprocess
from datetime import timedelta
from importlib import import_module

import pytest

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from tests.conftest import require_service
from tests.helpers import free_port, port_open, wait_until


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """The rate limit counts in the default cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def regions(db):
    from recruitment.models import RegionFollowUp
    from routes.models import PostcodeRange, Region

    east = Region.objects.create(name="Oost")
    RegionFollowUp.objects.create(
        region=east,
        follow_up_emails="oost-1@example.org\noost-2@example.org",
        coordinator_email="coordinator-oost@example.org",
    )
    PostcodeRange.objects.create(region=east, start=7000, end=8299)
    national = Region.objects.create(name="Landelijk", is_default=True)
    RegionFollowUp.objects.create(
        region=national, follow_up_emails="landelijk@example.org", coordinator_email="coordinator-landelijk@example.org"
    )
    return {"east": east, "national": national}


@pytest.fixture
def page_root(db):
    """Wagtail's root page and default locale, as its migrations make them. A transactional test empties every
    table when it ends, so a later one makes them again here."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@pytest.fixture
def home(page_root):
    from wagtail.models import Site

    from content.models import HomePage, SiteSettings

    home = HomePage(title="Word techniekdocent", slug="home-reg", hero_title="Word docent in de techniek")
    page_root.add_child(instance=home)
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Word techniekdocent"
    )
    SiteSettings.objects.update_or_create(
        site=site, defaults={"privacy_version": "2026-1", "contact_email": "info@example.org"}
    )
    return home


@pytest.fixture
def routes(home):
    from routes.models import RouteIndexPage, RoutePage

    index = RouteIndexPage(title="Routes", slug="routes")
    home.add_child(instance=index)
    pages = []
    for title in ("Zij-instroom in het beroep", "Pedagogisch didactisch getuigschrift (PDG)", "Hybride docent"):
        page = RoutePage(
            title=title,
            for_whom="Voor wie in de techniek werkt.",
            duration="maximaal 2 jaar",
            for_vmbo=True,
            for_mbo=True,
        )
        index.add_child(instance=page)
        pages.append(page)
    return pages


def valid_data(**overrides):
    data = {
        "name": "Sanne de Vries",
        "email": "sanne@example.org",
        "phone": "06 12345678",
        "postcode": "7511 ab",
        "situation": "techniek",
        "education": "mbo4",
        "experience_years": "8",
        "roles": ["docent", "hybride-docent"],
        "contact_preference": "telefoon",
        "message": "Liefst na vijf uur bellen.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def make_registration(regions):
    """A registration as the form stores it (with its two pending first messages), at a chosen moment, in the
    region Oost unless told otherwise (RegistrationFactory with the regions of this module)."""
    from .factories import RegistrationFactory

    def make(created_at=None, region=None, email=None, **fields):
        given = {"created_at": created_at, "email": email}
        fields.update({name: value for name, value in given.items() if value is not None})
        return RegistrationFactory(region=region or regions["east"], **fields)

    return make


# What migrations 0002 and 0006 grant the follow-up staff group.
STAFF_PERMISSIONS = [
    "access_admin",
    "view_registration",
    "change_registration",
    *[f"{action}_stopreason" for action in ("add", "change", "view")],
    *[f"{action}_staffabsence" for action in ("add", "change", "delete", "view")],
    *[f"{action}_regionfollowup" for action in ("add", "change", "view")],
]


@pytest.fixture
def stop_reasons(db):
    """The reasons to stop as migration 0005 seeds them (a transactional test empties the table when it ends)."""
    from recruitment.models import StopReason

    names = import_module("recruitment.migrations.0005_candidate_path").STOP_REASONS
    return [
        StopReason.objects.get_or_create(name=name, defaults={"sort_order": order})[0]
        for order, name in enumerate(names)
    ]


@pytest.fixture
def staff_user(db):
    from recruitment.permissions import RECRUITMENT_STAFF_GROUP

    user = User.objects.create_user(
        "opvolger", "opvolger@example.org", "geheim-wachtwoord-1", first_name="Olga", last_name="Opvolger"
    )
    group, _ = Group.objects.get_or_create(name=RECRUITMENT_STAFF_GROUP)
    if not group.permissions.exists():  # a transactional test emptied the tables: grant what the migrations grant
        from django.contrib.auth.models import Permission

        group.permissions.set(Permission.objects.filter(codename__in=STAFF_PERMISSIONS))
    user.groups.add(group)
    return user


@pytest.fixture
def editor_user(db):
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("redacteur", "redacteur@example.org", "geheim-wachtwoord-2")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


def celery_app():
    from config.celery import app

    return app


@pytest.fixture
def celery_worker(redis_url):
    """A real Celery worker (solo pool, in a thread) consuming this test run's own queue on the test Redis."""
    from celery.contrib.testing.worker import start_worker

    app = celery_app()
    with start_worker(
        app,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
        queues=[settings.CELERY_TASK_DEFAULT_QUEUE],
    ) as worker:
        yield worker


@pytest.fixture(scope="session", autouse=True)
def purge_test_queue():
    """Tasks left in this run's queue (enqueued by tests without a worker) are dropped at the end."""
    yield
    try:
        with celery_app().connection_for_write() as connection:
            connection.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)
    except Exception:  # Redis not reachable: there is nothing to purge
        pass


def switch_broker(app, url):
    """Point the Celery app at another broker (dropping pooled connections to the old one)."""
    from kombu import pools

    pools.reset()
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


class RedisServer:
    """A private redis-server process on a free port, which a test may stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), timeout=10, message="redis-server to listen", interval=0.05)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def private_broker():
    """A broker this test owns and can stop: a real redis-server on a free port, used instead of the shared one."""
    require_service(shutil.which("redis-server") is not None, "redis-server is not installed")
    app = celery_app()
    original = app.conf.broker_url
    server = RedisServer()
    server.start()
    switch_broker(app, server.url)
    try:
        yield server
    finally:
        switch_broker(app, original)
        server.stop()


def days(n):
    return timedelta(days=n)
