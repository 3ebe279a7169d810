"""The coordinators' report in a real browser (Chromium): a staff member limited to one region logs in, opens
"Rapportage opvolging" from the menu, reads the figures of their own registrations (counted again here), sees the
charts load under the admin's Content Security Policy, and axe-core finds no WCAG A/AA problems."""

from datetime import timedelta

import pytest

from django.utils import timezone

from recruitment.models import Channel, Phase, RegionAssignment, Status
from routes.models import Region
from tests.browser.conftest import axe_violations

from .test_report import Row, expected, make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_reads_the_report_of_their_region(live_server, page, regions, staff_user):
    now = timezone.now()
    west = Region.objects.create(name="West")
    RegionAssignment.objects.create(user=staff_user).regions.set([regions["east"]])
    mine = [
        Row(
            "Oost",
            now - timedelta(days=10),
            now - timedelta(days=10) + timedelta(hours=1),
            Status.CONTACTED,
            phase=Phase.ORIENTING,
            changes=[Phase.IN_CONVERSATION, Phase.ORIENTING],
            channel=Channel.CAMPAIGN,
        ),
        Row("Oost", now - timedelta(days=40)),  # overdue (last month or this one: within the last 12 months)
        Row(
            "Oost",
            now - timedelta(days=6),
            now - timedelta(days=2),
            Status.CONTACTED,
            phase=Phase.STOPPED,
            changes=[Phase.STOPPED],
            stop_reason="Andere baan gevonden",
            channel=Channel.FINDER,
        ),
    ]
    others = [Row("West", now - timedelta(days=5), now - timedelta(days=4), Status.CONTACTED)]
    make(mine + others, {"Oost": regions["east"], "West": west})
    counts = expected(mine, now)

    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "opvolger")
    page.fill("#id_password", "geheim-wachtwoord-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.get_by_role("link", name="Rapportage opvolging").click()
    page.wait_for_url(live_server.url + "/admin/rapportage-opvolging/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Rapportage opvolging"

    totals = page.locator("#tabel-per-maand tfoot td").all_inner_texts()
    met, decided = counts["working_days"]
    assert totals[0] == str(counts["registrations"]) == "3"
    assert totals[2] == f"{round(100 * met / decided)}% ({met} van {decided})"
    assert totals[-1] == str(counts["overdue"]) == "1"
    regions_shown = page.locator("#tabel-per-regio tbody th").all_inner_texts()
    assert regions_shown == ["Oost"]
    funnel = dict(
        zip(
            page.locator("#tabel-fases tbody th").all_inner_texts(),
            page.locator("#tabel-fases tbody td:nth-child(2)").all_inner_texts(),
            strict=True,
        )
    )
    assert [int(funnel[phase.label]) for phase in (Phase.NEW, Phase.IN_CONVERSATION, Phase.ORIENTING)] == counts[
        "funnel"
    ][:3]
    assert page.locator("#tabel-gestopt tbody th").all_inner_texts() == ["Andere baan gevonden"]
    assert "West" not in page.content()

    charts = page.locator("img.report-chart")
    assert charts.count() == 3
    for index in range(3):
        chart = charts.nth(index)
        assert chart.get_attribute("alt")
        assert chart.evaluate("img => img.complete && img.naturalWidth > 0"), "the chart image was not shown"

    assert not axe_violations(page)
    assert not page.csp_errors, page.csp_errors
