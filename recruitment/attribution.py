"""Where a registrant came from, in first-party data only: the campaign parameters (``utm_*``) of the link they
followed, the page of this site they came from, and the event they came from. It travels from the form's GET to its
post as one signed hidden value (``herkomst``), is stored with the registration under its retention, and is shown to
staff. No third-party tracking: nothing leaves the site, no cookie is set for it."""

from urllib.parse import urlsplit

from django.core import signing
from django.db.models import Q
from django.utils.http import url_has_allowed_host_and_scheme

from content.models import EventPage
from routes.models import RouteFinderPage

from .models import Channel

CAMPAIGN_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
EVENT_PARAMETER = "evenement"  # an event page links to the form with ?evenement=<its id>
FIELD = "herkomst"
SALT = "recruitment.attribution"
MAX_VALUE = 100
MAX_PATH = 300


def clean_value(value):
    """A campaign value as stored: printable, trimmed, at most 100 characters; "" for anything else."""
    value = (value or "").strip()[:MAX_VALUE]
    return value if value.isprintable() else ""


def from_request(request):
    """What the form's GET can tell: campaign parameters, the referring page on this site (its path only; another
    site only as "elders"), the event. A dict with short, checked values."""
    origin = {}
    campaign = {key: clean_value(request.GET.get(key)) for key in CAMPAIGN_PARAMETERS}
    campaign = {key: value for key, value in campaign.items() if value}
    if campaign:
        origin["campaign"] = campaign
    referrer = request.headers.get("Referer", "")[:2000]
    if referrer:
        if url_has_allowed_host_and_scheme(referrer, allowed_hosts={request.get_host()}, require_https=False):
            path = urlsplit(referrer).path[:MAX_PATH]
            if path.isprintable() and path != request.path:
                origin["referrer_path"] = path
        else:
            origin["elsewhere"] = True
    event = request.GET.get(EVENT_PARAMETER, "").strip()
    if event.isascii() and event.isdigit() and len(event) < 10:
        origin["event"] = int(event)
    return origin


def sign(origin):
    return signing.dumps(origin, salt=SALT, compress=True) if origin else ""


def unsign(value):
    """The origin a post carried, or {} when it is missing or was tampered with."""
    if not value or len(value) > 2000:
        return {}
    try:
        origin = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return {}
    return origin if isinstance(origin, dict) else {}


def page_at(model, path):
    """The live page of this type at ``path`` or above it (a routable page's sub-path), or None. Its tree path
    ("/home/routewijzer/") ends with the public one ("/routewijzer/")."""
    segments = [segment for segment in path.split("/") if segment][:8]
    if not segments:
        return None
    query = Q()
    for length in range(1, len(segments) + 1):
        query |= Q(url_path__endswith="/" + "/".join(segments[:length]) + "/")
    return model.objects.live().filter(query).order_by("-depth").first()


def attribution_fields(origin, *, finder_answers=None):
    """The registration's fields for an origin: channel, campaign, referrer_path, event."""
    campaign = {
        key: clean_value(value)
        for key, value in (origin.get("campaign") or {}).items()
        if key in CAMPAIGN_PARAMETERS and isinstance(value, str) and clean_value(value)
    }
    referrer_path = origin.get("referrer_path") if isinstance(origin.get("referrer_path"), str) else ""
    referrer_path = referrer_path[:MAX_PATH] if referrer_path.isprintable() else ""
    event_id = origin.get("event")
    event = EventPage.objects.live().filter(pk=event_id).first() if isinstance(event_id, int) else None
    if event is None and referrer_path:
        event = page_at(EventPage, referrer_path)
    if campaign:
        channel = Channel.CAMPAIGN
    elif event is not None:
        channel = Channel.EVENT
    elif finder_answers or (referrer_path and page_at(RouteFinderPage, referrer_path)):
        channel = Channel.FINDER
    elif referrer_path:
        channel = Channel.SITE
    elif origin.get("elsewhere"):
        channel = Channel.ELSEWHERE
    else:
        channel = Channel.DIRECT
    return {"channel": channel, "campaign": campaign, "referrer_path": referrer_path, "event": event}
