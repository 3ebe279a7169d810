"""Events in figures ("Evenementen in cijfers"): the counts per event on hand-made sign-ups and registrations, each
expected number written out here; "registered afterwards" at its edges (before the start, exactly at it, the same
person twice, erased registrations, empty addresses); one query count for 2 and for 20 events; who may see which
events; and the links of each row."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recruitment.event_report import event_figures
from recruitment.models import EventSignUp, RegionAssignment, SignUpStatus, Status
from routes.models import Region

from .factories import RegistrationFactory
from .test_event_sign_up import make_event

pytestmark = pytest.mark.django_db
URL = "/admin/evenementaanmeldingen/cijfers/"


def for_regions(event, *regions):
    event.regions.set(regions)
    event.save()  # a page's many-to-many (ParentalManyToManyField) is stored when the page is saved


def add_sign_up(event, name, email, **fields):
    return EventSignUp.objects.create(event=event, name=name, email=email, **fields)


@pytest.fixture
def past_event(home, regions):
    event = make_event(home, title="Open avond Hengelo", start_date=timezone.localdate() - dt.timedelta(days=10))
    for_regions(event, regions["east"])
    return event


@pytest.fixture
def people(past_event):
    """Two with a place (one came), one waiting, one cancelled, and two walk-ins (one without an address)."""
    came_at = past_event.starts_at + dt.timedelta(minutes=5)
    return {
        "anna": add_sign_up(past_event, "Anna", "anna@example.org", attended_at=came_at),
        "bram": add_sign_up(past_event, "Bram", "bram@example.org"),
        "cas": add_sign_up(past_event, "Cas", "cas@example.org", status=SignUpStatus.WAITING),
        "dewi": add_sign_up(past_event, "Dewi", "dewi@example.org", status=SignUpStatus.CANCELLED),
        "eva": add_sign_up(past_event, "Eva", "", attended_at=came_at, walk_in=True),
        "fleur": add_sign_up(past_event, "Fleur", "fleur@example.org", attended_at=came_at, walk_in=True),
    }


def figures_of(user, event):
    return next(figures for figures in event_figures(user) if figures.event.pk == event.pk)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-3")


def test_the_counts_per_event(past_event, people, superuser):
    figures = figures_of(superuser, past_event)

    assert figures.confirmed == 2  # Anna and Bram; the walk-ins had no place beforehand
    assert figures.waiting == 1
    assert figures.cancelled == 1
    assert figures.attended == 3  # Anna, Eva and Fleur
    assert figures.walk_ins == 2
    assert figures.absent == 1  # Bram
    assert figures.registered == 0


def test_nobody_stayed_away_from_an_event_still_to_come(home, superuser):
    event = make_event(home, start_date=timezone.localdate() + dt.timedelta(days=3))
    add_sign_up(event, "Anna", "anna@example.org")

    figures = figures_of(superuser, event)

    assert (figures.confirmed, figures.absent) == (1, None)


def test_registered_afterwards_counts_each_person_once_from_the_start_of_the_event(
    past_event, people, regions, superuser, home
):
    start = past_event.starts_at
    after = start + dt.timedelta(days=2)

    def registration(created_at, **fields):
        return RegistrationFactory(region=regions["east"], created_at=created_at, messages=False, **fields)

    # Anna came, and registered twice afterwards (the first closed): one person, matched by address in any case.
    registration(after, email="ANNA@example.org", status=Status.CLOSED)
    registration(after + dt.timedelta(days=1), email="anna@example.org", event=past_event)
    # Through the event's link (attribution) exactly at its start: counts. One minute before: does not.
    registration(start, email="gijs@example.org", event=past_event)
    registration(start - dt.timedelta(minutes=1), email="hanna@example.org", event=past_event)
    # Fleur came, but registered in the afternoon before the event: does not count.
    registration(start - dt.timedelta(hours=3), email="fleur@example.org")
    # Bram had a place and did not come: his address does not link him.
    registration(after, email="bram@example.org")
    # Erased afterwards (withdrawn): it still happened, and attribution still links it.
    registration(after, email="", name="", erased_at=after, status=Status.WITHDRAWN, event=past_event)
    # Erased, without attribution: its empty address never matches Eva's empty one.
    registration(after, email="", name="", erased_at=after, status=Status.WITHDRAWN)
    # Matched with Fleur's sign-up at the door (another address), and registered afterwards.
    matched = registration(after, email="fleur.werk@example.org")
    EventSignUp.objects.filter(pk=people["fleur"].pk).update(registration=matched)
    # Another event's registration.
    other = make_event(home, start_date=past_event.start_date - dt.timedelta(days=30))
    registration(after, email="ilse@example.org", event=other)

    assert figures_of(superuser, past_event).registered == 4  # Anna, Gijs, the erased one, Fleur
    assert figures_of(superuser, other).registered == 1


def test_an_event_without_start_time_starts_at_midnight_in_amsterdam(home, regions, superuser):
    day = timezone.localdate() - dt.timedelta(days=5)
    event = make_event(home, start_date=day, start_time=None, end_time=None)
    amsterdam_midnight = dt.datetime.combine(day, dt.time(0), tzinfo=ZoneInfo("Europe/Amsterdam"))
    RegistrationFactory(region=regions["east"], created_at=amsterdam_midnight, event=event, messages=False)
    RegistrationFactory(
        region=regions["east"], created_at=amsterdam_midnight - dt.timedelta(seconds=1), event=event, messages=False
    )

    assert figures_of(superuser, event).registered == 1


def table_rows(html):
    """{event title: [cell texts]} from the figures table."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL):
        title = re.search(r'<th scope="row">\s*(.*?)<br>', row, re.DOTALL)
        if title:
            rows[title.group(1).strip()] = [
                re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
            ]
    return rows


def test_the_page_shows_each_event_s_figures_and_links(client, staff_user, past_event, people, home):
    upcoming = make_event(
        home, title="Webinar zij-instroom", start_date=timezone.localdate() + dt.timedelta(days=7), location=""
    )
    make_event(home, title="Zonder aanmelden", signup_enabled=False)
    client.force_login(staff_user)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    rows = table_rows(html)
    assert list(rows) == ["Webinar zij-instroom", "Open avond Hengelo"]  # latest first, only those with sign-up
    assert rows["Open avond Hengelo"][:7] == ["2", "1", "1", "3", "2", "1", "0"]
    assert rows["Webinar zij-instroom"][:7] == ["0", "0", "0", "0", "0", "–nog niet bekend", "0"]
    pk = past_event.pk
    assert f'href="/admin/evenementaanmeldingen/?event={pk}"' in html
    assert f'href="/admin/evenementaanmeldingen/?event={pk}&amp;export=xlsx"' in html
    assert f'href="/admin/evenementaanmeldingen/?event={pk}&amp;aanwezig=ja&amp;export=xlsx"' in html
    assert f'href="/admin/evenementaanmeldingen/bericht/{pk}/"' in html
    assert f'href="{reverse("recruitment:check_in", args=[pk])}"' in html
    assert f'href="{reverse("recruitment:check_in", args=[upcoming.pk])}"' not in html  # online: no door
    assert "Anna" not in html and "anna@example.org" not in html  # figures, not people
    assert upcoming.title in html


def test_the_period_and_the_region_narrow_the_events(client, staff_user, past_event, people, home, regions):
    everywhere = make_event(home, title="Landelijke dag", start_date=timezone.localdate() - dt.timedelta(days=40))
    west = make_event(home, title="Open avond Leiden", start_date=timezone.localdate() - dt.timedelta(days=20))
    for_regions(west, Region.objects.create(name="West"))
    client.force_login(staff_user)

    shown = table_rows(client.get(URL, {"regio": regions["east"].pk}).content.decode())
    assert list(shown) == ["Open avond Hengelo", "Landelijke dag"]  # an event for every region is also the east's

    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    assert list(table_rows(client.get(URL, {"van": since}).content.decode())) == [
        "Open avond Hengelo",
        "Open avond Leiden",
    ]
    until = (timezone.localdate() - dt.timedelta(days=15)).isoformat()
    assert list(table_rows(client.get(URL, {"tot": until}).content.decode())) == ["Open avond Leiden", everywhere.title]

    wrong = client.get(URL, {"van": "2026-13-40", "tot": "gisteren", "regio": "<script>"})
    assert wrong.status_code == 200
    assert "De keuze is niet gebruikt" in wrong.content.decode()
    assert len(table_rows(wrong.content.decode())) == 3


def test_the_number_of_queries_does_not_grow_with_the_events(client, staff_user, home, regions):
    def events(first, last):
        for number in range(first, last):
            event = make_event(home, start_date=timezone.localdate() - dt.timedelta(days=number + 1))
            for_regions(event, regions["east"])
            add_sign_up(event, "Anna", f"anna-{number}@example.org", attended_at=event.starts_at)
            add_sign_up(event, "Bram", f"bram-{number}@example.org", status=SignUpStatus.WAITING)
            RegistrationFactory(
                region=regions["east"],
                email=f"anna-{number}@example.org",
                created_at=event.starts_at + dt.timedelta(days=1),
                messages=False,
            )

    client.force_login(staff_user)
    events(0, 2)
    client.get(URL)  # warm up: the session, content types
    with CaptureQueriesContext(connection) as few:
        assert len(table_rows(client.get(URL).content.decode())) == 2
    events(2, 20)
    with CaptureQueriesContext(connection) as many:
        rows = table_rows(client.get(URL).content.decode())
    assert len(rows) == 20
    assert all(cells[6] == "1" for cells in rows.values()), rows  # each event's attendee registered afterwards
    assert len(many.captured_queries) == len(few.captured_queries), [q["sql"][:100] for q in many.captured_queries]


class TestPermissions:
    def test_anonymous_visitors_are_sent_to_the_login(self, client, past_event):
        response = client.get(URL)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    def test_an_editor_is_refused_and_has_no_menu_item(self, client, editor_user, past_event, people):
        client.force_login(editor_user)
        assert URL not in client.get("/admin/").content.decode()
        response = client.get(URL)
        assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))
        assert b"Open avond Hengelo" not in response.content

    def test_staff_find_it_in_the_reports_menu(self, client, staff_user):
        client.force_login(staff_user)
        html = client.get("/admin/").content.decode()
        assert URL in html and "Evenementen in cijfers" in html

    def test_staff_limited_to_a_region_see_its_events_and_those_for_every_region(
        self, client, staff_user, past_event, people, home, regions
    ):
        west = make_event(home, title="Open avond Leiden", start_date=timezone.localdate() - dt.timedelta(days=2))
        for_regions(west, Region.objects.create(name="West"))
        make_event(home, title="Landelijke dag", start_date=timezone.localdate() - dt.timedelta(days=3))
        RegionAssignment.objects.create(user=staff_user).regions.set([regions["east"]])
        client.force_login(staff_user)

        shown = table_rows(client.get(URL).content.decode())
        assert list(shown) == ["Landelijke dag", "Open avond Hengelo"]
        # Choosing a region not theirs widens nothing.
        assert "Open avond Leiden" not in client.get(URL, {"regio": west.regions.get().pk}).content.decode()
