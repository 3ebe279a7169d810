"""The content app's demo content as data (content/data/*.yaml): every file reads and checks, a mistake names its file
and entry, and an edited text changes exactly that page when the data is loaded again."""

import datetime as dt

import pytest
import time_machine

from django.utils import timezone

from wagtail.models import Page

import content.demo
from content.demo import COLLEGES, DATA_DIR, DemoData, DemoDataError, read_colleges, read_data
from content.models import ArticlePage, EventPage, GlossaryTerm, PracticeExample, SiteSettings, StandardPage
from tests.helpers import copy_data_dir, edit


@pytest.fixture
def data_dir(tmp_path):
    """A copy of content/data to change."""
    return copy_data_dir(DATA_DIR, tmp_path)


# --- the files as they are -------------------------------------------------------------------------------------------


def test_every_data_file_parses_and_is_read_by_the_loader():
    on_disk = sorted(path.name for path in DATA_DIR.glob("*.yaml"))
    assert on_disk == sorted(DemoData.FILES), "every data file is read, and every file the loader reads is there"
    for name in on_disk:
        assert isinstance(read_data(DATA_DIR, name), dict), name


def test_the_data_has_what_the_loader_needs():
    data = DemoData()
    slugs = {spec.path for spec in data.page_specs()}
    assert {
        "privacy",
        "toegankelijkheid",
        "contact",
        "uit-de-praktijk",
        "agenda",
        "docententoolkit",
        "begrippen",
    } <= slugs
    assert len(data.articles) >= 4
    assert len(data.practice_examples) >= 15
    assert all(spec.fields["title"] and spec.fields["intro"] for spec in data.page_specs())
    assert all(
        fields["source_name"] and fields["source_url"].startswith("https://") for _lookup, fields in data.glossary_terms
    )
    assert any(isinstance(spec.fields["start_date"], content.demo.RelativeDate) for spec in data.events), (
        "one event is always upcoming"
    )
    (privacy,) = [spec for spec in data.standard_pages if spec.slug == "privacy"]
    version = data.settings["privacy_version"]
    assert f"versie {version} van deze privacyverklaring" in str(privacy.fields["body"]), (
        "the privacy statement names the version in site.yaml"
    )


def test_colleges_are_read_from_their_data_file():
    assert COLLEGES == read_colleges()
    assert [college["key"] for college in COLLEGES] == ["windesheim", "fontys", "rotterdam", "hva", "aeres", "hu"]
    for college in COLLEGES:
        assert college["contact_email"].endswith("@example.org"), college
        assert college["website"].startswith("https://"), college


def test_the_blocks_of_the_data_become_stream_data():
    data = DemoData()
    (contact,) = [spec for spec in data.standard_pages if spec.slug == "contact"]
    cards = [block["value"] for block in contact.fields["body"] if block["type"] == "contact_card"]
    colleges = [(card["organisation"], card["email"]) for card in cards if card["role"] == "Lerarenopleiding"]
    assert colleges == [(college["name"], college["contact_email"]) for college in COLLEGES], (
        "college_contact_cards: all gives one card per college"
    )
    (privacy,) = [spec for spec in data.standard_pages if spec.slug == "privacy"]
    first_paragraph = next(block["value"] for block in privacy.fields["body"] if block["type"] == "paragraph")
    assert first_paragraph.startswith("<p>Als je het aanmeldformulier invult, bewaren we:</p><ul><li>je naam")
    assert "</li></ul><p>We houden ook bij" in first_paragraph
    assert "\n" not in first_paragraph and "  " not in first_paragraph


# --- mistakes --------------------------------------------------------------------------------------------------------

MISTAKES = [
    # (file, old text, new text, words the error must contain)
    (
        "toolkit.yaml",
        "      - heading: Begin bij het profiel",
        "      - headline: Begin bij het profiel",
        ["toolkit.yaml", "articles[0] (nieuwe-doelgroepen-interesseren)", "body[0]", "unknown block type 'headline'"],
    ),
    (
        "toolkit.yaml",
        "    title: 'Hybride docentschap: werken in de techniek en in de klas'\n",
        "",
        ["toolkit.yaml", "articles[2] (hybride-docentschap)", "missing title"],
    ),
    (
        "events.yaml",
        '    start_time: "15:00"',
        '    start_time: "kwart over drie"',
        ["events.yaml", "events[0] (ecpb-online-bijeenkomst-2024)", "start_time", "19:30"],
    ),
    (
        "practice_examples.yaml",
        "    theme: strategisch-hrm",
        "    theme: hrm",
        [
            "practice_examples.yaml",
            "examples[0] (Strategisch hrm en personeelsplanning bij een tekort)",
            "theme",
            "'hrm' is not one of",
        ],
    ),
    (
        "glossary.yaml",
        "    source_url: https://www.onderwijsloket.com/kennisbank/artikel-archief/hoe-word-ik-leraar-in-het-vmbo/\n",
        "",
        ["glossary.yaml", "terms[0] (Bevoegdheid)", "missing source_url"],
    ),
    (
        "toolkit.yaml",
        "            page: uit-de-praktijk\n",
        "            page: uit-de-praktyk\n",
        ["toolkit.yaml", "articles[0] (nieuwe-doelgroepen-interesseren)", "'uit-de-praktyk'", "not in the data"],
    ),
    (
        "site.yaml",
        "      page: begrippen",
        "      pagina: begrippen",
        ["site.yaml", "footer_links[3] (Begrippenlijst)", "unknown key pagina"],
    ),
    (
        "events.yaml",
        "    start_date: in 4 weeks",
        "    start_date: over een maand",
        ["events.yaml", "events[1] (informatiebijeenkomst-word-techniekdocent)", "start_date", "in 4 weeks"],
    ),
    (
        "toolkit.yaml",
        "    checked_on: 2026-11-29\n    sources:\n      - title: Opleiden doe je samen!",
        "    checked_on: gisteren\n    sources:\n      - title: Opleiden doe je samen!",
        ["toolkit.yaml", "articles[1] (samen-opleiden)", "checked_on", "expected a date like 2026-11-29"],
    ),
    (
        "toolkit.yaml",
        "      - title: Uit de praktijk\n        publisher: Voion",
        "      - titel: Uit de praktijk\n        publisher: Voion",
        ["toolkit.yaml", "articles[3] (tips-werving-loopbaan-scholing), sources[1]", "missing title"],
    ),
    ("colleges.yaml", "  - key: hu\n", "  - sleutel: hu\n", ["colleges.yaml", "colleges[5]", "missing key"]),
    (
        "pages.yaml",
        "      - college_contact_cards: all",
        "      - college_contact_cards: [windesheim, utrecht]",
        ["pages.yaml", "pages[2] (contact)", "unknown college utrecht"],
    ),
    (
        "events.yaml",
        "      - paragraph: |\n          Twijfel je",
        "      - steps: |\n          Twijfel je",
        ["events.yaml", "events[1]", "unknown block type 'steps' for a EventPage"],
    ),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "words"), MISTAKES, ids=[f"{m[0]}:{m[2].strip()[:30]}" for m in MISTAKES]
)
def test_a_mistake_names_its_file_and_entry(data_dir, name, old, new, words):
    edit(data_dir, name, old, new, count=None)
    with pytest.raises(DemoDataError) as error:
        DemoData(data_dir)
    for word in words:
        assert word in str(error.value), (str(error.value), word)


def test_invalid_yaml_names_its_file(data_dir):
    edit(data_dir, "glossary.yaml", "  - term: PDG\n", "  - term: PDG\n   - oops: [\n")
    with pytest.raises(DemoDataError, match=r"glossary\.yaml: not valid YAML"):
        DemoData(data_dir)


def test_a_duplicate_slug_is_refused(data_dir):
    edit(data_dir, "toolkit.yaml", "  - slug: samen-opleiden", "  - slug: hybride-docentschap")
    with pytest.raises(
        DemoDataError,
        match=r"toolkit\.yaml, articles\[2\] \(hybride-docentschap\): the slug "
        r"'hybride-docentschap' is already used by toolkit\.yaml, articles\[1\]",
    ):
        DemoData(data_dir)


def test_a_duplicate_term_is_refused(data_dir):
    edit(data_dir, "glossary.yaml", "  - term: PAL", "  - term: PDG")
    with pytest.raises(DemoDataError, match=r"glossary\.yaml, terms: the same term twice: PDG"):
        DemoData(data_dir)


# --- loading ---------------------------------------------------------------------------------------------------------


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("id", "slug", "title", "latest_revision_id")),
        "examples": sorted(PracticeExample.objects.values_list("id", "title", "summary")),
        "terms": sorted(GlossaryTerm.objects.values_list("id", "term", "explanation")),
        "settings": list(SiteSettings.objects.values_list("site_name", "privacy_version")),
    }


@pytest.mark.django_db
def test_loading_the_same_data_twice_changes_nothing():
    tally = content.demo.load({})
    assert tally.created > 0
    before = snapshot()
    again = content.demo.load({})
    assert (again.created, again.updated) == (0, 0)
    assert snapshot() == before


@pytest.mark.django_db
def test_an_edited_text_changes_exactly_that_page(data_dir):
    content.demo.load({}, data_dir=DATA_DIR)
    before = snapshot()
    hybrid = ArticlePage.objects.get(slug="hybride-docentschap")
    assert "Ongeveer 40 procent" in str(hybrid.body)

    edit(data_dir, "toolkit.yaml", "Ongeveer 40 procent van de mensen", "Ongeveer veertig procent van de mensen")
    tally = content.demo.load({}, data_dir=data_dir)

    assert (tally.created, tally.updated) == (0, 1)
    hybrid.refresh_from_db()
    assert "Ongeveer veertig procent" in str(hybrid.body)
    assert "40 procent" not in str(hybrid.body)
    after = snapshot()
    changed = [row for row in after["pages"] if row not in before["pages"]]
    assert [(page_id, slug) for page_id, slug, _title, _revision in changed] == [(hybrid.pk, "hybride-docentschap")]
    assert {key: value for key, value in after.items() if key != "pages"} == {
        key: value for key, value in before.items() if key != "pages"
    }


@pytest.mark.django_db
def test_an_edited_glossary_term_and_a_new_page_land_on_reload(data_dir):
    content.demo.load({}, data_dir=DATA_DIR)
    edit(
        data_dir, "glossary.yaml", "Studiepunten in het hoger onderwijs", "Punten voor je studie in het hoger onderwijs"
    )
    with open(data_dir / "pages.yaml", "a", encoding="utf-8") as pages:
        pages.write(
            "  - slug: colofon\n    title: Colofon\n    body:\n      - paragraph: |\n          Gemaakt door de "
            "redactie.\n"
        )
    tally = content.demo.load({}, data_dir=data_dir)
    assert (tally.created, tally.updated) == (1, 1)
    assert GlossaryTerm.objects.get(term="EC").explanation.startswith("Punten voor je studie in het hoger onderwijs")
    colofon = StandardPage.objects.get(slug="colofon")
    assert colofon.live
    assert colofon.body.raw_data[0]["value"] == "<p>Gemaakt door de redactie.</p>"


@pytest.mark.django_db
def test_an_always_upcoming_event_keeps_its_date_and_moves_once_it_has_passed():
    content.demo.load({})
    event = EventPage.objects.get(slug="informatiebijeenkomst-word-techniekdocent")
    today = timezone.localdate()
    assert event.start_date == today + dt.timedelta(weeks=4)
    assert EventPage.objects.get(slug="ecpb-online-bijeenkomst-2024").start_date == dt.date(2024, 6, 12)

    with time_machine.travel(timezone.now() + dt.timedelta(weeks=2)):
        content.demo.load({})
        assert EventPage.objects.get(pk=event.pk).start_date == event.start_date, "still ahead: kept"
    with time_machine.travel(timezone.now() + dt.timedelta(weeks=5)):
        content.demo.load({})
        later = timezone.localdate()
        assert EventPage.objects.get(pk=event.pk).start_date == later + dt.timedelta(weeks=4), "passed: moved"


@pytest.mark.django_db
def test_every_article_carries_its_sources_and_checked_date_and_an_edited_source_lands(data_dir, client):
    content.demo.load({}, data_dir=DATA_DIR)
    for article in ArticlePage.objects.live():
        assert article.checked_on == dt.date(2026, 11, 29), article.slug
        assert article.sources.exists(), article.slug
    tips = ArticlePage.objects.get(slug="tips-werving-loopbaan-scholing")
    assert [s.title for s in tips.sources.order_by("sort_order")] == [
        "Tips voor werving (in de docententoolkit)",
        "Uit de praktijk",
    ]
    edit(
        data_dir,
        "toolkit.yaml",
        "      - title: Uit de praktijk\n        publisher: Voion\n",
        "      - title: Uit de praktijk\n        publisher: Voion\n        published: 2024\n",
    )
    tally = content.demo.load({}, data_dir=data_dir)
    assert (tally.created, tally.updated) == (0, 1)
    assert tips.sources.get(title="Uit de praktijk").published == "2024"
    assert content.demo.load({}, data_dir=data_dir).updated == 0
