"""The agenda filters by region and by online or on location with a plain GET form (no script needed): an event
without regions is for every region, the choice made is shown, and nonsense in the URL shows the whole agenda."""

import datetime as dt
import re

import pytest

from tests.routes.factories import RegionFactory

from .factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def events(agenda):
    north, south = RegionFactory(name="Noord"), RegionFactory(name="Zuid")
    soon = dt.date.today() + dt.timedelta(days=10)
    return {
        "north": north,
        "south": south,
        "north online": EventPageFactory(parent=agenda, title="Webinar Noord", regions=[north], start_date=soon),
        "south here": EventPageFactory(
            parent=agenda, title="Open avond Zuid", regions=[south], location="Maastricht", start_date=soon
        ),
        "everyone here": EventPageFactory(
            parent=agenda, title="Landelijke dag", location="Utrecht", start_date=soon + dt.timedelta(days=1)
        ),
        "both online": EventPageFactory(
            parent=agenda, title="Webinar Noord en Zuid", regions=[north, south], start_date=soon
        ),
        "north past": EventPageFactory(
            parent=agenda, title="Oude avond Noord", regions=[north], start_date=dt.date.today() - dt.timedelta(days=3)
        ),
    }


def titles(html):
    return set(re.findall(r'<a href="[^"]+">((?:Webinar|Open avond|Landelijke|Oude)[^<]*)</a>', html))


def test_the_whole_agenda_without_a_filter(client, agenda, events):
    html = client.get(agenda.url).content.decode()

    assert titles(html) == {
        "Webinar Noord",
        "Open avond Zuid",
        "Landelijke dag",
        "Webinar Noord en Zuid",
        "Oude avond Noord",
    }
    assert "Gekozen:" not in html
    assert "Wis filters" not in html


def test_a_region_shows_its_events_and_those_for_every_region(client, agenda, events):
    html = client.get(agenda.url, {"regio": events["north"].pk}).content.decode()

    assert titles(html) == {"Webinar Noord", "Landelijke dag", "Webinar Noord en Zuid", "Oude avond Noord"}
    assert "Gekozen: regio <strong>Noord</strong>" in html
    assert f'<option value="{events["north"].pk}" selected>Noord</option>' in html
    assert "3 bijeenkomsten gevonden" in html
    assert html.count("Webinar Noord en Zuid") == 1  # an event in two regions is listed once


def test_online_or_on_location(client, agenda, events):
    online = client.get(agenda.url, {"vorm": "online"}).content.decode()
    on_location = client.get(agenda.url, {"vorm": "locatie"}).content.decode()

    assert titles(online) == {"Webinar Noord", "Webinar Noord en Zuid", "Oude avond Noord"}
    assert titles(on_location) == {"Open avond Zuid", "Landelijke dag"}
    assert "Gekozen: <strong>op locatie</strong>" in on_location
    assert '<option value="online" selected>Online</option>' in online


def test_both_filters_together(client, agenda, events):
    html = client.get(agenda.url, {"regio": events["south"].pk, "vorm": "locatie"}).content.decode()

    assert titles(html) == {"Open avond Zuid", "Landelijke dag"}
    assert "Gekozen: regio <strong>Zuid</strong>, <strong>op locatie</strong>" in html
    assert f'<a href="{agenda.url}">Wis filters' in html


def test_nothing_found_offers_the_whole_agenda(client, agenda, events):
    lonely = RegionFactory(name="Waddeneilanden")
    EventPageFactory(parent=agenda, title="Webinar Noord extra", regions=[events["north"]])

    html = client.get(agenda.url, {"regio": lonely.pk, "vorm": "locatie"}).content.decode()

    assert "Landelijke dag" in html  # for every region
    html = client.get(agenda.url, {"regio": events["south"].pk, "vorm": "online"}).content.decode()
    assert titles(html) == {"Webinar Noord en Zuid"}


@pytest.mark.parametrize(
    "query",
    [
        {"regio": "noord"},
        {"regio": "999999"},
        {"regio": "1 OR 1=1"},
        {"vorm": "hybride"},
        {"vorm": "ONLINE"},
        {"regio": "", "vorm": ""},
        {"regio": "\x00"},
    ],
)
def test_nonsense_in_the_url_shows_the_whole_agenda(client, agenda, events, query):
    response = client.get(agenda.url, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(titles(html)) == 5
    assert "Gekozen:" not in html


def test_the_filter_form_works_without_script_and_is_labelled(client, agenda, events):
    html = client.get(agenda.url).content.decode()
    form = html.split('<form class="filter"', 1)[1].split("</form>", 1)[0]

    assert 'method="get"' in form and f'action="{agenda.url}"' in form
    assert "hx-" not in form
    assert '<label for="filter-regio">Regio</label>' in form and 'id="filter-regio" name="regio"' in form
    assert '<label for="filter-vorm">Online of op locatie</label>' in form and 'id="filter-vorm" name="vorm"' in form
    assert '<button type="submit" class="button">Toon bijeenkomsten</button>' in form
    assert '<option value="">Alle regio\'s</option>' in form or "Alle regio&#x27;s" in form
    assert form.index("Noord") < form.index("Zuid")


def test_no_regions_no_region_filter(client, agenda):
    EventPageFactory(parent=agenda, title="Webinar zonder regio")

    html = client.get(agenda.url).content.decode()

    assert 'name="regio"' not in html
    assert 'name="vorm"' in html


def test_a_filtered_agenda_costs_the_same_queries_with_more_events(client, agenda, events):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = {"regio": events["north"].pk, "vorm": "online"}

    def queries():
        client.get(agenda.url, query)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(agenda.url, query).status_code == 200
        return len(captured)

    before = queries()
    for number in range(10):
        EventPageFactory(parent=agenda, title=f"Webinar Noord {number}", regions=[events["north"], events["south"]])
        EventPageFactory(parent=agenda, title=f"Webinar landelijk {number}")
    assert queries() == before
    assert "Webinar Noord 9" in client.get(agenda.url, query).content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitors_filter_the_agenda_in_a_browser_without_script_and_it_passes_axe(
    home_page, live_server, scriptless, page, phone
):
    from tests.browser.conftest import axe_violations

    agenda = EventIndexPageFactory(parent=home_page)
    north, south = RegionFactory(name="Noord"), RegionFactory(name="Zuid")
    soon = dt.date.today() + dt.timedelta(days=10)
    EventPageFactory(parent=agenda, title="Webinar Noord", regions=[north], start_date=soon)
    EventPageFactory(parent=agenda, title="Open avond Zuid", regions=[south], location="Maastricht", start_date=soon)
    EventPageFactory(parent=agenda, title="Landelijke dag", location="Utrecht", start_date=soon)

    scriptless.goto(live_server.url + agenda.url)
    scriptless.get_by_label("Regio").select_option(label="Zuid")
    scriptless.get_by_label("Online of op locatie").select_option(label="Op locatie")
    scriptless.get_by_role("button", name="Toon bijeenkomsten").click()
    scriptless.wait_for_url(f"**{agenda.url}?regio={south.pk}&vorm=locatie")
    shown = scriptless.locator(".event-card .card__title").all_inner_texts()
    assert sorted(shown) == ["Landelijke dag", "Open avond Zuid"]
    assert scriptless.locator(".filter-current").inner_text() == "Gekozen: regio Zuid, op locatie"
    assert scriptless.get_by_label("Regio").input_value() == str(south.pk)

    for tab in (page, phone):
        tab.goto(f"{live_server.url}{agenda.url}?regio={north.pk}&vorm=online")
        assert axe_violations(tab) == []
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert not page.csp_errors, page.csp_errors
