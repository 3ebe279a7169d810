"""The public side: the registration form (full page, or one field for htmx), the thank-you page, withdrawal."""

import logging
import re
from datetime import datetime

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from content.models import SiteSettings
from routes.models import Region

from .forms import RegistrationForm, finder_answers_in, initial_from_finder
from .models import Registration, RegistrationPage, Resubmission
from .ratelimit import rate_limit_key
from .schedule import contact_due_at
from .services import confirm_resubmission, submit_registration, withdraw

logger = logging.getLogger(__name__)

SESSION_KEY = "recruitment_posted"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")  # what secrets.token_urlsafe makes
MAX_PRESELECTED_ROUTES = 20


def preselected_routes(request):
    """Route page ids from ``?route=12&route=15`` (the route finder and route pages link here with them)."""
    ids = []
    for value in request.GET.getlist("route")[:MAX_PRESELECTED_ROUTES]:
        value = value.strip()
        if value.isascii() and value.isdigit() and len(value) < 10:
            ids.append(int(value))
    return ids


def rate_limited(request):
    """Too many submissions from this IP address? When the shared cache is down, let the visitor through."""
    try:
        return is_ratelimited(request, group="recruitment:register", key=rate_limit_key,
                              rate=settings.RECRUITMENT_RATE_LIMIT, method="POST", increment=True)
    except Exception:  # the cache (Redis) is unreachable: a working form matters more than the limit
        logger.warning("Rate limit check failed; letting the registration through", exc_info=True)
        return False


def render_form(request, form, page=None, status=200, rate_limit_hit=False):
    context = {
        "page": page,
        "self": page,
        "form": form,
        "form_action": request.path,
        "rate_limit_hit": rate_limit_hit,
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    return TemplateResponse(request, "recruitment/register.html", context, status=status)


def render_field(request, form, name):
    """One field with its message, for htmx inline validation (``hx-post`` with ``_validate=<field name>``)."""
    if name not in form.fields or name == form.honeypot_field:
        return HttpResponseBadRequest("Onbekend veld")
    form.is_valid()
    context = {"field": form[name], "inline": True, "form_action": request.path,
               "privacy_page": SiteSettings.for_request(request).privacy_page}
    return TemplateResponse(request, "recruitment/_field.html", context)


def handle_registration_form(request, page=None):
    """The form, served both at ``recruitment:register`` and by a RegistrationPage. GET shows it (with routes from
    the URL ticked, and the route finder's answers when it links here with them); POST validates one field for htmx,
    or takes the whole registration."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method != "POST":
        # The route finder's result links here with its answers (never trusted: the finder reads them again).
        answers = finder_answers_in(request.GET)
        initial = {"routes": preselected_routes(request), **initial_from_finder(answers)}
        return render_form(request, RegistrationForm(initial=initial, finder_answers=answers), page)

    form = RegistrationForm(request.POST)
    field_name = request.POST.get("_validate")
    if field_name and request.htmx:
        return render_field(request, form, field_name)
    if rate_limited(request):
        return render_form(request, form, page, status=429, rate_limit_hit=True)
    if form.is_spam:
        logger.info("Honeypot filled in; registration ignored")
        return redirect("recruitment:thanks")
    if not form.is_valid():
        return render_form(request, form, page)
    submit_registration(form.cleaned_data, consent_version=SiteSettings.for_request(request).privacy_version)
    # The thank-you page shows only what this visitor typed, never what is stored: the answer to a post is the
    # same whether the address was known or not.
    data = form.cleaned_data
    request.session[SESSION_KEY] = {
        "name": data["name"],
        "email": data["email"],
        "postcode": data["postcode"],
        "contact_preference": data["contact_preference"],
        "due": contact_due_at(timezone.now()).isoformat(),
    }
    response = redirect("recruitment:thanks")
    response.status_code = 303
    return response


@never_cache
def register(request):
    """``recruitment:register``: the editors' registration page when there is one (keeping ``?route=``), else the
    form itself."""
    if request.method == "GET":
        page = RegistrationPage.objects.live().public().first()
        if page is not None and page.get_url(request) not in (None, request.path):
            url = page.get_url(request)
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
def confirm_resubmission_view(request, token):
    """The link sent to a known address when the form was posted again with it. GET shows what was posted and asks
    to confirm (mail scanners open links); POST makes it the registration's details."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    resubmission = (
        Resubmission.objects.select_related("registration").filter(token=token).first()
        if TOKEN_RE.match(token) else None
    )
    if resubmission is None or not resubmission.is_usable():
        return TemplateResponse(request, "recruitment/confirm.html", {"not_found": True}, status=404)
    if request.method == "POST":
        registration = confirm_resubmission(resubmission)
        if registration is None:
            return TemplateResponse(request, "recruitment/confirm.html", {"not_found": True}, status=404)
        return TemplateResponse(request, "recruitment/confirm.html", {"done": True, "registration": registration})
    proposed = resubmission.as_registration()
    return TemplateResponse(request, "recruitment/confirm.html", {
        "proposed": proposed, "routes": proposed.proposed_route_titles, "roles": proposed.role_labels,
        "expires_at": resubmission.expires_at(),
    })


@never_cache
def withdraw_registration(request, token):
    """The link in the confirmation. GET asks to confirm (mail scanners open links); POST erases and stops."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    registration = Registration.objects.filter(withdrawal_token=token).first() if TOKEN_RE.match(token) else None
    if registration is None:
        return TemplateResponse(request, "recruitment/withdraw.html", {"not_found": True}, status=404)
    if request.method == "POST":
        withdraw(registration)
        request.session.pop(SESSION_KEY, None)
        return TemplateResponse(request, "recruitment/withdraw.html", {"done": True})
    return TemplateResponse(request, "recruitment/withdraw.html", {"registration": registration})
