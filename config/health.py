"""Health endpoints for load balancers, Varnish and Kubernetes probes (deploy/k8s/, docs/deployment.md).

``/gezond/live/`` (liveness) says only that this process answers requests: it touches neither the database nor
Redis, so an outage of either never makes Kubernetes restart healthy web servers. ``/gezond/klaar/`` (readiness)
says whether this process can serve a visitor now: one trivial query on the database and a PING to every Redis
the site uses (the Redis caches and the Celery broker), each with a short timeout. It answers 200 with the result
of each check, or 503 naming the checks that failed; the body never holds a URL, host or password (the log has the
error). Both are never cached (not by browsers, Varnish or the page cache), answer only GET and HEAD, and need no
login.

Included by ``config/urls.py`` under ``gezond/``.
"""

import logging

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail import hooks

logger = logging.getLogger(__name__)

# Seconds a PING to the broker's Redis may take to connect and to answer. The Redis caches keep their own (short)
# socket timeouts from settings.CACHES; the database's connect timeout belongs in DATABASE_URL (?connect_timeout=).
BROKER_PING_TIMEOUT = 2
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")
REDIS_CACHE_BACKENDS = ("django_redis.cache.RedisCache", "django.core.cache.backends.redis.RedisCache")

app_name = "health"

# One client per broker URL per process, so a probe reuses its connection instead of opening one each time.
_broker_clients = {}


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def redis_cache_ping(alias):
    def check():
        cache = caches[alias]
        if settings.CACHES[alias]["BACKEND"].startswith("django_redis."):
            client = cache.client.get_client(write=True)
        else:
            client = cache._cache.get_client(write=True)
        client.ping()

    return check


def broker_ping(url):
    def check():
        client = _broker_clients.get(url)
        if client is None:
            client = _broker_clients[url] = redis.Redis.from_url(
                url,
                socket_connect_timeout=BROKER_PING_TIMEOUT,
                socket_timeout=BROKER_PING_TIMEOUT,
                retry=Retry(NoBackoff(), 0),  # one attempt: the probe asks again in a few seconds
            )
        client.ping()

    return check


def readiness_checks():
    """(name, check) for every dependency a request or a queued e-mail needs. A local-memory cache or a non-Redis
    broker (the development defaults) has nothing to check."""
    checks = [("database", check_database)]
    for alias, options in settings.CACHES.items():
        if options["BACKEND"] in REDIS_CACHE_BACKENDS:
            checks.append((f"cache:{alias}", redis_cache_ping(alias)))
    # Celery takes the first of several ;-separated broker URLs (failover) to begin with.
    broker_url = (settings.CELERY_BROKER_URL or "").split(";")[0].strip()
    if broker_url.startswith(REDIS_SCHEMES):
        checks.append(("broker", broker_ping(broker_url)))
    return checks


@never_cache
@require_http_methods(["GET", "HEAD"])
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_http_methods(["GET", "HEAD"])
def ready(request):
    results = {}
    for name, check in readiness_checks():
        try:
            check()
        except Exception as error:  # any failure means "not ready"; what it was goes to the log only
            logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    failed = sorted(name for name, result in results.items() if result != "ok")
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed, "checks": results}, status=503)
    return JsonResponse({"status": "ok", "checks": results})


urlpatterns = [
    path("live/", live, name="live"),
    path("klaar/", ready, name="ready"),
]


@hooks.register("is_request_cacheable")
def never_from_the_page_cache(request, is_cacheable):
    """The probes never look in the page cache either (never_cache keeps them out of it): liveness must not touch
    Redis. Registered when the URLconf is first loaded; until then a probe costs one cache lookup at most."""
    if not is_cacheable:
        return False
    return request.path_info not in (reverse("health:live"), reverse("health:ready"))
