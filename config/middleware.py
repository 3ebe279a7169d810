from django.conf import settings

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, relaxed for the Wagtail admin, whose editor needs inline scripts and styles."""

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/") or request.path_info.startswith("/cms-preview/"):
            response._csp_replace = settings.ADMIN_CONTENT_SECURITY_POLICY
        return super().process_response(request, response)
