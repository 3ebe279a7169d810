"""What every page shows and only a publish changes, built once per publish instead of once per request.

The header's menu, the footer, the site settings, the singleton pages templates link to (the route finder, the
toolkit), the breadcrumbs, the glossary terms, the view restrictions and a page body with its glossary terms linked
depend on published content only. They are kept in this process, under a version that lives in the default cache
(Redis in production, so every process sees it); the version is replaced whenever a page is saved, published,
unpublished, moved or deleted, or the site settings, a glossary term, a site, a view restriction or an image changes
(receivers connected in ``ContentConfig.ready``). A request asks the cache for the version once. The site and the
page a URL leads to (as its specific type) are kept too, so a page served before costs no routing query. A snippet
shown on kept pages bumps the version when its app connects it (routes connects its colleges, regions and sources).

Kept apart from the page cache (content/cache.py): that one stores whole responses, this one the parts of a response
that every uncached request would otherwise query again.
"""

import contextvars
import logging
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import translation

logger = logging.getLogger(__name__)

VERSION_KEY = "content:fragments:version"
# Without a shared cache (no REDIS_URL) each process has its own version and sees another process's publish only
# when its own entries expire: they are rebuilt at least this often.
MAX_AGE = 300
MAX_ENTRIES = 2000

_store = {}  # key -> value, all built under _store_version
_store_version = None
_store_built_at = 0.0
# The version read for the request being served (set by content.middleware.KnownSiteMiddleware), for the callers
# that have no request at hand (a page's view restrictions, a template tag without context).
request_version = contextvars.ContextVar("content_fragments_request_version", default=None)


def current_version(request=None):
    """The version of the published content; read from the cache once per request."""
    if request is not None:
        version = getattr(request, "_content_fragments_version", None)
        if version is not None:
            return version
    else:
        version = request_version.get()
        if version is not None:
            return version
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY) or version
    except Exception:  # a cache outage must not take the site down: build everything afresh in this request
        logger.exception("Could not read the content version")
        version = uuid.uuid4().hex
    if request is not None:
        request._content_fragments_version = version
    return version


_locale_ids = None  # language code -> Locale id, for this process; a locale saved or deleted clears it


def locale_id(language_code):
    """The id of the Locale of a language (None if there is none), read once per process: locales change only when
    a language is added. Wagtail asks the database for it on every ``page.localized``, and its routing asks on every
    request (``site.root_page.localized``). A stale id (a test database flushed) only costs Wagtail's own query."""
    global _locale_ids
    if _locale_ids is None:
        from wagtail.models import Locale

        _locale_ids = dict(Locale.objects.values_list("language_code", "pk"))
    return _locale_ids.get(language_code)


def forget_locales(**kwargs):
    """Signal receiver: a locale was added, changed or deleted."""
    global _locale_ids
    _locale_ids = None


def bump(**kwargs):
    """Signal receiver: published content changed, so every process builds its fragments again."""
    global _store_version
    _store_version = None
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # never block a publish; the entries then expire by MAX_AGE
        logger.exception("Could not bump the content version")


def cached(request, key, build):
    """The value ``build()`` returns, kept in this process until the published content changes. A preview (a
    draft's content) is built afresh and never kept."""
    global _store, _store_version, _store_built_at
    if request is not None and getattr(request, "is_preview", False):
        return build()
    version = current_version(request)
    now = time.monotonic()
    if version != _store_version or now - _store_built_at > MAX_AGE or len(_store) > MAX_ENTRIES:
        _store, _store_version, _store_built_at = {}, version, now
    key = language_key(key)
    try:
        return _store[key]
    except KeyError:
        value = _store[key] = build()
        return value


def language_key(key):
    """The key as kept for the active language. The site's own language (LANGUAGE_CODE: Dutch) keeps its keys as
    they are; another language's are set apart, because the same site shows other pages in it (the English home
    page, its menu) while many keys name only the site."""
    language = translation.get_language()
    if language is None or language == settings.LANGUAGE_CODE:
        return key
    return ("language", language, key)


def in_site_language():
    """Whether the request is served in the site's own language (Dutch: URLs without a language prefix)."""
    language = translation.get_language()
    return language is None or language == settings.LANGUAGE_CODE


def cached_recent(request, namespace, key, build, limit):
    """Like ``cached``, for keys a visitor chooses (a search query): only the ``limit`` most recently used are kept
    under ``namespace``, so made-up keys push out each other and never the rest of the store."""
    recent = cached(request, ("recent", namespace), OrderedDict)
    if request is not None and getattr(request, "is_preview", False):
        return build()
    try:
        recent.move_to_end(key)
        return recent[key]
    except KeyError:
        value = recent[key] = build()
        while len(recent) > limit:
            recent.popitem(last=False)
        return value


def connect(*models):
    """Bump the version when a page, a site, a view restriction or an image changes, or when one of the given models
    (snippets shown on pages) does."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump, dispatch_uid="content_fragments_published")
    page_unpublished.connect(bump, dispatch_uid="content_fragments_unpublished")
    post_page_move.connect(bump, dispatch_uid="content_fragments_moved")
    post_save.connect(_bump_for_page, dispatch_uid="content_fragments_page_saved")
    post_delete.connect(bump, sender=Page, dispatch_uid="content_fragments_page_deleted")
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="content_fragments_locale_saved")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="content_fragments_locale_deleted")
    # An image replaced or deleted changes the renditions a kept body shows.
    for model in (Site, PageViewRestriction, get_image_model(), *models):
        on_save = _bump_unless_settings_created if issubclass(model, BaseSiteSetting) else bump
        post_save.connect(on_save, sender=model, dispatch_uid=f"content_fragments_save_{model._meta.label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"content_fragments_delete_{model._meta.label}")


def _bump_unless_settings_created(sender, created=False, **kwargs):
    """Wagtail creates a site's settings with their defaults the first time a page asks for them (``for_site``):
    nothing kept was built from them yet, so only a later save (an editor's) changes what pages show."""
    if not created:
        bump()


def _bump_for_page(sender, instance, **kwargs):
    """A page saved without publishing (created live by code, a title changed in a script) changes menus too."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump()


# What the pages read through this module.


def _site(request):
    from wagtail.models import Site

    return Site.find_for_request(request) if request is not None else None


def site_key(request):
    """The key the request's Wagtail site is kept under, or None for a host the site does not serve
    (``ALLOWED_HOSTS``): made-up hosts cannot fill the store."""
    from django.core.exceptions import DisallowedHost
    from django.http.request import split_domain_port

    try:
        request.get_host()
    except DisallowedHost:
        return None
    return ("site", split_domain_port(request._get_raw_host())[0], request.get_port())


def kept(request, key, default=None):
    """What is kept under key for the current version, without building it."""
    cached(request, "__version__", lambda: True)
    return _store.get(language_key(key), default)


def keep_unless_changed(request, key, value):
    """Keep a value this request built along the way (Wagtail's site, found by Wagtail), unless published content
    changed while the request ran (an editor's publish in this request or another): then it may be stale."""
    version = getattr(request, "_content_fragments_version", None)
    if version is None or version != _store_version:
        return
    try:
        if cache.get(VERSION_KEY) != version:
            return
    except Exception:  # the cache is away: keep nothing
        return
    _store[language_key(key)] = value


def routed_page(request, parent, path_components, find, routes_by_itself):
    """The page a path below ``parent`` leads to, as its specific type, kept until the next publish.

    Returns ``(page, remaining)``: ``remaining`` is the part of the path a routable page on the way (the route
    finder's ``resultaat/``, an event's ``kalender/``) routes by itself. ``find()`` looks the path up in the database
    (raising Http404 when nothing is there), and ``routes_by_itself(model)`` says whether a page type routes the
    rest of a path itself; only pages that exist are kept, under the path that leads to them, so
    a path nobody serves costs the same as before and never fills the store. A kept routable page also answers
    longer paths below it.
    """
    components = tuple(path_components)
    store = _current_store(request)
    for end in range(len(components), 0, -1):
        kept = store.get(language_key(("route", parent.path, components[:end])))
        if kept is not None and (end == len(components) or kept[1]):
            return kept[0], list(components[end:])
    page, remaining = find()
    consumed = components[: len(components) - len(remaining)]
    store[language_key(("route", parent.path, consumed))] = (page, routes_by_itself(type(page)))
    return page, remaining


def specific_pages(request, pages):
    """These pages as their specific types, in their order: fetched once per publish, in one query for those not
    kept yet (a search's results)."""
    store = _current_store(request)
    missing = [page.pk for page in pages if ("specific", page.pk) not in store]
    if missing:
        from wagtail.models import Page

        for page in Page.objects.filter(pk__in=missing).specific():
            store["specific", page.pk] = page
    return [store["specific", page.pk] for page in pages if ("specific", page.pk) in store]


def _current_store(request):
    """The kept values of the current version (an empty store after a publish)."""
    cached(request, "__version__", lambda: True)
    return _store


def restricted_paths(request=None):
    """The tree paths of the pages with a view restriction (private sections), usually none."""

    def build():
        from wagtail.models import PageViewRestriction

        return sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))

    return cached(request, "restricted_paths", build)


def public(queryset, request=None):
    """``queryset.public()`` without its query for the view restrictions on every call."""
    paths = restricted_paths(request)
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def site_root(request):
    """The site's home page in the request's language: the site's root page (Dutch), or its translation (the English
    home page under /en/), kept per language."""
    site = _site(request)
    if site is None:
        return None
    return cached(request, ("root", site.pk), lambda: _localized_root(site))


def site_root_url(request):
    """The URL of the site's home page in the request's language (relative, as a page link), or None."""
    site = _site(request)
    if site is None:
        return None
    return cached(request, ("root_url", site.pk), lambda: site_root(request).get_url(request))


def _localized_root(site):
    if in_site_language():
        return site.root_page
    return site.root_page.localized.specific


def menu_items(request):
    """The live pages under the site's root marked "show in menus": their title, URL and tree position."""
    site = _site(request)
    if site is None:
        return []

    def build():
        pages = public(_localized_root(site).get_children().live().in_menu(), request)
        return [
            {"pk": page.pk, "title": page.title, "url": page.get_url(request), "url_path": page.url_path}
            for page in pages
        ]

    return cached(request, ("menu", site.pk), build)


def page_of_type(request, model):
    """The first live, public page of this type on the request's site, or None (the route finder, the toolkit)."""
    site = _site(request)
    if site is None:
        return None

    def build():
        return public(model.objects.live(), request).descendant_of(_localized_root(site), inclusive=True).first()

    return cached(request, ("page_of_type", site.pk, model._meta.label), build)


def ancestors(request, page):
    """The live ancestors of a page below the tree's root, for the breadcrumbs: their title, depth and URL."""
    if page.depth <= 2 or not page.pk:
        return []
    site = _site(request)
    return cached(
        request,
        ("ancestors", site.pk if site else None, page.path),
        lambda: [
            {"title": ancestor.title, "depth": ancestor.depth, "url": ancestor.get_url(request)}
            for ancestor in page.get_ancestors().filter(depth__gt=1).live()
        ],
    )


def site_settings(request, model):
    """The site's settings object (a copy per request: Wagtail remembers the request on it)."""
    site = _site(request)
    if site is None:
        raise model.DoesNotExist(f"{model} does not exist for site None.")
    return cached(request, ("settings", site.pk, model._meta.label), lambda: model.for_site(site))
