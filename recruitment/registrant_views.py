"""The registrant's own page, reached through the signed link in their e-mails: where they are and what comes next,
their regional desk, and changing, downloading or withdrawing what they gave. Also the form that sends a new link.

Every page behind a link is private: never cached, never indexed, and no Referer takes the link (the key) to
another site."""

import functools
import json
import logging

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from content.htmx import HtmxHttpRequest
from content.models import SiteSettings

from .addresses import email_key
from .models import Phase
from .ratelimit import rate_limit_key
from .registrant import (
    LinkExpired,
    can_change,
    change_details,
    desk_for,
    details_data,
    details_items,
    interaction_rows,
    message_rows,
    next_step_text,
    personal_data,
    personal_page_path,
    phase_rows,
    phase_text,
    proposed_details,
    registration_for_token,
    request_personal_page_link,
)
from .registrant_forms import DetailsForm, LinkRequestForm
from .registration import render_field
from .services import registration_data

logger = logging.getLogger(__name__)

TEMPLATES = "recruitment/registrant/"
DOWNLOAD_NAME = "mijn-gegevens-word-techniekdocent.json"


def private(response):
    """A page behind a personal link: not indexed, and the link never leaves the site as a Referer. (Not
    "no-referrer": browsers then send ``Origin: null`` with the page's forms, which Django's CSRF check refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def link_not_usable(request, *, expired=False):
    """A link that is too old (410), or that does not (or no longer) name a registration (404), with the form for a
    new one. Both say the same, so the page tells nobody whether a registration was withdrawn."""
    context = {"expired": expired, "form": LinkRequestForm()}
    return TemplateResponse(request, TEMPLATES + "link_not_usable.html", context, status=410 if expired else 404)


def with_registration(view):
    """The view's registration from the link's signed value, or the page that says the link does not work."""

    @functools.wraps(view)
    def wrapped(request, token, *args, **kwargs):
        try:
            registration = registration_for_token(token)
        except LinkExpired:
            return private(link_not_usable(request, expired=True))
        if registration is None:
            return private(link_not_usable(request))
        return private(view(request, registration, token, *args, **kwargs))

    return never_cache(require_http_methods(["GET", "HEAD", "POST"])(wrapped))


def page_urls(token, registration):
    return {
        "page_url": reverse("recruitment:personal_page", args=[token]),
        "change_url": reverse("recruitment:personal_change", args=[token]),
        "data_url": reverse("recruitment:personal_data", args=[token]),
        "download_url": reverse("recruitment:personal_data_download", args=[token]),
        "withdraw_url": reverse("recruitment:withdraw", args=[registration.withdrawal_token]),
    }


def desk_of(request, region):
    return desk_for(region, SiteSettings.for_request(request).contact_email)


@with_registration
def personal_page(request, registration, token):
    """Where the registrant is, what happens next and by when, who helps them, and what they can do."""
    context = {
        "registration": registration,
        "phase_text": phase_text(registration),
        "next_step": next_step_text(registration),
        "awaiting_contact": registration.phase == Phase.NEW and registration.is_awaiting_contact,
        "overdue": registration.is_overdue(),
        "can_change": can_change(registration),
        "has_newer": registration.later_registrations.open().exists(),
        "updated": request.GET.get("bijgewerkt") == "1",
        "desk": desk_of(request, registration.region),
        **page_urls(token, registration),
    }
    return TemplateResponse(request, TEMPLATES + "page.html", context)


def changed_fields(registration, cleaned_data):
    before, after = registration_data(registration), details_data(registration, cleaned_data)
    return {name for name, value in after.items() if before.get(name) != value}


@with_registration
def change(request: HtmxHttpRequest, registration, token):
    """Change one's details in two steps: the form, then "Klopt dit?" with what will be sent. Only the confirmed
    second step changes the registration (and tells the region)."""
    urls = page_urls(token, registration)
    if not can_change(registration):
        return redirect(urls["page_url"])

    def edit(form):
        context = {"registration": registration, "form": form, "form_action": request.path, **urls}
        return TemplateResponse(request, TEMPLATES + "change.html", context)

    if request.method != "POST":
        return edit(DetailsForm.for_registration(registration))
    form = DetailsForm.for_registration(registration, request.POST)
    field_name = request.POST.get("_validate")
    if field_name and request.htmx:
        return render_field(request, form, field_name)
    step = request.POST.get("stap")
    if step == "aanpassen" or not form.is_valid():
        return edit(form)
    if step == "bevestigen":
        result = change_details(registration, form.cleaned_data)
        if result is None or not result.withdrawal_token:
            return redirect(urls["page_url"])
        response = redirect(personal_page_path(result) + "?bijgewerkt=1")
        response.status_code = 303
        return response
    proposed = proposed_details(registration, form.cleaned_data)
    context = {
        "registration": registration,
        "form": form,
        "proposed": proposed,
        "routes": proposed.proposed_route_titles,
        "roles": proposed.role_labels,
        "changed": changed_fields(registration, form.cleaned_data),
        "form_action": request.path,
        **urls,
    }
    return TemplateResponse(request, TEMPLATES + "review.html", context)


@with_registration
def my_data(request, registration, token):
    """Everything stored about the registrant, to read."""
    context = {
        "registration": registration,
        "items": details_items(registration),
        "interactions": interaction_rows(registration),
        "phases": phase_rows(registration),
        "messages_sent": message_rows(registration),
        "now": timezone.now(),
        **page_urls(token, registration),
    }
    return TemplateResponse(request, TEMPLATES + "data.html", context)


def as_json(data):
    """JSON that stays inert wherever it is opened: <, > and & escaped as in Django's json_script."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@with_registration
def my_data_download(request, registration, token):
    """The same, as a JSON file to keep or take elsewhere."""
    response = HttpResponse(as_json(personal_data(registration)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{DOWNLOAD_NAME}"'
    return response


# -- A new link ------------------------------------------------------------------------------------------------------


def link_rate_limited(request, which, key):
    """Too many requests for a link from this IP address, or for this address? When the cache is down, the
    request goes through: a working form matters more than the limit."""
    try:
        return is_ratelimited(
            request,
            group=f"recruitment:personal-link-{which}",
            key=key,
            rate=settings.RECRUITMENT_PERSONAL_LINK_RATE_LIMITS[which],
            method="POST",
            increment=True,
        )
    except Exception:  # the cache (Redis) is unreachable
        logger.warning("Rate limit check failed; letting the link request through", exc_info=True)
        return False


def render_request_form(request, form, *, status=200, rate_limit_hit=False):
    context = {"form": form, "rate_limit_hit": rate_limit_hit}
    return TemplateResponse(request, TEMPLATES + "request_link.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_link(request):
    """Ask for a new link by address. Known or not, the answer is the same redirect to the same page; the e-mail,
    if any, goes out through the outbox. Too many requests for one address are dropped without a word."""
    if request.method != "POST":
        return render_request_form(request, LinkRequestForm())
    if link_rate_limited(request, "ip", rate_limit_key):
        return render_request_form(request, LinkRequestForm(request.POST), status=429, rate_limit_hit=True)
    form = LinkRequestForm(request.POST)
    if form.is_spam:
        logger.info("Honeypot filled in; link request ignored")
    elif not form.is_valid():
        return render_request_form(request, form)
    else:
        address = email_key(form.cleaned_data["email"])
        if not link_rate_limited(request, "address", lambda group, request: address):
            request_personal_page_link(form.cleaned_data["email"])
    response = redirect("recruitment:personal_link_sent")
    response.status_code = 303
    return response


@never_cache
def link_sent(request):
    return TemplateResponse(request, TEMPLATES + "link_sent.html", {})
