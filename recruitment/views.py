"""The public side: the registration form (full page, or one field for htmx), the thank-you page, withdrawal."""

import re
from datetime import datetime

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from content import fragments
from routes.models import Region

from .models import Registration, RegistrationPage, Resubmission
from .registration import SESSION_KEY, handle_registration_form
from .services import confirm_resubmission, withdraw

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")  # what secrets.token_urlsafe makes


def registration_page():
    """The editors' registration page in the active language, if it is live."""
    locale_id = fragments.locale_id(translation.get_language())
    return RegistrationPage.objects.live().public().filter(locale_id=locale_id).first() if locale_id else None


@never_cache
def register(request):
    """``recruitment:register``: the editors' registration page in the active language when there is one (keeping
    ``?route=``), else the form itself (in English under /en/ when there is no English page). When the page's own
    URL is this one (the English page's slug "register" is the English path of this view, which comes first), the
    page is served here, its posts too. A Dutch post is never looked up: the Dutch page lives elsewhere."""
    if request.method == "GET" or not fragments.in_site_language():
        page = registration_page()
        url = page.get_url(request) if page is not None else None
        if url == request.path:
            return page.serve(request)
        if url is not None and request.method == "GET":
            query = request.GET.urlencode()
            return redirect(f"{url}?{query}" if query else url)
    return handle_registration_form(request)


@never_cache
def thanks(request):
    posted = request.session.get(SESSION_KEY)
    context = {"register_url": reverse("recruitment:register")}
    if isinstance(posted, dict):
        try:
            due = datetime.fromisoformat(posted["due"])
        except (KeyError, TypeError, ValueError):
            due = None
        context.update(posted=posted, due=due, region=Region.for_postcode(posted.get("postcode") or ""))
    return TemplateResponse(request, "recruitment/thanks.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_resubmission_view(request, token):
    """The link sent to a known address when the form was posted again with it. GET shows what was posted and asks
    to confirm (mail scanners open links); POST makes it the registration's details."""
    resubmission = (
        Resubmission.objects.select_related("registration").filter(token=token).first()
        if TOKEN_RE.match(token)
        else None
    )
    if resubmission is None or not resubmission.is_usable():
        return TemplateResponse(request, "recruitment/confirm.html", {"not_found": True}, status=404)
    if request.method == "POST":
        registration = confirm_resubmission(resubmission)
        if registration is None:
            return TemplateResponse(request, "recruitment/confirm.html", {"not_found": True}, status=404)
        return TemplateResponse(request, "recruitment/confirm.html", {"done": True, "registration": registration})
    proposed = resubmission.as_registration()
    return TemplateResponse(
        request,
        "recruitment/confirm.html",
        {
            "proposed": proposed,
            "routes": proposed.proposed_route_titles,
            "roles": proposed.role_labels,
            "expires_at": resubmission.expires_at(),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw_registration(request, token):
    """The link in the confirmation. GET asks to confirm (mail scanners open links); POST erases and stops."""
    registration = Registration.objects.filter(withdrawal_token=token).first() if TOKEN_RE.match(token) else None
    if registration is None:
        return TemplateResponse(request, "recruitment/withdraw.html", {"not_found": True}, status=404)
    if request.method == "POST":
        withdraw(registration)
        request.session.pop(SESSION_KEY, None)
        return TemplateResponse(request, "recruitment/withdraw.html", {"done": True})
    return TemplateResponse(request, "recruitment/withdraw.html", {"registration": registration})
