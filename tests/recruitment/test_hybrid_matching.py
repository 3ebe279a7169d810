"""The matching of the hybride match: an approved offer and need fit when they share the region, the field and at
least one day part; pairs rank by shared day parts, then the hours, then the start dates; each comes with its reasons
in Dutch; staff see their regions' proposals; the work is the same few queries for 10 or 1,000 open posts."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from recruitment.hybrid.matching import proposals
from recruitment.models import HybridNeed, HybridOffer, HybridStatus, Introduction, RegionAssignment

from .test_hybrid_forms import make_post
from .test_hybrid_overview import make_many

pytestmark = pytest.mark.django_db


def pairs(found):
    return [(proposal.offer.company_name, proposal.need.school_name) for proposal in found]


def test_only_the_same_region_field_and_a_shared_day_part_make_a_pair(regions, home):
    east, national = regions["east"], regions["national"]
    make_post(HybridOffer, east, company_name="Elektro", day_parts=["ma-ochtend", "di-middag"])
    make_post(HybridNeed, east, school_name="Past", day_parts=["di-middag"])
    make_post(HybridNeed, east, school_name="Ander vak", field="ict", day_parts=["ma-ochtend"])
    make_post(HybridNeed, national, school_name="Andere regio", day_parts=["ma-ochtend"])
    make_post(HybridNeed, east, school_name="Andere dagen", day_parts=["vr-ochtend", "vr-middag"])
    make_post(HybridNeed, east, school_name="Niet goedgekeurd", status=HybridStatus.CONFIRMED)
    make_post(
        HybridNeed, east, school_name="Verlopen", expires_at=timezone.now() - dt.timedelta(seconds=1), approved_at=None
    )

    assert pairs(proposals()) == [("Elektro", "Past")]


def test_pairs_rank_by_shared_day_parts_then_hours_then_start(regions, home):
    east = regions["east"]
    today = timezone.localdate()
    make_post(
        HybridOffer,
        east,
        company_name="Aanbod",
        hours_per_week=4,
        day_parts=["ma-ochtend", "ma-middag", "di-ochtend"],
        available_from=today + dt.timedelta(days=30),
    )
    make_post(HybridNeed, east, school_name="Een dagdeel", hours_per_week=4, day_parts=["ma-ochtend"])
    make_post(
        HybridNeed,
        east,
        school_name="Drie dagdelen",
        hours_per_week=8,
        day_parts=["ma-ochtend", "ma-middag", "di-ochtend"],
    )
    make_post(
        HybridNeed,
        east,
        school_name="Twee, uren passen, later",
        hours_per_week=3,
        day_parts=["ma-middag", "di-ochtend"],
        available_from=today + dt.timedelta(days=90),
    )
    make_post(
        HybridNeed,
        east,
        school_name="Twee, uren passen, zelfde start",
        hours_per_week=4,
        day_parts=["ma-ochtend", "di-ochtend"],
        available_from=today + dt.timedelta(days=30),
    )
    make_post(
        HybridNeed, east, school_name="Twee, te weinig uren", hours_per_week=6, day_parts=["ma-ochtend", "ma-middag"]
    )

    assert [need for _offer, need in pairs(proposals())] == [
        "Drie dagdelen",
        "Twee, uren passen, zelfde start",
        "Twee, uren passen, later",
        "Twee, te weinig uren",
        "Een dagdeel",
    ]


def test_each_pair_comes_with_its_reasons_in_dutch(regions, home):
    east = regions["east"]
    make_post(
        HybridOffer,
        east,
        company_name="Aanbod",
        hours_per_week=4,
        day_parts=["wo-middag", "ma-ochtend", "di-middag"],
        available_from=dt.date(2027, 9, 1),
    )
    make_post(
        HybridNeed,
        east,
        school_name="Vraag",
        hours_per_week=3,
        day_parts=["ma-ochtend", "di-middag", "wo-middag", "do-ochtend"],
        available_from=dt.date(2027, 9, 15),
    )

    (proposal,) = proposals()
    assert proposal.reasons == [
        "Zelfde vakgebied: elektrotechniek",
        "Zelfde regio: Oost",
        "3 dagdelen overlappen: maandagochtend, dinsdagmiddag, woensdagmiddag",
        "Uren: 4 aangeboden, 3 gevraagd (genoeg, 1 uur over)",
        "Start: aanbod vanaf 1 september 2027, vraag vanaf 15 september 2027 (14 dagen verschil)",
    ]


def test_too_few_hours_and_one_day_part_are_said_so(regions, home):
    east = regions["east"]
    make_post(HybridOffer, east, hours_per_week=2, day_parts=["ma-ochtend"], available_from=dt.date(2027, 9, 1))
    make_post(HybridNeed, east, hours_per_week=5, day_parts=["ma-ochtend"], available_from=dt.date(2027, 9, 1))
    reasons = proposals()[0].reasons
    assert "1 dagdeel overlapt: maandagochtend" in reasons
    assert "Uren: 2 aangeboden, 5 gevraagd (3 uur te weinig)" in reasons
    assert reasons[-1] == "Start: aanbod vanaf 1 september 2027, vraag vanaf 1 september 2027"


def test_a_pair_already_introduced_is_no_longer_proposed(regions, home):
    offer = make_post(HybridOffer, regions["east"])
    first = make_post(HybridNeed, regions["east"], school_name="Eerste")
    make_post(HybridNeed, regions["east"], school_name="Tweede")
    Introduction.objects.create(offer=offer, need=first)
    assert [need for _offer, need in pairs(proposals())] == ["Tweede"]


def test_staff_see_the_proposals_of_their_regions_with_the_reasons(client, staff_user, regions, home):
    make_post(HybridOffer, regions["east"], company_name="Oost Elektro")
    make_post(HybridNeed, regions["east"], school_name="Oost College")
    make_post(HybridOffer, regions["national"], company_name="Landelijk Elektro")
    make_post(HybridNeed, regions["national"], school_name="Landelijk College")
    client.force_login(staff_user)
    everything = client.get("/admin/hybride-voorstellen/").content.decode()
    assert "Oost Elektro" in everything and "Landelijk Elektro" in everything
    assert "2 dagdelen overlappen: maandagochtend, dinsdagmiddag" in everything

    RegionAssignment.objects.create(user=staff_user).regions.set([regions["east"]])
    east = client.get("/admin/hybride-voorstellen/").content.decode()
    assert "Oost Elektro" in east and "Oost College" in east and "Landelijk" not in east
    assert "Zelfde regio: Oost" in east

    RegionAssignment.objects.filter(user=staff_user).get().regions.clear()
    assert "aan geen enkele regio gekoppeld" in client.get("/admin/hybride-voorstellen/").content.decode()


def test_a_limit_keeps_the_best(regions, home):
    make_many(regions, 40)
    everything = proposals(limit=None)
    best = proposals(limit=5)
    assert len(everything) == 4 * 10 * 10  # four groups (region and field) of ten offers and ten needs
    assert [(p.offer.pk, p.need.pk) for p in best] == [(p.offer.pk, p.need.pk) for p in everything[:5]]


def count_queries(region_ids):
    with CaptureQueriesContext(connection) as captured:
        found = proposals(region_ids, limit=100)
        [proposal.reasons for proposal in found]
    return len(captured), found


@pytest.mark.parametrize("limited", [False, True])
def test_the_matching_takes_the_same_queries_for_10_or_1000_open_offers_and_needs(regions, home, limited):
    region_ids = [regions["east"].pk] if limited else None
    make_many(regions, 10)
    few, found = count_queries(region_ids)
    assert found
    make_many(regions, 990)
    many, found = count_queries(region_ids)
    assert len(found) == 100
    assert many == few == 3, (few, many)
