"""The demo content: the whole tree answers, and loading it twice changes nothing."""

import html

import pytest

from django.core.management import call_command

from wagtail.models import Page, Revision, Site

from content.models import ArticlePage, EventPage, HomePage, PracticeExample, SiteSettings, StandardPage
from recruitment.models import RegionFollowUp
from routes.models import Institution, Region, RouteFinderPage, RoutePage

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything the loader writes, in a form that shows any change."""
    return {
        "pages": sorted(Page.objects.values_list("id", "title", "slug", "live", "latest_revision_id", "path")),
        "revisions": Revision.objects.count(),
        "sites": sorted(Site.objects.values_list("hostname", "port", "root_page_id", "is_default_site")),
        "regions": sorted(Region.objects.values_list("id", "name", "contact_email")),
        "follow_up": sorted(RegionFollowUp.objects.values_list("region_id", "follow_up_emails", "coordinator_email")),
        "institutions": sorted(Institution.objects.values_list("id", "name", "contact_email", "region_id")),
        "examples": sorted(PracticeExample.objects.values_list("id", "title", "region", "theme")),
        "settings": list(SiteSettings.objects.values_list("site_name", "contact_email", "privacy_version")),
    }


def test_loading_twice_changes_nothing(demo_content):
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_home_page_is_the_root_of_the_default_site(demo_content):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo_content
    assert isinstance(demo_content, HomePage)
    # Beside it only its translations (the English home page): Wagtail's welcome page is gone.
    others = Page.objects.filter(depth=2).exclude(pk=demo_content.pk)
    assert not others.exclude(translation_key=demo_content.translation_key).exists(), "Wagtail's welcome page is gone"


def test_the_demo_content_is_complete(demo_content):
    assert RoutePage.objects.live().count() >= 9
    assert Institution.objects.count() == 6
    assert ArticlePage.objects.live().count() >= 4
    assert PracticeExample.objects.count() >= 15
    assert Region.objects.filter(is_default=True).count() == 1
    # One route finder, and its English translation (routes/data/en/).
    assert sorted(RouteFinderPage.objects.live().values_list("locale__language_code", flat=True)) == ["en", "nl"]
    assert EventPage.objects.live().filter(title__icontains="ECPB").exists()
    standard_titles = " ".join(StandardPage.objects.live().values_list("title", flat=True)).lower()
    assert "privacy" in standard_titles
    assert "toegankelijk" in standard_titles
    route_titles = " ".join(RoutePage.objects.values_list("title", flat=True)).lower()
    for word in (
        "zij-instroom",
        "pdg",
        "kopopleiding",
        "associate degree",
        "instructeur",
        "hybride",
        "onderwijsassistent",
        "buitenlands",
    ):
        assert word in route_titles, word


def test_demo_content_never_holds_a_real_mailbox(demo_content):
    addresses = []
    for follow_up in RegionFollowUp.objects.all():
        addresses += follow_up.follow_up_email_list + [follow_up.coordinator_email]
    addresses += list(Institution.objects.values_list("contact_email", flat=True))
    addresses += list(SiteSettings.objects.values_list("contact_email", flat=True))
    for page in Page.objects.live().specific():
        for field in ("body",):
            raw = getattr(page, field, None)
            if raw is not None:
                addresses += [word for word in str(raw.raw_data).replace("'", " ").split() if "@" in word]
    addresses = [address for address in addresses if address]
    assert addresses, "the demo content has contact addresses"
    for address in addresses:
        assert address.rstrip(",.;:)}").endswith("@example.org") or address.rstrip(",.;:)}").endswith(".example.org"), (
            address
        )


def test_every_demo_page_answers_with_its_title(demo_content, client):
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert pages.count() >= 25
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert html.escape(page.title, quote=False) in response.content.decode(), page.url


def test_route_pages_show_their_facts_and_colleges(demo_content, client):
    route = RoutePage.objects.live().filter(programmes__isnull=False).distinct().first()
    content = client.get(route.url).content.decode()
    assert route.duration in content or html.escape(route.duration) in content
    for programme in route.programmes.all():
        assert html.escape(programme.institution.name) in content


def test_event_offers_a_calendar_file(demo_content, client):
    event = EventPage.objects.live().first()
    response = client.get(event.url + "kalender/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body
    assert event.title[:20] in body.replace("\r\n ", "")


def test_sitemap_and_robots(demo_content, client):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    route = RoutePage.objects.live().first()
    assert route.url in sitemap.content.decode()
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_unknown_page_is_a_dutch_404(demo_content, client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "niet gevonden" in response.content.decode().lower()
