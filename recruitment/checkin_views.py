"""The check-in page at the door, for a phone: ``inchecken/<event>/``. Staff scan the QR code from the confirmation
(static/js/checkin.js), type its code, or search a name, and add walk-ins.

Only the recruitment staff who may see registrations, and only for events of their regions (as the sign-ups in the
admin, recruitment/event_admin.py), and superusers. Without JavaScript every form posts and is answered with a redirect
back to the page and a message (POST-redirect-GET); with htmx the page's panel is swapped in place."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from content.htmx import HtmxHttpRequest
from content.models import EventPage, SiteSettings

from .admin_views import can_see_registrations
from .checkin import add_walk_in, check_in
from .checkin_forms import CodeForm, WalkInForm, unknown_code
from .event_report import events_for
from .events import find_by_token
from .models import EventSignUp, SignUpStatus

MAX_QUERY_LENGTH = 100


def door_staff_only(view):
    """Log in first (the admin's login page), then: staff who may see registrations, for an event of their regions.
    The view gets the event instead of its pk."""

    @wraps(view)
    def wrapper(request, event_pk, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not can_see_registrations(request.user):
            raise PermissionDenied
        event = EventPage.objects.filter(pk=event_pk).first()
        if event is None:
            raise Http404("Onbekend evenement")
        if not events_for(request.user).filter(pk=event.pk).exists():  # the sign-ups' region rule
            raise PermissionDenied
        return view(request, event, *args, **kwargs)

    return never_cache(wrapper)


def page_url(event, query=""):
    url = reverse("recruitment:check_in", args=[event.pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


def search_query(request):
    query = request.GET.get("q", request.POST.get("q", "")).replace("\x00", "")  # PostgreSQL refuses NUL in text
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def sign_ups_to_show(event, query):
    """The event's sign-ups by name: all who have a place or wait for one; searching also finds the cancelled ones."""
    sign_ups = EventSignUp.objects.filter(event_id=event.pk).only("pk", "name", "status", "attended_at", "walk_in")
    if query:
        sign_ups = sign_ups.filter(name__icontains=query)
    else:
        sign_ups = sign_ups.active()
    return sign_ups.order_by(Lower("name"), "pk")


def counts(event):
    return EventSignUp.objects.filter(event_id=event.pk).aggregate(
        confirmed=Count("pk", filter=Q(status=SignUpStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=SignUpStatus.WAITING)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)),
    )


def render_page(request, event, *, code_form=None, walk_in_form=None, outcome=None, error="", status=200):
    """The check-in page, or for htmx its panel only."""
    query = search_query(request)
    context = {
        "event": event,
        "counts": counts(event),
        "query": query,
        "sign_ups": sign_ups_to_show(event, query),
        "code_form": code_form or CodeForm(),
        "walk_in_form": walk_in_form or WalkInForm(),
        "outcome": outcome,
        "error": error,
        "statuses": SignUpStatus,
        "page_url": page_url(event),
    }
    template = "recruitment/checkin/_panel.html" if request.htmx else "recruitment/checkin/page.html"
    return TemplateResponse(request, template, context, status=status)


def checked_in(request, event, outcome):
    """Tell staff who was checked in: in place for htmx, else with a redirect back to the page (and the search)."""
    if request.htmx:
        return render_page(request, event, outcome=outcome)
    messages.success(request, outcome.message)
    response = redirect(page_url(event, search_query(request)))
    response.status_code = 303  # see the page again, with a GET
    return response


def render_field(request, form, name, action):
    """One field of the walk-in form with its message, for htmx inline validation (``_validate=<field name>``)."""
    if name not in form.fields:
        return HttpResponseBadRequest("Onbekend veld")
    form.is_valid()
    context = {
        "field": form[name],
        "inline": True,
        "form_action": action,
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    return TemplateResponse(request, "recruitment/_field.html", context)


@require_http_methods(["GET", "HEAD"])
@door_staff_only
def check_in_page(request: HtmxHttpRequest, event):
    return render_page(request, event)


@require_POST
@door_staff_only
def check_in_code(request: HtmxHttpRequest, event):
    """The code of a QR code (scanned or typed). An unknown code, or one of another event, gets the same message."""
    form = CodeForm(request.POST)
    sign_up = find_by_token(event, form.cleaned_data["code"]) if form.is_valid() else None
    if sign_up is None:
        if form.is_valid():
            form.add_error("code", unknown_code())
        return render_page(request, event, code_form=form)
    return checked_in(request, event, check_in(sign_up, user=request.user))


@require_POST
@door_staff_only
def check_in_sign_up(request: HtmxHttpRequest, event, sign_up_pk):
    """The "Inchecken" button next to a name."""
    sign_up = EventSignUp.objects.filter(event_id=event.pk, pk=sign_up_pk).first()
    if sign_up is None:
        return render_page(request, event, error=unknown_code(), status=200 if request.htmx else 404)
    return checked_in(request, event, check_in(sign_up, user=request.user))


@require_POST
@door_staff_only
def walk_in(request: HtmxHttpRequest, event):
    """Someone at the door who had not signed up."""
    form = WalkInForm(request.POST)
    field_name = request.POST.get("_validate")
    if field_name and request.htmx:
        return render_field(request, form, field_name, reverse("recruitment:check_in_walk_in", args=[event.pk]))
    if not form.is_valid():
        return render_page(request, event, walk_in_form=form)
    consent_version = SiteSettings.for_request(request).privacy_version or ""
    outcome = add_walk_in(event, form.cleaned_data, user=request.user, consent_version=consent_version)
    return checked_in(request, event, outcome)
