"""The facts a visitor compares are structured fields with a source and a checked date: the fact box, the route
cards, the finder and its comparison are generated from them, so prose and facts cannot disagree (issue 9)."""

import datetime
import html
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content import fragments
from routes.models import RoutePage, RouteStep
from routes.models.pages import JobCombination, Qualification, WorkExperience, euro

from .factories import RoutePageFactory, SourceFactory

pytestmark = pytest.mark.django_db


def text_of(client, page):
    return html.unescape(client.get(RoutePage.objects.get(pk=page.pk).url).content.decode())


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("6650"), "€ 6.650"),
        (Decimal("2550.50"), "€ 2.550,50"),
        (Decimal("25000"), "€ 25.000"),
        (Decimal("0.99"), "€ 0,99"),
        (Decimal("1234567.05"), "€ 1.234.567,05"),
    ],
)
def test_euro_amounts_are_written_the_dutch_way(amount, expected):
    assert euro(amount) == expected


def test_the_fact_box_shows_each_fact_with_its_source_and_the_date_checked(finder_tree, client):
    hu = SourceFactory(
        title="Pedagogisch Didactisch Getuigschrift",
        publisher="Hogeschool Utrecht",
        published="2023",
        url="https://www.hu.nl/deeltijd-opleidingen/pedagogisch-didactisch-getuigschrift",
    )
    duo = SourceFactory(title="Subsidie zij-instroom", publisher="DUO", url="https://duo.nl/zakelijk/")
    route = RoutePageFactory(
        parent=finder_tree["index"],
        title="PDG",
        for_vmbo=False,
        qualification=Qualification.PDG,
        work_experience=WorkExperience.REQUIRED,
        experience_note="meerdere jaren relevante werkervaring",
        needs_school_job=True,
        cost_amount=Decimal("6650"),
        cost_provider="Hogeschool Utrecht",
        cost_year=2023,
        cost_note="Het hele traject.",
        cost_source=hu,
        duration="ongeveer 1,5 jaar",
        duration_source=hu,
        funding="De subsidie zij-instroom vraagt het schoolbestuur aan, niet jij.",
        funding_source=duo,
        facts_checked_on=datetime.date(2026, 11, 12),
    )
    text = text_of(client, route)
    box = text[text.index('class="facts"') : text.index('class="prose"')]
    assert "Kosten</dt><dd>€ 6.650 (Hogeschool Utrecht, 2023)" in box
    assert "Het hele traject." in box
    # Each fact names its source by its number in the list under the text (1: the factory's, 2: HU, 3: DUO).
    assert (
        'Kosten</dt><dd>€ 6.650 (Hogeschool Utrecht, 2023)<span class="facts__note">Het hele traject.</span>'
        '<span class="facts__source">Bron: <a href="#bron-2">2<span class="visually-hidden">, Pedagogisch '
        "Didactisch Getuigschrift</span></a></span>"
    ) in box
    assert "Financiering</dt><dd>De subsidie zij-instroom vraagt het schoolbestuur aan, niet jij." in box
    assert '<a href="#bron-3">3<span class="visually-hidden">, Subsidie zij-instroom</span></a>' in box
    assert "Eerst nodig</dt><dd>Een baan op een school" in box
    assert "Feiten laatst gecontroleerd op 12 november 2026." in box
    # The sources once each, at the end of the text.
    sources = text[text.index('id="bronnen-titel"') :]
    assert sources.count("Pedagogisch Didactisch Getuigschrift</a>, Hogeschool Utrecht (2023)") == 1
    assert (
        '<li id="bron-2"><a href="https://www.hu.nl/deeltijd-opleidingen/pedagogisch-didactisch-getuigschrift">'
        "Pedagogisch Didactisch Getuigschrift</a>"
    ) in sources
    assert '<li id="bron-3"><a href="https://duo.nl/zakelijk/">Subsidie zij-instroom</a>, DUO' in sources


def test_a_route_never_checked_says_so(finder_tree, client):
    route = RoutePageFactory(parent=finder_tree["index"], facts_checked_on=None)
    assert "Deze feiten zijn nog niet gecontroleerd." in text_of(client, route)


def test_the_fact_box_costs_one_query_for_all_its_sources(finder_tree, client):
    route = RoutePageFactory(parent=finder_tree["index"])
    for name in ("experience_source", "cost_source", "funding_source"):
        setattr(route, name, SourceFactory())
    route.save_revision().publish()
    url = RoutePage.objects.get(pk=route.pk).url
    client.get(url)  # warm caches (site root paths, settings)
    fragments.bump()  # the page is kept, with its sources, until the next publish: ask for it as after one
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    source_queries = [q["sql"] for q in queries.captured_queries if '"routes_source"' in q["sql"]]
    assert len(source_queries) == 1, source_queries


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cost_amount": Decimal("-1")}, "cost_amount"),
        ({"cost_amount": Decimal("2550")}, "cost_provider"),  # an amount without who says so and when
        ({"cost_amount": Decimal("2550"), "cost_provider": "HvA", "cost_year": 1}, "cost_year"),
        ({"cost_amount": Decimal("2550"), "cost_provider": "HvA", "cost_year": 2999}, "cost_year"),
        ({"cost_provider": "HvA", "cost_year": 2019}, "cost_amount"),
    ],
)
def test_cost_facts_that_cannot_be_true_are_refused(finder_tree, changes, field):
    route = RoutePageFactory(parent=finder_tree["index"])
    for name, value in changes.items():
        setattr(route, name, value)
    with pytest.raises(ValidationError) as error:
        route.full_clean()
    assert field in error.value.message_dict


def test_no_cost_is_a_fact_too(finder_tree):
    route = RoutePageFactory(parent=finder_tree["index"], cost_amount=Decimal("0"))
    route.full_clean()
    assert route.cost_text == "Geen kosten voor jou"


def test_the_timeline_counts_months_while_every_step_has_a_length(finder_tree, client):
    route = RoutePageFactory(parent=finder_tree["index"], title="Zij-instroom")
    route.timeline = [
        RouteStep(title="Een baan op een school", months=None, description="Je solliciteert zelf."),
        RouteStep(title="Opleiding naast je baan", months=24),
    ]
    route.save_revision().publish()
    steps = RoutePage.objects.get(pk=route.pk).timeline_steps()
    assert [(s.step.title, s.start, s.end) for s in steps] == [
        ("Een baan op een school", None, None),
        ("Opleiding naast je baan", None, None),
    ]
    text = text_of(client, route)
    assert "Duur verschilt" in text and "Hoogstens 24 maanden" in text

    route = RoutePageFactory(parent=finder_tree["index"], title="Kopopleiding")
    route.timeline = [RouteStep(title="Toelating", months=1), RouteStep(title="Opleiding", months=12)]
    route.save_revision().publish()
    text = text_of(client, route)
    assert "Maand 1</span>" in text and "Maand 2 tot en met 13" in text


def test_route_cards_show_the_same_facts_without_a_query_per_source(finder_tree, client):
    for number in range(3):
        RoutePageFactory(
            parent=finder_tree["index"],
            title=f"Route {number}",
            cost_amount=Decimal("2550"),
            cost_provider="Hogeschool van Amsterdam",
            cost_year=2019,
        )
    with CaptureQueriesContext(connection) as queries:
        text = html.unescape(client.get(finder_tree["index"].url).content.decode())
    assert text.count("€ 2.550 (Hogeschool van Amsterdam, 2019)") == 3
    assert not [q for q in queries.captured_queries if '"routes_source"' in q["sql"]]


def test_the_register_button_is_near_the_top_of_a_route_page(finder_tree, client):
    route = RoutePageFactory(parent=finder_tree["index"])
    text = text_of(client, route)
    header = text[text.index('class="page-header"') : text.index('class="facts"')]
    assert f'href="/aanmelding/?route={route.pk}"' in header or f"?route={route.pk}" in header


def test_the_finder_compares_its_best_routes_side_by_side(finder_tree, client):
    for title, months, amount in (("Zij-instroom", 24, Decimal("2550")), ("Kopopleiding", 12, None)):
        RoutePageFactory(
            parent=finder_tree["index"],
            title=title,
            duration=f"{months} maanden",
            duration_months=months,
            cost_amount=amount,
            cost_provider="HvA" if amount else "",
            cost_year=2019 if amount else None,
            combines_with_job=JobCombination.NO,
        )
    answers = "opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent"
    text = html.unescape(client.get(f"{finder_tree['finder'].url}resultaat/?{answers}").content.decode())
    assert 'id="vergelijking-titel"' in text
    table = text[text.index("<table>") : text.index("</table>")]
    assert "Zij-instroom</a></th>" in table and "Kopopleiding</a></th>" in table
    flat = table.replace("\n", "").replace("  ", "")
    assert ("<td>24 maanden</td><td>12 maanden</td>" in flat) != ("<td>12 maanden</td><td>24 maanden</td>" in flat)
    assert "€ 2.550 (HvA, 2019)" in table


def test_what_you_need_first_reads_as_one_sentence(finder_tree):
    route = RoutePageFactory(parent=finder_tree["index"], needs_school_job=True, needs_suitability_test=True)
    [first] = route.facts_for("first")
    assert first.value == "Een baan op een school; een positief geschiktheidsonderzoek"
