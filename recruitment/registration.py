"""The registration form's handling, shared by ``recruitment:register`` (recruitment/views.py) and the editors'
RegistrationPage. The page does not import this module (it needs the models: that would be a circle); the app plugs
``handle_registration_form`` into the page at startup (recruitment/apps.py)."""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.html import escape
from django.views.decorators.http import require_http_methods

from content import fragments
from content.htmx import HtmxHttpRequest
from content.models import SiteSettings

from . import attribution
from .forms import RegistrationForm, finder_answers_in, initial_from_finder
from .ratelimit import over_limit
from .schedule import contact_due_at
from .services import submit_registration

logger = logging.getLogger(__name__)

SESSION_KEY = "recruitment_posted"
# The query parameter that ticks a route on the form (``?route=12&route=15``), offered to the pages that link here
# through content/registration_link.py (recruitment/apps.py).
ROUTE_PARAMETER = "route"
MAX_PRESELECTED_ROUTES = 20
FIELDS_TEMPLATE = "recruitment/_registration_fields.html"
# Placeholders in the kept blank form page (letters and digits only, so escaping leaves them as they are).
TOKEN_PLACEHOLDER = "csrftokenplaceholder0c2f6b1e9d"
ORIGIN_PLACEHOLDER = "originplaceholder7a4d90e35b"


def preselected_routes(request):
    """Route page ids from ``?route=12&route=15`` (the route finder and route pages link here with them)."""
    ids = []
    for value in request.GET.getlist(ROUTE_PARAMETER)[:MAX_PRESELECTED_ROUTES]:
        value = value.strip()
        if value.isascii() and value.isdigit() and len(value) < 10:
            ids.append(int(value))
    return ids


def posted_language():
    """The language the form is answered in: English under /en/ (LocaleMiddleware), else Dutch."""
    language = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def rate_limited(request):
    """Too many submissions from this IP address? When the shared cache is down, let the visitor through."""
    try:
        return over_limit(request, "recruitment:register", settings.RECRUITMENT_RATE_LIMIT)
    except Exception:  # the cache (Redis) is unreachable: a working form matters more than the limit
        logger.warning("Rate limit check failed; letting the registration through", exc_info=True)
        return False


def render_form(request, form, page=None, status=200, rate_limit_hit=False, blank=False, csrf_token=None):
    """``blank``: the form as every visitor first sees it (nothing ticked or filled in, no finder answers): its fields
    are the same for all, so they are rendered once per publish (the routes to tick are published pages); the
    per-visitor parts (the CSRF token, where the visitor came from) are outside them."""
    context = {
        "page": page,
        "self": page,
        "form": form,
        "form_action": request.path,
        "rate_limit_hit": rate_limit_hit,
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    if csrf_token is not None:  # a placeholder for blank_form_page, filled in per request
        context["csrf_token"] = csrf_token
    if blank:
        context["blank_fields"] = fragments.cached(
            request,
            ("registration_fields", request.path),
            lambda: render_to_string(FIELDS_TEMPLATE, context, request=request),
        )
    return TemplateResponse(request, "recruitment/register.html", context, status=status)


def can_share_page(request):
    """Whether this visitor sees the form page exactly as every anonymous visitor does, apart from their CSRF token
    and origin: not an editor (Wagtail's user bar), not an htmx request, not a preview."""
    return not (
        getattr(request, "is_preview", False) or getattr(request, "htmx", False) or request.user.is_authenticated
    )


def blank_form_page(request, page, *, origin):
    """The blank form page, rendered once per publish with two placeholders that each request fills in: the CSRF
    token (``get_token`` also sets this visitor's CSRF cookie) and the signed origin. Everything else on the page is
    the same for every anonymous visitor; without this, rendering the page was most of the form's cost."""

    def render_shell():
        form = RegistrationForm(initial={"herkomst": ORIGIN_PLACEHOLDER})
        response = render_form(request, form, page, blank=True, csrf_token=TOKEN_PLACEHOLDER)
        return response.render().content.decode()

    shell = fragments.cached(request, ("registration_page", request.path, getattr(page, "pk", None)), render_shell)
    html = shell.replace(TOKEN_PLACEHOLDER, escape(get_token(request))).replace(ORIGIN_PLACEHOLDER, escape(origin))
    return HttpResponse(html)


def render_field(request: HtmxHttpRequest, form, name):
    """One field with its message, for htmx inline validation (``hx-post`` with ``_validate=<field name>``)."""
    if name not in form.fields or name == form.honeypot_field:
        return HttpResponseBadRequest("Onbekend veld")
    form.is_valid()
    context = {
        "field": form[name],
        "inline": True,
        "form_action": request.path,
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    return TemplateResponse(request, "recruitment/_field.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def handle_registration_form(request: HtmxHttpRequest, page=None):
    """The form, served both at ``recruitment:register`` and by a RegistrationPage. GET shows it (with routes from
    the URL ticked, and the route finder's answers when it links here with them); POST validates one field for htmx,
    or takes the whole registration."""
    if request.method != "POST":
        # The route finder's result links here with its answers (never trusted: the finder reads them again).
        answers = finder_answers_in(request.GET)
        preselected = preselected_routes(request)
        from_finder = initial_from_finder(answers)
        initial = {
            "routes": preselected,
            "herkomst": attribution.sign(attribution.from_request(request)),
            **from_finder,
        }
        blank = not preselected and not from_finder and not answers.has_any
        if blank and can_share_page(request):
            return blank_form_page(request, page, origin=initial["herkomst"])
        form = RegistrationForm(initial=initial, finder_answers=answers)
        return render_form(request, form, page, blank=blank)

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
    submit_registration(
        {**form.cleaned_data, "language": posted_language()},
        consent_version=SiteSettings.for_request(request).privacy_version,
        origin=attribution.unsign(form.cleaned_data.get("herkomst")),
    )
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
