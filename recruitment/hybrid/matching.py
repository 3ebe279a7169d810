"""Which approved offers and needs fit each other, best first, with the reasons in words for staff.

A pair fits when the offer and the need are in the same region, in the same field, and share at least one day part.
Pairs are ranked by how many day parts they share, then by how well the hours fit (too few hours offered weighs
more than too many), then by how close their start dates are. Pairs already introduced are left out.

The work is three queries whatever the number of offers and needs (the open offers, the open needs, the pairs
introduced before); the pairing is done in Python over the two lists, grouped by region and field, with each post's
day parts as a bit mask."""

import heapq
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import DAY_PARTS, HybridNeed, HybridOffer, Introduction
from ..models.hybrid import DAY_PART_VALUES, day_parts_mask

DEFAULT_LIMIT = 100  # proposals shown at once: the best ones
DAY_PART_LABELS = dict(DAY_PARTS)


@dataclass(frozen=True)
class Proposal:
    offer: HybridOffer
    need: HybridNeed
    shared: int  # the shared day parts as a bit mask

    @cached_property
    def shared_day_parts(self):
        return [value for index, value in enumerate(DAY_PART_VALUES) if self.shared >> index & 1]

    @property
    def hours_short(self):
        """Hours asked for that the offer does not cover."""
        return max(self.need.hours_per_week - self.offer.hours_per_week, 0)

    @property
    def hours_over(self):
        return max(self.offer.hours_per_week - self.need.hours_per_week, 0)

    @property
    def start_gap_days(self):
        return abs((self.offer.available_from - self.need.available_from).days)

    @property
    def rank_key(self):
        """Smaller is better: more shared day parts, fewer hours short, closer start, fewer hours over."""
        return (-len(self.shared_day_parts), self.hours_short, self.start_gap_days, self.hours_over)

    @cached_property
    def reasons(self):
        """Why this pair fits, in words for staff."""
        parts = self.shared_day_parts
        offered, asked = self.offer.hours_per_week, self.need.hours_per_week
        if self.hours_short:
            fit = _("%(hours)s uur te weinig") % {"hours": self.hours_short}
        elif self.hours_over:
            fit = _("genoeg, %(hours)s uur over") % {"hours": self.hours_over}
        else:
            fit = _("precies genoeg")
        starts = _("Start: aanbod vanaf %(offer)s, vraag vanaf %(need)s") % {
            "offer": date_format(self.offer.available_from, "j F Y"),
            "need": date_format(self.need.available_from, "j F Y"),
        }
        if self.start_gap_days:
            starts += " " + ngettext("(%(days)s dag verschil)", "(%(days)s dagen verschil)", self.start_gap_days) % {
                "days": self.start_gap_days
            }
        return [
            _("Zelfde vakgebied: %(field)s") % {"field": self.offer.get_field_display().lower()},
            _("Zelfde regio: %(region)s") % {"region": self.offer.region.name},
            ngettext("%(count)s dagdeel overlapt: %(parts)s", "%(count)s dagdelen overlappen: %(parts)s", len(parts))
            % {"count": len(parts), "parts": ", ".join(str(DAY_PART_LABELS[value]) for value in parts)},
            _("Uren: %(offered)s aangeboden, %(asked)s gevraagd (%(fit)s)")
            % {"offered": offered, "asked": asked, "fit": fit},
            starts,
        ]


def shared_day_parts(offer, need):
    """The day parts (as a bit mask) an offer and a need share when they fit (same region and field), else 0."""
    if offer.region_id is None or (offer.region_id, offer.field) != (need.region_id, need.field):
        return 0
    return day_parts_mask(offer.day_parts) & day_parts_mask(need.day_parts)


def open_posts(model, region_ids, now):
    """The approved, unexpired posts with a region (of these regions, when given), with what the matching reads."""
    posts = model.objects.public(now).filter(region__isnull=False).select_related("region")
    if region_ids is not None:
        posts = posts.filter(region_id__in=region_ids)
    return posts.order_by("pk")


def proposals(region_ids=None, *, now=None, limit=DEFAULT_LIMIT):
    """The best ``limit`` proposals (all of them with ``limit=None``) among the open offers and needs of these
    regions (every region when None), best first."""
    now = now or timezone.now()
    needs_by_group = defaultdict(list)
    for need in open_posts(HybridNeed, region_ids, now):
        needs_by_group[need.region_id, need.field].append((day_parts_mask(need.day_parts), need))
    introduced = Introduction.objects.all()
    if region_ids is not None:
        introduced = introduced.filter(offer__region_id__in=region_ids)
    introduced = set(introduced.values_list("offer_id", "need_id"))

    def candidates():
        for offer in open_posts(HybridOffer, region_ids, now):
            offer_mask = day_parts_mask(offer.day_parts)
            for need_mask, need in needs_by_group.get((offer.region_id, offer.field), ()):
                shared = offer_mask & need_mask
                if shared and (offer.pk, need.pk) not in introduced:
                    yield Proposal(offer, need, shared)

    def key(proposal):
        return (*proposal.rank_key, proposal.offer.pk, proposal.need.pk)

    if limit is None:
        return sorted(candidates(), key=key)
    return heapq.nsmallest(limit, candidates(), key=key)
