"""What a change affects, and purging exactly that from the page cache (Redis, wagtail-cache) and from Varnish.

A publish or unpublish purges the page itself, its ancestors (their lists show it), its translations (they link to
it: content/translations.py) and the pages that show it:
``register_dependents(model, function)`` says which pages those are for a page type or snippet. content registers
its own here; routes registers its own (routes/cache.py) through the same function, so content never imports routes.
A function returns pages, or ``EVERYTHING`` for a site-wide change (site settings, the glossary, a page shown in the
header's menu: every page shows those).

Two caches are purged, each by URL:

- the page cache (wagtail-cache, its own Redis): entries of the URL's path on any host, with any query string,
  through wagtail-cache's keyring (WAGTAIL_CACHE_KEYRING, config/settings/base.py);
- Varnish, when VARNISH_PURGE_URL is set (WAGTAILFRONTENDCACHE): Wagtail's frontend-cache HTTP backend sends a PURGE
  per URL, which the VCL (deploy/k8s/base/default.vcl) turns into a ban of that path with any query string.

The keyring is one entry that each newly cached URL is added to (read, extend, write): two workers storing pages at
the same moment can lose one addition, and that URL then stays cached until its timeout; Varnish is purged by path
regardless. When the keyring itself is gone (evicted, expired), wagtail-cache clears the whole page cache instead.

A failing purge (Redis or Varnish away) is logged and never blocks publishing; the pages then expire by their
timeout (PAGE_CACHE_TIMEOUT in Redis, the max-age in Varnish).
"""

import logging
import re
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from wagtailcache.cache import clear_cache

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

EVERYTHING = "everything"

_dependents = {}  # model class -> [function(instance) -> iterable of pages, or EVERYTHING]


def register_dependents(model, function):
    """After a change to an instance of model (a page type or a snippet), also purge function(instance)'s pages."""
    _dependents.setdefault(model, []).append(function)


def affected_pages(instance):
    """The pages to purge after instance (a page or a snippet) changed, or EVERYTHING."""
    from wagtail.models import Page

    pages = []
    if isinstance(instance, Page):
        instance = instance.specific
        if instance.show_in_menus:
            return EVERYTHING  # the header's menu, on every page, shows its title and link
        pages.append(instance)
        pages.extend(instance.get_ancestors().filter(depth__gt=1))
        # Its counterparts in the other languages link to it (hreflang alternates, the language switch).
        pages.extend(instance.get_translations())
    for model in type(instance).__mro__:
        for function in _dependents.get(model, ()):
            found = function(instance)
            if found is EVERYTHING:
                return EVERYTHING
            pages.extend(found)
    return pages


def page_urls(pages):
    """Every full URL the pages answer on (a routable page's sub-paths too, Page.get_cached_paths)."""
    urls = []
    for page in pages:
        page = page.specific_deferred if hasattr(page, "specific_deferred") else page
        base = page.get_full_url()
        if base is None:
            continue
        for path in page.get_cached_paths():
            url = base + path.lstrip("/")
            if url not in urls:
                urls.append(url)
    return urls


def url_pattern(url):
    """wagtail-cache's keyring holds absolute URIs (scheme, the request's host, path, query): match the path on
    any scheme and host, with or without a query string (an index's ?page=2 shows the same pages)."""
    path = urlsplit(url).path
    return rf"^https?://[^/]+{re.escape(path)}(\?.*)?$"


def purge_urls(urls):
    """Purge the URLs from the page cache and from Varnish; errors are logged, never raised."""
    if not urls:
        return
    try:
        clear_cache(urls=[url_pattern(url) for url in urls])
    except Exception:
        logger.exception("Could not purge %d URLs from the page cache", len(urls))
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            from wagtail.contrib.frontend_cache.utils import PurgeBatch

            PurgeBatch(urls).purge()
        except Exception:
            logger.exception("Could not purge %d URLs from Varnish", len(urls))


def purge_everything():
    """Empty the page cache and ban every page in Varnish (the VCL takes a PURGE with X-Purge-Scope: all)."""
    try:
        clear_cache()
    except Exception:
        logger.exception("Could not clear the page cache")
    for name, backend in (getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}).items():
        location = backend.get("LOCATION")
        if not location:
            continue
        request = Request(location.rstrip("/") + "/", method="PURGE", headers={"X-Purge-Scope": "all"})
        try:
            urlopen(request, timeout=5).close()
        except Exception:
            logger.exception("Could not ban every page in %s (%s)", name, location)


def purge(pages):
    if pages is EVERYTHING:
        purge_everything()
    else:
        purge_urls(page_urls(pages))


def purge_affected(instance):
    """Purge what instance's change affects: now, and again once the transaction commits (a request served between
    the two could otherwise store the old version again)."""
    try:
        pages = affected_pages(instance)
    except Exception:
        logger.exception("Could not work out the pages %r affects; purging everything", instance)
        pages = EVERYTHING
    purge(pages)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: purge(pages))


def purge_page(sender, instance, **kwargs):
    """page_published / page_unpublished receiver."""
    purge_affected(instance)


def purge_snippet(sender, instance, **kwargs):
    """post_save / post_delete receiver for the snippets that pages show."""
    purge_affected(instance)


def connect_purge_signals(*models):
    """Purge on page publish/unpublish and when one of the given (snippet) models is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished

    page_published.connect(purge_page, dispatch_uid="purge_page_cache_published")
    page_unpublished.connect(purge_page, dispatch_uid="purge_page_cache_unpublished")
    for model in models:
        post_save.connect(purge_snippet, sender=model, dispatch_uid=f"purge_page_cache_save_{model.__name__}")
        post_delete.connect(purge_snippet, sender=model, dispatch_uid=f"purge_page_cache_delete_{model.__name__}")


def everything(instance):
    return EVERYTHING


def live_pages(model):
    """A dependents function: every live page of model (an index or a listing page)."""
    return lambda instance: model.objects.live()


def register_content_dependents():
    from .models import (
        ArticleIndexPage,
        ArticlePage,
        EventIndexPage,
        EventPage,
        GlossaryTerm,
        HomePage,
        PracticeExample,
        PracticeExampleIndexPage,
        SiteSettings,
    )

    # The home page lists the latest articles and the upcoming events; their index is an ancestor already.
    register_dependents(ArticlePage, live_pages(HomePage))
    register_dependents(EventPage, live_pages(HomePage))
    register_dependents(EventPage, live_pages(EventIndexPage))
    register_dependents(ArticlePage, live_pages(ArticleIndexPage))
    register_dependents(PracticeExample, live_pages(PracticeExampleIndexPage))
    # Site-wide: the footer links and the site name (SiteSettings) and the glossary's links (explain_terms may link a
    # term on any page) are on every page, so they purge everything.
    register_dependents(SiteSettings, everything)
    register_dependents(GlossaryTerm, everything)
    connect_purge_signals(PracticeExample, SiteSettings, GlossaryTerm)
