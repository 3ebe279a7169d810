"""The site's call to register, as a small interface: pages link to "the registration form" without knowing which app
takes registrations, its URL name or its query parameters.

The app that takes registrations (recruitment) offers its form at startup with ``offer_registration``; content and
routes templates ask for the link with ``{% registration_url %}`` (content/templatetags/registration_tags.py) and the
route finder with ``registration_url``. Until an app offers the form, the link is empty and the calls to register are
left out. Imports nothing of the apps above content (docs/architecture.md).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class RegistrationForm:
    url_name: str  # the form's URL name, e.g. "recruitment:register"
    preselect_parameter: str  # the query parameter that ticks a page (a route) on the form, by its primary key


_offered: RegistrationForm | None = None


def offer_registration(url_name, *, preselect_parameter):
    """Called once by the app that takes registrations (its AppConfig.ready)."""
    global _offered
    _offered = RegistrationForm(url_name=url_name, preselect_parameter=preselect_parameter)


def registration_url(preselected=(), extra_pairs=()):
    """The registration form's URL with the given pages (routes) ticked and any extra query pairs passed on, or ""
    when no app takes registrations (or its URLs are not installed)."""
    if _offered is None:
        return ""
    try:
        url = reverse(_offered.url_name)
    except NoReverseMatch:
        return ""
    pks = [getattr(page, "pk", None) for page in preselected]  # a missing template variable is no page
    pairs = [(_offered.preselect_parameter, pk) for pk in pks if pk is not None]
    pairs += list(extra_pairs)
    return f"{url}?{urlencode(pairs)}" if pairs else url
