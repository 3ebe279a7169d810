"""What the conversation tool's models, forms and views share: the perspectives and themes, the limits, the steps,
the rate limit on starting a conversation, and the links to the hybrid routes and to the match.

The links name the other apps by string only (content imports neither routes nor recruitment): the match by its URL
name, the routes for hybrid roles by their page type and the fact that they combine with a job outside education.
"""

import re
from dataclasses import dataclass

from django_ratelimit.core import is_ratelimited

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from content import fragments
from content.visitors import client_ip

ANSWER_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 120
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
MATCH_URL_NAME = "recruitment:hybrid_match"
# Route pages (routes.RoutePage) whose route is done beside a job outside education: the hybrid teacher and the guest
# teacher (routes.choices.JobCombination.ALONGSIDE).
HYBRID_ROUTE_MODEL = "routes.RoutePage"
HYBRID_ROUTE_FILTER = {"combines_with_job": "naast-werk"}


class Perspective(models.TextChoices):
    """Who is at the table; the order is the order of the cards within a theme."""

    SCHOOL = "school", _("School")
    PROFESSIONAL = "professional", _("Professional")
    COMPANY = "bedrijf", _("Bedrijf")


class Theme(models.TextChoices):
    """The steps of a conversation, in this order."""

    VALUE = "meerwaarde", _("Meerwaarde")
    BARRIERS = "knelpunten", _("Knelpunten")
    SOLUTIONS = "oplossingen", _("Oplossingen")
    AGREEMENTS = "afspraken", _("Afspraken maken")


PERSPECTIVE_ORDER = {value: position for position, value in enumerate(Perspective.values)}
STEP_COUNT = len(Theme.values)


def in_order(cards):
    """Cards in the order of the conversation: by theme, then perspective, then the editor's sort order."""
    themes = {value: position for position, value in enumerate(Theme.values)}
    return sorted(
        cards, key=lambda card: (themes[card.theme], PERSPECTIVE_ORDER[card.perspective], card.sort_order, card.pk)
    )


@dataclass
class PerspectiveGroup:
    perspective: str
    label: str
    cards: list


def by_perspective(cards):
    """The cards (of one theme, in order) grouped under the perspective they are for."""
    labels = dict(Perspective.choices)
    groups = []
    for card in cards:
        if not groups or groups[-1].perspective != card.perspective:
            groups.append(PerspectiveGroup(card.perspective, labels[card.perspective], []))
        groups[-1].cards.append(card)
    return groups


def theme_of_step(number):
    """The theme of step ``number`` (1 to STEP_COUNT), or None."""
    return Theme.values[number - 1] if 1 <= number <= STEP_COUNT else None


def is_token(value):
    """Whether value could be a conversation's token: anything else is not looked up at all."""
    return bool(TOKEN_PATTERN.fullmatch(value))


def match_url():
    """The hybrid match's address, or "" while no app offers it."""
    try:
        return reverse(MATCH_URL_NAME)
    except NoReverseMatch:
        return ""


def hybrid_routes(request):
    """The live route pages for hybrid roles, in the order of the route index; read once per publish."""

    def build():
        try:
            model = apps.get_model(HYBRID_ROUTE_MODEL)
            return list(fragments.public(model.objects.live(), request).filter(**HYBRID_ROUTE_FILTER).order_by("path"))
        except (LookupError, FieldError):  # the routes app is not installed, or no longer has this fact
            return []

    return fragments.cached(request, "conversation_hybrid_routes", build)


def too_many_started(request):
    """Count a conversation started by this visitor; True when it goes over CONVERSATION_START_RATE_LIMIT."""
    return is_ratelimited(
        request,
        group="content.conversation.start",
        key=lambda group, request: client_ip(request),
        rate=settings.CONVERSATION_START_RATE_LIMIT,
        method="POST",
        increment=True,
    )
