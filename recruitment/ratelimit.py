"""Who is posting, and how often: the client's IP address for the rate limit (also behind trusted proxies), and the
count of a visitor's posts in the current window."""

import hashlib
import re
import time

from django_ratelimit.core import is_ratelimited

from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from content.visitors import client_ip

RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
PERIOD_SECONDS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}


def rate_limit_key(group, request):
    return client_ip(request)


def parse_rate(rate):
    """``"10/h"`` or ``"100/5m"``: (limit, period in seconds), as django-ratelimit reads them."""
    match = RATE.match(rate)
    if not match:
        raise ImproperlyConfigured(f"Rate limit {rate!r} is not like 10/h or 100/5m")
    limit, count, unit = match.groups()
    return int(limit), int(count or 1) * PERIOD_SECONDS[unit]


def redis_client(cache):
    """The Redis client behind a django-redis cache; None for any other cache."""
    get_client = getattr(getattr(cache, "client", None), "get_client", None)
    return get_client(write=True) if get_client and cache.__class__.__module__.startswith("django_redis") else None


def over_limit(request, group, rate):
    """Count this post from the visitor and tell whether it goes over ``rate``. On Redis one round trip (a pipeline:
    create the window's counter with its expiry when missing, then increment it), where django-ratelimit needs two;
    on any other cache through django-ratelimit. The key holds a digest of the address, never the address."""
    cache = caches["default"]
    client = redis_client(cache)
    if client is None:
        return is_ratelimited(request, group=group, key=rate_limit_key, rate=rate, method="POST", increment=True)
    limit, period = parse_rate(rate)
    window = int(time.time()) // period
    visitor = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = cache.make_key(f"ratelimit:{group}:{rate}:{window}:{visitor}")
    pipeline = client.pipeline(transaction=False)
    pipeline.set(key, 0, ex=period + 1, nx=True)
    pipeline.incr(key)
    _, count = pipeline.execute()
    return count > limit
