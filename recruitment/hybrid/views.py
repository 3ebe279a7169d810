"""The public side of the hybride match: the two forms (a company offers hours, a school asks for them), the "check
your e-mail" page, the confirmation link, and the overview of approved offers and needs.

With htmx a form is swapped in place (for its messages, or for the "check your e-mail" text); without JavaScript a
post is answered with a redirect to that page (POST-redirect-GET)."""

import logging
import re

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from content.htmx import HtmxHttpRequest
from content.models import SiteSettings

from ..forms import offered_routes
from ..models import HybridNeed, HybridOffer, HybridStatus
from ..ratelimit import over_limit
from ..registration import render_field
from . import services
from .forms import HybridNeedForm, HybridOfferForm
from .overview import OverviewFilter, public_posts

logger = logging.getLogger(__name__)

SESSION_KEY = "recruitment_hybrid_posted"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")  # what secrets.token_urlsafe makes
PER_PAGE = 20
# The route pages a professional offered by their employer is pointed to (routes/data/routes/<slug>.yaml).
EMPLOYER_ROUTE_SLUGS = ("gastdocent", "hybride-techniekopleider", "instructeur")


class PostKind:
    """An offer or a need: its form, model, texts and the URL of its form."""

    def __init__(self, slug, model, form_class, url_name, title, lead):
        self.slug, self.model, self.form_class, self.url_name = slug, model, form_class, url_name
        self.title, self.lead = title, lead


OFFER = PostKind(
    "aanbod",
    HybridOffer,
    HybridOfferForm,
    "recruitment:hybrid_offer",
    "Uren aanbieden",
    "Heeft je bedrijf een vakmens die een paar uur per week les wil geven in het vmbo of mbo? Vul in wat je "
    "aanbiedt. Het regioloket zoekt er een school bij.",
)
NEED = PostKind(
    "vraag",
    HybridNeed,
    HybridNeedForm,
    "recruitment:hybrid_need",
    "Uren vragen",
    "Zoekt je school een vakmens uit het bedrijfsleven die een paar uur per week lesgeeft? Vul in wat je zoekt. Het "
    "regioloket zoekt er een bedrijf bij.",
)
KINDS = {kind.slug: kind for kind in (OFFER, NEED)}


def rate_limited(request):
    """Too many posts from this IP address? When the shared cache is down, let the visitor through."""
    try:
        return over_limit(request, "recruitment:hybrid_match", settings.HYBRID_MATCH_RATE_LIMIT)
    except Exception:  # the cache (Redis) is unreachable: a working form matters more than the limit
        logger.warning("Rate limit check failed; letting the hybrid post through", exc_info=True)
        return False


def render_form(request, kind, form, *, status=200, rate_limit_hit=False):
    context = {
        "kind": kind,
        "form": form,
        "form_action": reverse(kind.url_name),
        "rate_limit_hit": rate_limit_hit,
        "privacy_page": SiteSettings.for_request(request).privacy_page,
    }
    template = "recruitment/hybrid/_form.html" if request.htmx else "recruitment/hybrid/form.html"
    return TemplateResponse(request, template, context, status=status)


def handle_form(request: HtmxHttpRequest, kind):
    """GET shows the form; POST validates one field for htmx, or stores the post and asks to confirm it by e-mail."""
    if request.method != "POST":
        return render_form(request, kind, kind.form_class())
    form = kind.form_class(request.POST)
    field_name = request.POST.get("_validate")
    if field_name and request.htmx:
        return render_field(request, form, field_name)
    if rate_limited(request):
        # htmx swaps no 4xx answer: it gets the message with a 200, so the visitor sees it in place.
        return render_form(request, kind, form, status=200 if request.htmx else 429, rate_limit_hit=True)
    if form.is_spam:
        logger.info("Honeypot filled in; hybrid %s ignored", kind.slug)
        return redirect("recruitment:hybrid_posted")
    if not form.is_valid():
        return render_form(request, kind, form)
    services.submit(
        kind.model, form.cleaned_data, consent_version=SiteSettings.for_request(request).privacy_version or ""
    )
    posted = {"kind": kind.slug, "email": form.cleaned_data["contact_email"]}
    request.session[SESSION_KEY] = posted
    if request.htmx:
        return TemplateResponse(request, "recruitment/hybrid/_posted.html", {"posted": posted, "kind": kind})
    response = redirect("recruitment:hybrid_posted")
    response.status_code = 303
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def offer(request):
    """``/hybride-match/aanbieden/``: a company offers a professional's hours."""
    return handle_form(request, OFFER)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def need(request):
    """``/hybride-match/vragen/``: a school asks for hours."""
    return handle_form(request, NEED)


@never_cache
def posted(request):
    """ "Check je e-mail": only what this visitor typed, never what is stored."""
    posted = request.session.get(SESSION_KEY)
    posted = posted if isinstance(posted, dict) else None
    kind = KINDS.get(posted.get("kind")) if posted else None
    return TemplateResponse(request, "recruitment/hybrid/posted.html", {"posted": posted, "kind": kind})


def find_post(what, token, token_field):
    """``(kind, post)`` for a link in an e-mail (``post`` None when no post has this token); 404 for a link that
    cannot be one."""
    kind = KINDS.get(what)
    if kind is None or not TOKEN_RE.match(token):
        raise Http404("Onbekende link")
    return kind, kind.model.objects.select_related("region").filter(**{token_field: token}).first()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, what, token):
    """The link in the e-mail to the contact person. GET shows a button (mail scanners open links and must not
    confirm); POST confirms, and the region's staff are told."""
    kind, post = find_post(what, token, "confirm_token")
    if post is None:
        return TemplateResponse(request, "recruitment/hybrid/confirm.html", {"not_found": True}, status=404)
    done = False
    if request.method == "POST" and post.status == HybridStatus.UNCONFIRMED:
        done = services.confirm(post)
    context = {"kind": kind, "post": post, "done": done, "confirmed": post.status != HybridStatus.UNCONFIRMED}
    return TemplateResponse(request, "recruitment/hybrid/confirm.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def renew(request, what, token):
    """The link in the request to renew. GET shows a button (mail scanners open links); POST keeps an approved post
    public for another period."""
    kind, post = find_post(what, token, "renew_token")
    if post is None or post.status != HybridStatus.APPROVED:
        return TemplateResponse(request, "recruitment/hybrid/renew.html", {"not_found": True}, status=404)
    done = request.method == "POST" and services.renew(post)
    return TemplateResponse(request, "recruitment/hybrid/renew.html", {"kind": kind, "post": post, "done": done})


def page_of(request, queryset, parameter):
    """One page of a list; a page number that is not one gives the nearest page."""
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get(parameter))


def overview(request):
    """``/hybride-match/``: the approved offers and needs that have not expired, without anyone's personal data,
    filtered by region and field (a GET form that works without JavaScript), a page of each at a time."""
    filters = OverviewFilter(request.GET)
    offers, needs = public_posts(filters.chosen)
    routes = {route.slug: route for route in offered_routes().filter(slug__in=EMPLOYER_ROUTE_SLUGS)}
    context = {
        "filters": filters,
        "offers": page_of(request, offers, "aanbod"),
        "needs": page_of(request, needs, "vraag"),
        "query": filters.query_without_pages,
        "employer_routes": [routes[slug] for slug in EMPLOYER_ROUTE_SLUGS if slug in routes],
        "offer_url": reverse(OFFER.url_name),
        "need_url": reverse(NEED.url_name),
    }
    return TemplateResponse(request, "recruitment/hybrid/overview.html", context)
