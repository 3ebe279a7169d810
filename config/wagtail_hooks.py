"""The page cache's rules (wagtail-cache hooks): store only what every visitor can reach.

wagtail-cache keys an entry on the path, the query string and the values of the request headers the response
varies on. Left alone it would keep an entry per made-up query string, per 404 path and per forged CSRF cookie for
an hour, so a crawler could fill the cache. These hooks keep the key space to the site's real pages.
"""

import re

from wagtailcache.settings import wagtailcache_settings

from django.conf import settings

from wagtail import hooks


def is_tracking_parameter(name):
    """utm_source, fbclid and the like: wagtail-cache leaves them out of the key (WAGTAIL_CACHE_IGNORE_QS)."""
    return any(re.match(pattern, name) for pattern in wagtailcache_settings.WAGTAIL_CACHE_IGNORE_QS)


@hooks.register("is_request_cacheable")
def only_requests_every_visitor_can_make(request, is_cacheable):
    """Served from and stored in the cache only: query parameters that the pages read (tracking parameters
    aside), and no state of one visitor that the key would include (session or CSRF cookie, htmx header)."""
    if not is_cacheable:
        return False
    if any(
        name not in settings.PAGE_CACHE_QUERY_PARAMETERS and not is_tracking_parameter(name) for name in request.GET
    ):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES:
        return False
    return "HX-Request" not in request.headers


@hooks.register("is_response_cacheable")
def only_pages_that_exist(response, is_cacheable):
    """Not found and redirects (any path answers one) are not stored: only 200 responses are."""
    return is_cacheable and response.status_code == 200
