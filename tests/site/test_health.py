"""The health endpoints (config/health.py): liveness answers without touching anything, readiness checks the
database and every Redis, against the real PostgreSQL and Redis; an unreachable Redis is a closed local port."""

import json

import pytest

from tests.helpers import free_port

LIVE = "/gezond/live/"
READY = "/gezond/klaar/"
PASSWORD = "not-to-be-shown-anywhere"


def redis_cache(url):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


def closed_redis_url():
    """A Redis URL (with a password, which must never show) on a local port where nothing listens."""
    return f"redis://:{PASSWORD}@127.0.0.1:{free_port()}/0"


@pytest.fixture
def production_like(settings, postgres, redis_url):
    """Both caches and the broker on the real Redis, as in production (the test settings use local memory)."""
    settings.CACHES = {"default": redis_cache(redis_url), "pagecache": redis_cache(redis_url)}
    settings.CELERY_BROKER_URL = redis_url
    return settings


def body(response):
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "private"):
        assert directive in cache_control, cache_control


def test_ready_when_the_database_and_every_redis_answer(production_like, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(READY)
    assert response.status_code == 200
    assert body(response) == {
        "status": "ok",
        "checks": {"database": "ok", "cache:default": "ok", "cache:pagecache": "ok", "broker": "ok"},
    }
    assert_never_cached(response)


@pytest.mark.parametrize("failing", ["cache:default", "cache:pagecache", "broker"])
def test_not_ready_names_the_redis_that_is_unreachable(production_like, client, failing):
    url = closed_redis_url()
    if failing == "broker":
        production_like.CELERY_BROKER_URL = url
    else:
        production_like.CACHES = {**production_like.CACHES, failing.split(":")[1]: redis_cache(url)}

    response = client.get(READY)

    assert response.status_code == 503
    data = body(response)
    assert data["status"] == "unavailable"
    assert data["failed"] == [failing]
    assert data["checks"][failing] == "unavailable"
    assert {name for name, result in data["checks"].items() if result == "ok"} == (
        {"database", "cache:default", "cache:pagecache", "broker"} - {failing}
    )
    # Nothing of the connection string: not the password, the address, the port or the scheme.
    text = response.content.decode()
    for secret in (PASSWORD, "127.0.0.1", url.rsplit(":", 1)[1].split("/")[0], "redis://"):
        assert secret not in text
    assert_never_cached(response)


def test_liveness_answers_while_every_redis_is_down_and_touches_nothing(
    production_like, client, django_assert_num_queries
):
    production_like.CACHES = {"default": redis_cache(closed_redis_url()), "pagecache": redis_cache(closed_redis_url())}
    production_like.CELERY_BROKER_URL = closed_redis_url()
    production_like.WAGTAIL_CACHE = True  # the page cache is on in production; the probe must not look in it

    with django_assert_num_queries(0):
        live = client.get(LIVE)
    assert live.status_code == 200
    assert body(live) == {"status": "ok"}
    assert live["X-Wagtail-Cache"] == "skip"
    assert_never_cached(live)

    ready = client.get(READY)
    assert ready.status_code == 503
    assert body(ready)["failed"] == ["broker", "cache:default", "cache:pagecache"]


def test_probes_are_never_served_from_or_stored_in_the_page_cache(production_like, client):
    production_like.WAGTAIL_CACHE = True
    for path in (LIVE, READY, READY):
        response = client.get(path)
        assert response.status_code == 200
        assert response["X-Wagtail-Cache"] == "skip"


@pytest.mark.parametrize("path", [LIVE, READY])
def test_probes_answer_get_and_head_only(production_like, client, path):
    assert client.head(path).status_code == 200
    for method in (client.post, client.put, client.delete):
        response = method(path)
        assert response.status_code == 405
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}


def test_probes_need_no_login_and_set_no_cookie(production_like, client):
    for path in (LIVE, READY):
        response = client.get(path, follow=False)
        assert response.status_code == 200
        assert not response.cookies
