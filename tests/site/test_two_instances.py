"""Two app servers behind one Varnish, as docker-compose runs them (web, web2): two gunicorn processes with the
production settings on this test run's PostgreSQL database and Redis, and varnishd with the shipped VCL in front.
What one instance does, the other sees: purges after a publish, sessions, the registration form's rate limit, and a
post through Varnish is stored once whichever instance takes it."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests import varnishd
from tests.conftest import require_service
from tests.helpers import free_port, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
HTTPS = {"X-Forwarded-Proto": "https"}  # as Varnish's clients arrive behind TLS; SECURE_SSL_REDIRECT stays off


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The production settings serve hashed static files (whitenoise's manifest): collected once per module."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env={**app_environment(root, "", "", ""), "DATABASE_URL": "sqlite:////tmp/unused.sqlite3"},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return root


def app_environment(static_root, database_url, redis_url, purge_url, max_age="60"):
    import os

    return {
        **{key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE",)},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "two-instances-" + "x" * 50,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url or "redis://127.0.0.1:6379/10",
        "CELERY_BROKER_URL": redis_url or "redis://127.0.0.1:6379/10",
        "PAGE_CACHE_URL": redis_url or "redis://127.0.0.1:6379/10",
        "PAGE_CACHE_BROWSER_MAX_AGE": max_age,
        "VARNISH_PURGE_URL": purge_url,
        "TRUSTED_PROXIES": "1",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


class Stack:
    """Two gunicorns (2 workers each) and varnishd round robin over them."""

    def __init__(self, tmp_path, static_root, database_url, redis_url, max_age="60"):
        self.ports = [free_port(), free_port()]
        self.varnish = varnishd.Varnish([("127.0.0.1", port) for port in self.ports], tmp_path / "varnish", "0.5s")
        self.environment = app_environment(static_root, database_url, redis_url, self.varnish.purge_url, max_age)
        self.logs = [tmp_path / f"access-{number}.log" for number in (1, 2)]
        self.servers = [
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2", "--bind",
                 f"127.0.0.1:{port}", "--access-logfile", str(log), "--log-level", "warning"],
                cwd=ROOT,
                env=self.environment,
            )
            for port, log in zip(self.ports, self.logs, strict=True)
        ]  # fmt: skip
        try:
            self.wait_until_ready()
        except Exception:
            self.stop()  # no gunicorn or varnishd outlives a stack that never came up
            raise

    def wait_until_ready(self):
        for port in self.ports:
            wait_until(lambda port=port: self.ready(port), 60, f"gunicorn on {port}")
        # Round robin only alternates between backends its probes found healthy: wait for both (a slow first probe
        # of one instance on a busy machine would otherwise send every request to the other).
        wait_until(lambda: self.varnish.healthy_backends() == len(self.ports), 60, "Varnish to see both instances")
        wait_until(lambda: self.varnish.request("/gezond/klaar/").status == 200, 30, "Varnish to see the app")

    def ready(self, port):
        try:
            return varnishd.request(port, "/gezond/klaar/", headers=HTTPS).status == 200
        except OSError:
            return False

    def direct(self, number, path, **kwargs):
        return varnishd.request(self.ports[number], path, **kwargs)

    def manage_shell(self, code):
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=self.environment, check=True, timeout=120
        )

    def stop_app(self):
        for server in self.servers:
            if server.poll() is None:
                server.terminate()
                server.wait(timeout=30)

    def stop(self):
        self.stop_app()
        self.varnish.stop()


@pytest.fixture
def start_stack(demo_content, redis_url, static_root, tmp_path):
    from django.db import connection

    require_service(varnishd.available(), f"varnishd is not installed at {varnishd.VARNISHD} (apt-get install varnish)")
    database_url = f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}"
    stacks = []

    def start(max_age="60"):
        flush(redis_url)  # the rate limit's counts, sessions and cached pages of earlier tests (this run's Redis db)
        stacks.append(Stack(tmp_path, static_root, database_url, redis_url, max_age))
        return stacks[-1]

    yield start
    for stack in stacks:
        stack.stop()
    flush(redis_url)


def flush(redis_url):
    """The instances' shared Redis is this test run's own database (TEST_REDIS_DB); the test settings' caches are
    local memory, so it is emptied directly."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def form(stack, get):
    """The registration form as a visitor gets it: (the URL to post to, the CSRF cookie, the form's token)."""
    import re

    response = get("/aanmelding/")
    if response.status in (301, 302):
        response = get(response.headers["location"])
    assert response.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    return "/aanmelding/", response.cookies["csrftoken"], token


def registration(token, email):
    from urllib.parse import urlencode

    return urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": "Twee Servers",
            "email": email,
            "phone": "",
            "postcode": "3511 AB",
            "situation": "techniek",
            "education": "hbo",
            "experience_years": "5",
            "roles": "docent",
            "contact_preference": "e-mail",
            "message": "",
            "consent": "on",
            "website": "",
        }
    )


def post(send, path, csrf, token, email, **headers):
    return send(
        path,
        method="POST",
        body=registration(token, email),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Referer": f"https://localhost{path}",  # Django checks it on https
            **HTTPS,
            **headers,
        },
    )


def test_a_publish_purges_both_instances_and_varnish(start_stack):
    from content.models import ArticlePage
    from routes.models import RoutePage

    stack = start_stack()
    route = RoutePage.objects.live().filter(show_in_menus=False).first()
    article = ArticlePage.objects.live().first()
    for path in (route.url, article.url):
        stack.varnish.request(path)
        assert stack.varnish.request(path).headers["x-varnish-cache"] == "hit", path
        for number in (0, 1):  # each answers from the shared page cache (Redis): same URL as Varnish asked
            assert stack.direct(number, path).headers["x-wagtail-cache"] == "hit", path
    stored_article = varnishd.cached_object(stack.varnish.request(article.url).headers)

    text = "Na publicatie op de ene server meteen zichtbaar op beide."
    stack.manage_shell(
        "from routes.models import RoutePage\n"
        f"route = RoutePage.objects.get(pk={route.pk})\n"
        f"route.for_whom = {text!r}\n"
        "route.save_revision().publish()\n"
    )

    through_varnish = stack.varnish.request(route.url)
    assert through_varnish.headers["x-varnish-cache"] == "miss"
    assert text in through_varnish.text
    for number in (0, 1):
        assert text in stack.direct(number, route.url).text, number
        assert stack.direct(number, article.url).headers["x-wagtail-cache"] == "hit", number
    article_after = stack.varnish.request(article.url)
    assert article_after.headers["x-varnish-cache"] == "hit"
    assert varnishd.cached_object(article_after.headers) == stored_article


def test_a_session_started_on_one_instance_is_valid_on_the_other(start_stack):
    import re
    from urllib.parse import urlencode

    stack = start_stack()
    # Created with the production settings (their password hasher; the test settings use a fast one).
    stack.manage_shell(
        "from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_superuser('redacteur', 'redacteur@example.org', 'een-lang-wachtwoord')\n"
    )
    login = stack.direct(0, "/admin/login/", headers=HTTPS)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    logged_in = stack.direct(
        0,
        "/admin/login/",
        method="POST",
        body=urlencode({"csrfmiddlewaretoken": token, "username": "redacteur", "password": "een-lang-wachtwoord"}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={login.cookies['csrftoken']}",
            "Referer": "https://localhost/admin/login/",
            **HTTPS,
        },
    )
    assert logged_in.status == 302, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', logged_in.text)
    session = logged_in.cookies["sessionid"]
    for number in (0, 1):
        dashboard = stack.direct(number, "/admin/", headers={"Cookie": f"sessionid={session}", **HTTPS})
        assert dashboard.status == 200, number
        assert "redacteur" in dashboard.text
    # And through Varnish (passed: a session cookie), whichever instance answers.
    for _ in range(2):
        assert stack.varnish.request("/admin/", headers={"Cookie": f"sessionid={session}", **HTTPS}).status == 200
    assert stack.direct(1, "/admin/", headers=HTTPS).status == 302  # without the session: the login page


def test_the_rate_limit_counts_across_both_instances(start_stack, settings):
    from recruitment.models import Registration

    stack = start_stack()
    limit = int(settings.RECRUITMENT_RATE_LIMIT.split("/")[0])
    visitor = {"X-Forwarded-For": "203.0.113.9"}  # what Varnish would have added: one visitor, one address
    statuses = []
    for index in range(limit + 1):
        number = index % 2

        def send(path, number=number, **kwargs):
            return stack.direct(number, path, **kwargs)

        path, csrf, token = form(stack, lambda path, send=send: send(path, headers={**HTTPS, **visitor}))
        statuses.append(post(send, path, csrf, token, f"limiet{index}@example.org", **visitor).status)
    assert statuses[:limit] == [303] * limit
    assert statuses[limit] == 429
    assert Registration.objects.filter(email__startswith="limiet").count() == limit
    # Another visitor is not held back by the first one's count.
    other = {"X-Forwarded-For": "198.51.100.4"}
    path, csrf, token = form(stack, lambda path: stack.direct(1, path, headers={**HTTPS, **other}))
    assert post(lambda *a, **k: stack.direct(1, *a, **k), path, csrf, token, "ander@example.org", **other).status == 303


def test_a_post_through_varnish_is_stored_once_on_either_instance(start_stack):
    from recruitment.models import Registration

    stack = start_stack()
    emails = [f"via-varnish{index}@example.org" for index in range(4)]
    for email in emails:
        path, csrf, token = form(stack, lambda path: stack.varnish.request(path, headers=HTTPS))
        response = post(stack.varnish.request, path, csrf, token, email)
        assert response.status == 303, response.text[:500]
    for email in emails:
        assert Registration.objects.filter(email=email).count() == 1, email
    # Round robin: both instances took posts.
    posts = [log.read_text().count('"POST /aanmelding/') for log in stack.logs]
    assert all(count >= 1 for count in posts), posts
    assert sum(posts) == len(emails)


def test_varnish_serves_cached_pages_from_grace_while_both_instances_are_down(start_stack):
    from content.models import ArticlePage

    stack = start_stack(max_age="1")
    article = ArticlePage.objects.live().first()
    stored = stack.varnish.request(article.url)
    assert stored.status == 200 and "max-age=1" in stored.headers["cache-control"]
    stack.stop_app()
    # Varnish's probe notices (an uncached page now fails), by then the article's max-age has long run out.
    wait_until(lambda: stack.varnish.request("/niet-bewaard/").status == 503, 30, "the backends to turn sick")
    stale = stack.varnish.request(article.url)
    assert stale.status == 200
    assert stale.text == stored.text
    assert int(stale.headers["age"]) >= 1
