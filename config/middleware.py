import codecs

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
NOT_UTF8 = "Dit formulier kon niet worden gelezen: verstuur het als UTF-8.\n"
UNREADABLE = "Dit formulier kon niet worden gelezen.\n"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, relaxed for the Wagtail admin, whose editor needs inline scripts and styles.

    A preview is rendered by Wagtail through the whole middleware chain a second time, with a dummy request for the
    page's public URL (``Page.make_preview_request``), so its response would get the public ``frame-ancestors 'none'``
    and the editor's preview panel (an iframe in the admin) would be refused. A preview keeps the public policy, so
    editors see the page as visitors will, except that the admin itself may frame it.
    """

    def process_response(self, request, response):
        if getattr(request, "is_preview", False):
            response._csp_replace = settings.PREVIEW_CONTENT_SECURITY_POLICY
        elif request.path_info.startswith("/admin/"):
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


class FormEncodingMiddleware:
    """Answers 400 to a form posted in another charset than UTF-8, before anything reads the body.

    Django refuses such a urlencoded body by raising ``BadRequest`` from ``request.POST`` but does not remember that
    the body was unreadable (as it does for a body that is too large): the 400 view's CSRF check
    (``requires_csrf_token``) reads ``request.POST`` again, the error repeats in every error view, and a visitor with
    a CSRF cookie (anyone who opened a form) gets a 500 from every form. Browsers send this site's forms in UTF-8,
    without a charset parameter; a declared ``utf8`` or ``UTF-8`` is read as UTF-8, anything else is refused here,
    for urlencoded and multipart bodies alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset") if request.content_type in FORM_CONTENT_TYPES else None
        if charset is not None and request.method == "POST":
            if not is_utf8(charset):
                return HttpResponseBadRequest(NOT_UTF8, content_type="text/plain; charset=utf-8")
            request.encoding = "utf-8"
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            try:
                request.POST  # noqa: B018 - parsed here, once: Django remembers a body it could not parse
            except MultiPartParserError:  # a malformed multipart body (no boundary, a broken part) is the client's
                return HttpResponseBadRequest(UNREADABLE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def is_utf8(charset):
    """``utf-8`` under any of the names Python knows it by (``utf8``, ``UTF-8``, ``u8``)."""
    try:
        return codecs.lookup(charset).name == "utf-8"
    except (LookupError, ValueError):  # an unknown name, or one Python cannot even look up (a NUL, a lone surrogate)
        return False
