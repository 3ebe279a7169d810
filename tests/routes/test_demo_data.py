"""The routes app's demo content as data (routes/data/): every file parses and checks, a mistake names its file and
entry, and a fact edited in the data changes exactly that route when the data is loaded again."""

import shutil
from decimal import Decimal

import pytest
import yaml

from wagtail.models import Revision

import routes.demo
from content.demo import DemoDataError
from content.models import HomePage
from routes.demo import DATA_DIR, read_college_regions, read_regions, read_routes
from routes.models import Institution, Region, RoutePage
from tests.helpers import copy_data_dir, edit


@pytest.fixture
def data_dir(tmp_path):
    """A copy of routes/data to change."""
    return copy_data_dir(DATA_DIR, tmp_path)


def test_every_data_file_parses():
    files = sorted(DATA_DIR.rglob("*.yaml"))
    assert len(files) >= 4 + 13
    for path in files:
        with open(path, encoding="utf-8") as handle:
            assert isinstance(yaml.safe_load(handle), dict | list), path


def test_the_loader_reads_and_checks_every_file():
    data = read_routes()
    slugs = [route["slug"] for route in data["routes"]]
    assert sorted(slugs) == sorted(path.stem for path in (DATA_DIR / "routes").glob("*.yaml"))
    assert len(slugs) == 13 and len(set(slugs)) == 13
    assert set(data["featured"]) <= set(slugs)
    for route in data["routes"]:
        page = route["page"]
        assert page["title"] and page["for_whom"] and page["duration"], route["slug"]
        assert [block["type"] for block in page["body"]][:3] == ["paragraph", "steps", "faq"], route["slug"]
    pdg = next(route for route in data["routes"] if route["slug"] == "pdg")
    assert pdg["page"]["work_experience"] == "vereist"
    assert pdg["page"]["min_years_experience_without_degree"] == 3
    assert pdg["page"]["accepts_students"] is False, "a fact the file does not name takes its default"
    assert [college for college, _name, _url in pdg["programmes"]] == ["hu", "fontys", "hva"]


def test_the_regions_cover_every_postcode_once():
    regions = read_regions()
    covered = sorted(
        number for region in regions for start, end in region["ranges"] for number in range(start, end + 1)
    )
    assert covered == list(range(1000, 10000))
    assert [region["name"] for region in regions if region["is_default"]] == ["Landelijk"]
    colleges = read_college_regions()
    assert colleges["hu"] == {"region": "Midden", "ecpb_member": False}
    assert colleges["windesheim"] == {"region": "Oost", "ecpb_member": True}


# --- mistakes name the file and the entry ----------------------------------------------------------------------------


def test_an_unknown_fact_names_file_route_and_key(data_dir):
    path = edit(data_dir, "routes/pdg.yaml", "\nfacts:\n", "\nfacts:\n  wheelchair_access: true\n")
    with pytest.raises(DemoDataError) as error:
        read_routes(data_dir)
    message = str(error.value)
    assert str(path) in message
    assert "route pdg" in message
    assert "wheelchair_access" in message


def test_a_wrong_choice_value_names_the_values_it_may_take(data_dir):
    edit(data_dir, "routes/pdg.yaml", "work_experience: vereist", "work_experience: veriest")
    with pytest.raises(
        DemoDataError,
        match=r"route pdg, facts, work_experience: 'veriest' is not one of vereist, "
        r"nuttig, niet-nodig",
    ):
        read_routes(data_dir)


def test_a_fact_of_the_wrong_kind_is_refused(data_dir):
    edit(data_dir, "routes/pdg.yaml", "duration_months: 18", "duration_months: anderhalf jaar")
    with pytest.raises(DemoDataError, match=r"routes/pdg.yaml: route pdg, facts, duration_months: 'anderhalf jaar'"):
        read_routes(data_dir)


def test_an_unknown_college_names_file_route_and_programme(data_dir):
    path = edit(data_dir, "routes/pdg.yaml", "college: fontys", "college: fontis")
    with pytest.raises(DemoDataError) as error:
        read_routes(data_dir)
    message = str(error.value)
    assert str(path) in message
    assert "route pdg, programmes[1] (Pedagogisch Didactisch Getuigschrift (PDG))" in message
    assert "unknown college 'fontis'" in message
    assert "windesheim" in message, "it lists the colleges it knows"


def test_a_route_file_must_be_listed_and_a_listed_route_must_have_a_file(data_dir):
    shutil.copy(data_dir / "routes" / "pdg.yaml", data_dir / "routes" / "pdg-kopie.yaml")
    with pytest.raises(DemoDataError, match="pdg-kopie has a file in routes/ but is not listed"):
        read_routes(data_dir)
    (data_dir / "routes" / "pdg-kopie.yaml").unlink()
    (data_dir / "routes" / "gastdocent.yaml").unlink()
    with pytest.raises(DemoDataError, match="lists route 'gastdocent', but there is no routes/gastdocent.yaml"):
        read_routes(data_dir)


def test_an_unknown_block_or_region_names_its_place(data_dir):
    edit(data_dir, "routes/gastdocent.yaml", "  - steps:\n", "  - stappen:\n")
    with pytest.raises(DemoDataError, match=r"route gastdocent, body\[1\]: unknown block type 'stappen'"):
        read_routes(data_dir)
    edit(data_dir, "colleges.yaml", "region: Zuid", "region: Zuidwest")
    with pytest.raises(DemoDataError, match="colleges.yaml: college fontys: unknown region 'Zuidwest'"):
        read_college_regions(data_dir)


# --- loading ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_fact_edited_in_the_data_changes_exactly_that_route(demo_content, data_dir):
    before = dict(RoutePage.objects.values_list("slug", "latest_revision_id"))
    revisions = Revision.objects.count()
    snippets = (
        sorted(Region.objects.values_list("pk", "name", "description")),
        sorted(Institution.objects.values_list("pk", "region_id", "is_ecpb_member")),
    )
    edit(data_dir, "routes/pdg.yaml", "  duration_months: 18\n", "  duration_months: 20\n")

    tally = routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)

    # The route and its English translation, which has the same facts (routes/data/en/).
    assert (tally.created, tally.updated) == (0, 2)
    assert RoutePage.objects.get(slug="pdg").duration_months == 20
    assert RoutePage.objects.get(slug="pdg-teaching-in-mbo").duration_months == 20
    after = dict(RoutePage.objects.values_list("slug", "latest_revision_id"))
    assert {slug for slug in before if after[slug] != before[slug]} == {"pdg", "pdg-teaching-in-mbo"}
    assert Revision.objects.count() == revisions + 2
    assert (
        sorted(Region.objects.values_list("pk", "name", "description")),
        sorted(Institution.objects.values_list("pk", "region_id", "is_ecpb_member")),
    ) == snippets

    # The same data again changes nothing.
    tally = routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)
    assert (tally.created, tally.updated) == (0, 0)
    assert Revision.objects.count() == revisions + 2


@pytest.mark.django_db
def test_a_programme_edited_in_the_data_changes_that_route_only(demo_content, data_dir):
    before = dict(RoutePage.objects.values_list("slug", "latest_revision_id"))
    edit(
        data_dir,
        "routes/instructeur.yaml",
        "name: Pedagogisch Didactisch Certificaat voor instructeurs",
        "name: PDC voor instructeurs",
    )

    routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)

    route = RoutePage.objects.get(slug="instructeur")
    assert [programme.name for programme in route.programmes.all()] == ["PDC voor instructeurs"]
    after = dict(RoutePage.objects.values_list("slug", "latest_revision_id"))
    # The route and its English translation, which lists the same programmes.
    assert {slug for slug in before if after[slug] != before[slug]} == {"instructeur", "instructor-in-mbo"}


@pytest.mark.django_db
def test_any_route_page_field_can_be_a_fact_and_loads_once(demo_content, data_dir):
    """The generic facts mapping takes new fields (amounts, years, dates) without a change to the loader."""
    edit(
        data_dir,
        "routes/pdg.yaml",
        "  cost_amount: 6650\n  cost_provider: Hogeschool Utrecht\n  cost_year: 2023\n",
        "  cost_amount: 7100.50\n  cost_provider: Fontys\n  cost_year: 2025\n",
    )
    edit(data_dir, "routes/pdg.yaml", "  facts_checked_on: 2026-11-29\n", "  facts_checked_on: 2025-01-10\n")

    routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)

    pdg = RoutePage.objects.get(slug="pdg")
    assert (pdg.cost_amount, pdg.cost_provider, pdg.cost_year) == (Decimal("7100.50"), "Fontys", 2025)
    assert pdg.facts_checked_on.isoformat() == "2025-01-10"
    revisions = Revision.objects.count()
    tally = routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)
    assert (tally.created, tally.updated, Revision.objects.count()) == (0, 0, revisions)


@pytest.mark.django_db
def test_facts_the_page_refuses_name_the_file_and_route(demo_content, data_dir):
    path = edit(data_dir, "routes/gastdocent.yaml", "\nfacts:\n", "\nfacts:\n  needs_school_job: true\n")
    with pytest.raises(DemoDataError) as error:
        routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)
    message = str(error.value)
    assert message.startswith(f"{path}: route gastdocent: needs_school_job: ")
    assert "baan buiten het onderwijs" in message


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("funding: S5}", "funding: S99}", ["route pdg, sources", "unknown source funding: S99"]),
        (", funding: S5}", "}", ["route pdg, sources", "missing funding"]),
        (
            "  - title: Geschiktheidsverklaring van de school\n",
            "  - titel: Geschiktheidsverklaring\n",
            ["route pdg, timeline[1]", "missing title"],
        ),
    ],
)
def test_a_wrong_source_or_step_names_the_file_and_route(data_dir, old, new, words):
    edit(data_dir, "routes/pdg.yaml", old, new)
    with pytest.raises(DemoDataError) as error:
        routes.demo.read_routes(data_dir)
    for word in words:
        assert word in str(error.value), (str(error.value), word)


def test_a_source_code_comes_once(data_dir):
    edit(data_dir, "sources.yaml", "- code: S2\n", "- code: S1\n")
    with pytest.raises(DemoDataError, match=r"sources\.yaml\[1\]: the code S1 is already used"):
        routes.demo.read_routes(data_dir)


@pytest.mark.django_db
def test_every_route_has_its_sources_and_steps_and_an_edited_step_lands(demo_content, data_dir):
    for route in RoutePage.objects.live():
        assert route.missing_sources == [], route.slug
        assert route.facts_checked_on is not None, route.slug
    pdg = RoutePage.objects.get(slug="pdg")
    assert pdg.cost_source.code == "S9" and pdg.funding_source.code == "S5"
    assert [(s.title, s.months) for s in pdg.timeline.all()] == [
        ("Een baan als docent in het mbo", None),
        ("Geschiktheidsverklaring van de school", None),
        ("PDG-traject naast je baan", 24),
    ]
    edit(data_dir, "routes/pdg.yaml", "    months: 24\n", "    months: 18\n")
    tally = routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir)
    assert (tally.created, tally.updated) == (0, 2)  # the route and its English translation (same months)
    assert pdg.timeline.get(title="PDG-traject naast je baan").months == 18
    assert routes.demo.load({"home": HomePage.objects.get(locale__language_code="nl")}, data_dir=data_dir).updated == 0
