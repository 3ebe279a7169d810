"""Uncached pages render in a constant number of SQL queries, whatever the amount of content (no N+1)."""

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Page

from content.models import ArticleIndexPage, ArticlePage, EventIndexPage, EventPage, PracticeExample
from routes.models import Institution, RouteIndexPage, RoutePage, RouteProgramme

pytestmark = pytest.mark.django_db


def query_counts(client):
    """Queries per page type, for one page of each type (and the search page)."""
    counts = {}
    urls = {}
    for page in Page.objects.live().filter(depth__gte=2).specific().order_by("path"):
        urls.setdefault(type(page).__name__, page.url)
    urls["search"] = "/zoeken/?q=techniek"
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def add_more_content(count=12):
    routes = RouteIndexPage.objects.get()
    institutions = list(Institution.objects.all())
    for number in range(count):
        route = RoutePage(
            title=f"Extra route {number}",
            slug=f"extra-route-{number}",
            for_whom="Iedereen",
            duration="1 jaar",
            accepts_hbo=True,
            for_vmbo=True,
            body=[("paragraph", "<p>Nog een route.</p>")],
        )
        routes.add_child(instance=route)
        route.programmes = [
            RouteProgramme(institution=institution, name=institution.programme, sort_order=i)
            for i, institution in enumerate(institutions[:3])
        ]
        route.save_revision().publish()
    toolkit = ArticleIndexPage.objects.get()
    agenda = EventIndexPage.objects.get()
    for number in range(count):
        toolkit.add_child(
            instance=ArticlePage(
                title=f"Extra artikel {number}", slug=f"extra-artikel-{number}", body=[("paragraph", "<p>Tekst.</p>")]
            )
        )
        agenda.add_child(
            instance=EventPage(
                title=f"Extra bijeenkomst {number}",
                slug=f"extra-bijeenkomst-{number}",
                start_date=timezone.localdate() + dt.timedelta(days=number + 1),
            )
        )
        PracticeExample.objects.create(
            title=f"Voorbeeld {number}", region="Utrecht", theme="werven", summary="Een voorbeeld."
        )


def test_page_query_counts_do_not_grow_with_content(demo_content, client):
    query_counts(client)  # warm per-process caches (site root paths) first
    before = query_counts(client)
    add_more_content()
    after = query_counts(client)
    assert after == before
    for name, count in before.items():
        assert count <= 30, f"{name} needs {count} queries"
