"""The sign-up form on an event page and the cancel link, plugged into ``content.EventPage`` at startup
(recruitment/apps.py): content does not import recruitment.

With htmx the form is swapped for the outcome in place; without JavaScript a post is answered with a redirect to the
outcome page (POST-redirect-GET). The outcome shown depends only on the event's places, never on what is stored for
the address (recruitment/events.py)."""

import logging

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from content.htmx import HtmxHttpRequest
from content.models import SiteSettings

from .event_forms import EventSignUpForm
from .events import cancel, find_by_token, sign_up
from .models import SignUpStatus
from .ratelimit import over_limit

logger = logging.getLogger(__name__)

DEFAULT_RATE_LIMIT = "10/h"
SESSION_KEY = "recruitment_event_sign_up"


def rate_limited(request):
    """Too many sign-ups from this IP address? When the shared cache is down, let the visitor through."""
    try:
        return over_limit(
            request, "recruitment:event_sign_up", getattr(settings, "EVENT_SIGNUP_RATE_LIMIT", DEFAULT_RATE_LIMIT)
        )
    except Exception:  # the cache (Redis) is unreachable: a working form matters more than the limit
        logger.warning("Rate limit check failed; letting the sign-up through", exc_info=True)
        return False


def sign_up_url(page):
    return page.url + page.reverse_subpage("sign_up")


def sign_up_form_factory(request, page):
    """The empty form for the event page, or None when signing up is closed (then the page shows no form)."""
    if not page.signup_is_open():
        return None
    return EventSignUpForm(questions=page.questions.all())


def never_cached(response):
    add_never_cache_headers(response)  # a form with a CSRF token, or one visitor's outcome
    return response


def render_sign_up(request, page, form, *, status=200, rate_limit_hit=False):
    """The form (or that signing up is closed): a partial for htmx, else a page of its own."""
    context = {
        "page": page,
        "self": page,
        "sign_up_form": form,
        "rate_limit_hit": rate_limit_hit,
    }
    template = "recruitment/events/_sign_up.html" if request.htmx else "recruitment/events/sign_up.html"
    return never_cached(TemplateResponse(request, template, context, status=status))


def render_outcome(request, page, outcome):
    template = "recruitment/events/_outcome.html" if request.htmx else "recruitment/events/outcome.html"
    return never_cached(TemplateResponse(request, template, {"page": page, "self": page, "outcome": outcome}))


def render_field(request, page, form, name):
    """One field with its message, for htmx inline validation (``_validate=<field name>``)."""
    if name not in form.fields or name == form.honeypot_field:
        return HttpResponseBadRequest("Onbekend veld")
    form.is_valid()
    context = {
        "field": form[name],
        "inline": True,
        "form_action": sign_up_url(page),
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    return never_cached(TemplateResponse(request, "recruitment/_field.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def handle_sign_up(request: HtmxHttpRequest, page):
    """``<event>/aanmelden/``: GET shows the outcome of this visitor's last sign-up (after the redirect), else the
    form on a page of its own; POST validates one field for htmx, or signs up."""
    if not page.signup_enabled:
        raise Http404("Aanmelden via deze site staat uit")
    if request.method != "POST":
        outcome = request.session.get(SESSION_KEY)
        if outcome and outcome.get("event") == page.pk:
            return render_outcome(request, page, outcome)
        return render_sign_up(request, page, sign_up_form_factory(request, page))

    if not page.signup_is_open():
        return render_sign_up(request, page, None)
    form = EventSignUpForm(request.POST, questions=page.questions.all())
    field_name = request.POST.get("_validate")
    if field_name and request.htmx:
        return render_field(request, page, form, field_name)
    if rate_limited(request):
        # htmx swaps no 4xx answer: it gets the message with a 200, so the visitor sees it in place.
        return render_sign_up(request, page, form, status=200 if request.htmx else 429, rate_limit_hit=True)
    if form.is_spam:
        logger.info("Honeypot filled in; event sign-up ignored")
        return render_sign_up(request, page, sign_up_form_factory(request, page))
    if not form.is_valid():
        return render_sign_up(request, page, form)

    result = sign_up(page, form.cleaned_data, consent_version=SiteSettings.for_request(request).privacy_version or "")
    # Only what this visitor typed and the answer anyone would have had: never what is stored for the address.
    outcome = {
        "event": page.pk,
        "name": form.cleaned_data["name"],
        "email": form.cleaned_data["email"],
        "waiting": result.is_waiting,
        "waiting_place": result.waiting_place,
    }
    if request.htmx:
        return render_outcome(request, page, outcome)
    request.session[SESSION_KEY] = outcome
    response = redirect(sign_up_url(page))
    response.status_code = 303
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def handle_cancel(request: HtmxHttpRequest, page, token):
    """``<event>/afmelden/<token>/``, the link in every e-mail: GET asks to confirm (a link checker that opens the
    link cancels nothing), POST cancels."""
    found = find_by_token(page, token)
    if found is None:
        raise Http404("Onbekende afmeldlink")
    started = page.starts_at <= timezone.now()
    cancelled_now = False
    if request.method == "POST" and not found.is_cancelled and not started:
        cancel(found)
        cancelled_now = True
    context = {
        "page": page,
        "self": page,
        "sign_up": found,
        "started": started,
        "cancelled_now": cancelled_now,
        "statuses": SignUpStatus,
    }
    return never_cached(TemplateResponse(request, "recruitment/events/cancel.html", context))
