"""The registration form as a page, so editors can place it in the tree and write its introduction."""

from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from content.models.base import BasePage


class RegistrationPage(BasePage):
    """Serves the interest registration form (the same form as at ``recruitment:register``)."""

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    max_count = 1

    # The form's handling (recruitment/registration.py), plugged in by RecruitmentConfig.ready(). It needs these
    # models, so the models cannot import it without an import circle (docs/architecture.md).
    form_handler = None

    class Meta:
        verbose_name = _("aanmeldpagina")

    def serve(self, request, *args, **kwargs):
        response = type(self).form_handler(request, page=self)
        add_never_cache_headers(response)  # the form holds a CSRF token: never from the page cache
        return response
