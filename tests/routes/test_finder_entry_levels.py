"""One vocabulary of entry levels (routes/entry_levels.py): the route pages, the finder and the registration form
use the same values and labels, and every level that a route can admit names a real RoutePage field."""

import pytest

from recruitment.forms import RegistrationForm
from recruitment.models import Education as FormEducationOfRecruitment
from recruitment.models import Registration
from routes.entry_levels import (
    LEVELS,
    STORED_EDUCATION_CHOICES,
    EntryLevel,
    FinderEducation,
    FormEducation,
    StudyLevel,
    entry_levels_of,
    level_of,
    meets,
    open_to_words,
)
from routes.finder import QUESTIONS_BY_KEY, Answers
from routes.finder.matching import entry_levels_phrase
from routes.models import RoutePage

pytestmark = pytest.mark.django_db  # a new page asks the database for its default locale
ACCEPTS_FIELDS = {
    "accepts_mbo4",
    "accepts_havo_vwo",
    "accepts_hbo",
    "accepts_wo",
    "accepts_foreign_diploma",
    "accepts_students",
}


def route(*accepts):
    """An unsaved route page that admits the levels of these ``accepts_*`` fields."""
    return RoutePage(title="Route", **{name: name in accepts for name in ACCEPTS_FIELDS})


def test_every_level_of_the_vocabulary_is_described_once():
    assert set(LEVELS) == set(EntryLevel)
    assert [level.value for level in LEVELS.values()] == list(EntryLevel)


def test_every_accepts_field_is_a_route_field_and_each_is_named_by_one_level():
    fields = {field.name for field in RoutePage._meta.get_fields()}
    named = [level.accepts for level in LEVELS.values() if level.accepts]
    assert sorted(named) == sorted(ACCEPTS_FIELDS)
    for level in LEVELS.values():
        assert {level.accepts, *level.meets} - {""} <= fields, level


def test_the_finder_and_the_form_use_the_vocabularys_values_and_labels():
    for choices in (FinderEducation, StudyLevel, FormEducation):
        for value, label in choices.choices:
            assert EntryLevel(value).label == label
    assert FinderEducation.values == [
        "mbo2-3",
        "mbo4",
        "havo-vwo",
        "ad",
        "hbo",
        "wo",
        "buitenland",
        "student",
        "weet-niet",
    ]
    assert StudyLevel.values == ["mbo2-3", "mbo4", "hbo", "wo"]
    assert FormEducation.values == [
        "vmbo",
        "mbo2-3",
        "mbo4",
        "havo-vwo",
        "ad",
        "hbo",
        "wo",
        "buitenland",
        "weet-niet",
        "anders",
    ]
    assert QUESTIONS_BY_KEY["opleiding"].choices is FinderEducation
    assert QUESTIONS_BY_KEY["studie"].choices is StudyLevel
    assert FormEducationOfRecruitment is FormEducation


def test_the_registration_form_offers_the_forms_levels_and_a_registration_may_hold_the_old_one():
    offered = [value for value, _label in RegistrationForm().fields["education"].choices if value]
    assert offered == FormEducation.values
    assert dict(Registration._meta.get_field("education").choices) == dict(STORED_EDUCATION_CHOICES)
    assert [value for value, _label in STORED_EDUCATION_CHOICES] == FormEducation.values + ["vo"]


def test_every_finder_answer_has_its_sentence_and_every_study_its_diploma():
    for value in FinderEducation.values:
        assert str(level_of(value).phrase).startswith("Je "), value
    for value in StudyLevel.values:
        assert level_of(value).diploma and level_of(value).study_kind in ("mbo", "hbo", "wo"), value


def test_a_value_outside_the_vocabulary_has_no_level():
    for value in ("", "phd", "HBO", None, "mbo-4"):
        assert level_of(value) is None
        assert meets(value, route("accepts_hbo")) is False


def test_entry_levels_of_a_route_in_the_vocabularys_order():
    everything = route(*ACCEPTS_FIELDS)
    assert entry_levels_of(everything) == [
        ("mbo4", "mbo-4"),
        ("havo-vwo", "havo of vwo"),
        ("hbo", "hbo"),
        ("wo", "wo"),
        ("buitenland", "buitenlands diploma"),
        ("student", "student"),
    ]
    assert entry_levels_of(route("accepts_wo", "accepts_students")) == [("wo", "wo"), ("student", "student")]
    assert entry_levels_of(route()) == []


@pytest.mark.parametrize(
    "accepts", [(), ("accepts_mbo4",), ("accepts_hbo", "accepts_wo", "accepts_students"), tuple(sorted(ACCEPTS_FIELDS))]
)
def test_the_route_page_shows_the_same_entry_levels(accepts):
    page = route(*accepts)
    assert [(key, str(label)) for key, label in page.entry_levels] == [
        (key, str(label)) for key, label in entry_levels_of(page)
    ]


@pytest.mark.parametrize(
    ("education", "accepts", "expected"),
    [
        ("mbo4", "accepts_mbo4", True),
        ("ad", "accepts_mbo4", True),  # an Ad is at level 5: it meets what mbo-4 meets (S27)
        ("ad", "accepts_havo_vwo", True),
        ("ad", "accepts_hbo", False),  # ... not what an hbo bachelor meets
        ("mbo2-3", "accepts_mbo4", False),
        ("havo-vwo", "accepts_havo_vwo", True),
        ("hbo", "accepts_wo", False),
        ("buitenland", "accepts_foreign_diploma", True),
        ("student", "accepts_students", False),  # students are admitted by their own rules, not as a diploma
        ("weet-niet", "accepts_mbo4", False),
    ],
)
def test_which_diploma_meets_which_route(education, accepts, expected):
    assert meets(education, route(accepts)) is expected


def test_the_words_for_who_a_route_is_open_to():
    assert open_to_words(route("accepts_mbo4", "accepts_foreign_diploma", "accepts_students")) == [
        "mbo-4",
        "een buitenlands diploma",
    ]
    assert entry_levels_phrase(route("accepts_mbo4", "accepts_havo_vwo", "accepts_students")) == (
        "mensen met mbo-4 of havo of vwo en voor studenten"
    )
    assert entry_levels_phrase(route("accepts_hbo", "accepts_wo", "accepts_foreign_diploma")) == (
        "mensen met hbo, wo of een buitenlands diploma"
    )
    assert entry_levels_phrase(route("accepts_students")) == "studenten"
    assert entry_levels_phrase(route()) == ""


def test_the_finders_summary_reads_the_vocabularys_labels():
    answers = Answers.from_query({"opleiding": "student", "studie": "mbo4", "studiejaar": "2"})
    assert [str(label) for _question, label in answers.summary] == ["ik studeer nog", "mbo niveau 4", "Tweede jaar"]
