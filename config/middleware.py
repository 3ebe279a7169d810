from csp.middleware import CSPMiddleware

from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, relaxed for the Wagtail admin, whose editor needs inline scripts and styles."""

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/") or request.path_info.startswith("/cms-preview/"):
            response._csp_replace = settings.ADMIN_CONTENT_SECURITY_POLICY
        return super().process_response(request, response)


class BrowserMaxAgeMiddleware:
    """Shortens the browser's max-age on responses from the page cache.

    wagtail-cache sends its own (long) server-side timeout as ``Cache-Control: max-age``; browsers should keep a page
    only briefly, so that a purge after publishing is seen at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("X-Wagtail-Cache") in ("hit", "miss"):
            from django.utils.cache import patch_cache_control

            patch_cache_control(response, max_age=settings.PAGE_CACHE_BROWSER_MAX_AGE, public=True)
        return response
