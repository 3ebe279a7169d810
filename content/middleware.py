from django.http import Http404
from django.shortcuts import render
from django.utils import translation

from wagtail.models import Page
from wagtail.views import serve as wagtail_serve

from . import fragments
from .translations import with_translations


class KnownSiteMiddleware:
    """Reads the published content's version once for the request, and gives Wagtail the request's site (with its
    root page as its specific type) from the per-publish store instead of a query.

    Wagtail looks for ``request._wagtail_site`` before it asks the database (``Site.find_for_request``), and
    ``Page.route_for_request`` asks the site's root page for its specific type (kept on that page object). A request
    that finds nothing kept leaves the lookup to Wagtail, when and if it needs a site (the health checks never do), and
    the site it found is kept for the next requests, root page included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = fragments.request_version.set(fragments.current_version(request))
        try:
            key = fragments.site_key(request)
            site = fragments.kept(request, key) if key else None
            if site is not None:
                request._wagtail_site = site
            response = self.get_response(request)
            if key and site is None and getattr(request, "_wagtail_site", None) is not None:
                if request.method in ("GET", "HEAD") and not getattr(request, "is_preview", False):
                    fragments.keep_unless_changed(request, key, request._wagtail_site)
            return response
        finally:
            fragments.request_version.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """For a page (Wagtail's serve view), the site's root page as its specific type: Wagtail routes from it
        (``site.root_page.localized.specific``), and so it answers ``localized`` without a query (BasePage). Costs
        the queries Wagtail would make for it anyway, and only when the site is not kept yet."""
        if view_func is not wagtail_serve:
            return None
        from wagtail.models import Site

        site = getattr(request, "_wagtail_site", None) or Site.find_for_request(request)
        if site is None:
            return None
        root = site.root_page
        if type(root) is Page:
            # Its specific type with its translations (content/translations.py), in the one query Wagtail's
            # routing would make for the specific type.
            model = root.specific_class or Page
            site.root_page = with_translations(model.objects.filter(pk=root.pk)).first() or root.specific
        if not fragments.in_site_language():
            # A language the site's root page has no live translation in has no pages: Wagtail would serve the
            # Dutch ones under its prefix.
            language_code = translation.get_language()
            if site.root_page.localized.locale_id != fragments.locale_id(language_code):
                raise Http404
        return None

    def process_exception(self, request, exception):
        """A page not found under a language's prefix (/en/toolkit/) whose Dutch page exists (/toolkit/): a 404 page in
        that language that says the page is only in Dutch and links to it (templates/404.html)."""
        if not isinstance(exception, Http404) or fragments.in_site_language():
            return None
        dutch_page = dutch_page_for(request)
        if dutch_page is None:
            return None
        return render(request, "404.html", {"dutch_page": dutch_page}, status=404)


def dutch_page_for(request):
    """The live, public page of the site's language at the address of this request without its language prefix, or
    None. Only a page's own address counts (not a route of a routable page)."""
    from wagtail.models import Site

    prefix = f"/{translation.get_language()}/"
    if not request.path.startswith(prefix) or request.path == prefix:
        return None
    site = getattr(request, "_wagtail_site", None) or Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    url_path = root.url_path + request.path.removeprefix(prefix).lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    pages = Page.objects.live().filter(url_path=url_path, locale_id=root.locale_id)
    return fragments.public(pages, request).specific().first()
