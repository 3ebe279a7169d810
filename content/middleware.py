from . import fragments


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
