"""One vocabulary of entry levels (the diplomas people have, or study for), shared by the route pages, the route
finder and the registration form.

Each level has one stored value and one label, and says which ``RoutePage.accepts_*`` field admits it, which route
fields a diploma at that level meets, and the words the finder and the route pages use for it. The finder offers
some levels, the registration form others (it asks for the highest diploma someone has, so no "ik studeer nog"), and
``SECONDARY`` is kept only for registrations stored before the form split vmbo from havo/vwo.

The recruitment app imports this module; nothing here imports recruitment.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryLevel(models.TextChoices):
    """Every entry level, in the order people read them (lowest diploma first)."""

    VMBO = "vmbo", _("vmbo")
    MBO23 = "mbo2-3", _("mbo niveau 2 of 3")
    MBO4 = "mbo4", _("mbo niveau 4")
    HAVO_VWO = "havo-vwo", _("havo of vwo")
    AD = "ad", _("een Associate degree (Ad)")
    HBO = "hbo", _("hbo (hogeschool)")
    WO = "wo", _("wo (universiteit)")
    FOREIGN = "buitenland", _("een diploma uit het buitenland")
    STUDENT = "student", _("ik studeer nog")
    UNSURE = "weet-niet", _("weet ik niet")
    OTHER = "anders", _("iets anders")
    SECONDARY = "vo", _("vmbo, havo of vwo")


@dataclass(frozen=True)
class Level:
    """What the site knows about one entry level."""

    value: EntryLevel
    accepts: str = ""  # the RoutePage field that says a route admits this level ("" when none does)
    meets: tuple = ()  # the RoutePage fields a diploma at this level meets (an Ad meets what mbo-4 meets)
    phrase: str = ""  # the finder's reason: "Je hebt een mbo-4-diploma"
    diploma: str = ""  # the diploma a student of this level will have: "mbo-4-diploma"
    route_label: str = ""  # on a route page, after "Instapniveau": "mbo-4"
    open_to: str = ""  # in "Deze route staat open voor mensen met ...": "mbo-4"
    study_kind: str = ""  # the kind of study (RoutePage.student_study) a student at this level follows
    in_finder: bool = False  # an answer to the finder's first question
    in_study: bool = False  # an answer to the finder's "Wat studeer je nu?"
    in_form: bool = False  # a choice on the registration form

    @property
    def label(self):
        return self.value.label


LEVELS = {
    level.value: level
    for level in (
        Level(EntryLevel.VMBO, in_form=True),
        Level(
            EntryLevel.MBO23,
            phrase=_("Je hebt een mbo-diploma op niveau 2 of 3"),
            diploma=_("mbo-diploma (niveau 2 of 3)"),
            study_kind="mbo",
            in_finder=True,
            in_study=True,
            in_form=True,
        ),
        Level(
            EntryLevel.MBO4,
            accepts="accepts_mbo4",
            meets=("accepts_mbo4",),
            phrase=_("Je hebt een mbo-4-diploma"),
            diploma=_("mbo-4-diploma"),
            route_label=_("mbo-4"),
            open_to=_("mbo-4"),
            study_kind="mbo",
            in_finder=True,
            in_study=True,
            in_form=True,
        ),
        Level(
            EntryLevel.HAVO_VWO,
            accepts="accepts_havo_vwo",
            meets=("accepts_havo_vwo",),
            phrase=_("Je hebt een havo- of vwo-diploma"),
            route_label=_("havo of vwo"),
            open_to=_("havo of vwo"),
            in_finder=True,
            in_form=True,
        ),
        # An Ad is at level 5, between mbo-4 and a bachelor (routes-facts.md, supporting roles, S27): it meets what
        # mbo-4 (and havo/vwo) meets, not what an hbo bachelor meets.
        Level(
            EntryLevel.AD,
            meets=("accepts_mbo4", "accepts_havo_vwo"),
            phrase=_("Je hebt een Associate degree"),
            in_finder=True,
            in_form=True,
        ),
        Level(
            EntryLevel.HBO,
            accepts="accepts_hbo",
            meets=("accepts_hbo",),
            phrase=_("Je hebt een hbo-diploma"),
            diploma=_("hbo-diploma"),
            route_label=_("hbo"),
            open_to=_("hbo"),
            study_kind="hbo",
            in_finder=True,
            in_study=True,
            in_form=True,
        ),
        Level(
            EntryLevel.WO,
            accepts="accepts_wo",
            meets=("accepts_wo",),
            phrase=_("Je hebt een wo-diploma"),
            diploma=_("wo-diploma"),
            route_label=_("wo"),
            open_to=_("wo"),
            study_kind="wo",
            in_finder=True,
            in_study=True,
            in_form=True,
        ),
        Level(
            EntryLevel.FOREIGN,
            accepts="accepts_foreign_diploma",
            meets=("accepts_foreign_diploma",),
            phrase=_("Je hebt een buitenlands diploma"),
            route_label=_("buitenlands diploma"),
            open_to=_("een buitenlands diploma"),
            in_finder=True,
            in_form=True,
        ),
        # Students are admitted by their own rules (what and which year they study), not by a diploma.
        Level(
            EntryLevel.STUDENT,
            accepts="accepts_students",
            phrase=_("Je studeert nog"),
            route_label=_("student"),
            in_finder=True,
        ),
        Level(EntryLevel.UNSURE, phrase=_("Je weet niet zeker welk diploma je hebt"), in_finder=True, in_form=True),
        Level(EntryLevel.OTHER, in_form=True),
        Level(EntryLevel.SECONDARY),
    )
}


def level_of(value):
    """The Level for a stored or posted value, or None for a value outside the vocabulary."""
    try:
        return LEVELS.get(EntryLevel(value))
    except ValueError:
        return None


def _choices(name, wanted):
    """A TextChoices class with the levels ``wanted`` picks, in the vocabulary's order, under their own names."""
    return models.TextChoices(
        name, [(member.name, (member.value, member.label)) for member in EntryLevel if wanted(LEVELS[member])]
    )


# The answers to the finder's "Wat is je hoogste opleiding?" and "Wat studeer je nu?".
FinderEducation = _choices("FinderEducation", lambda level: level.in_finder)
StudyLevel = _choices("StudyLevel", lambda level: level.in_study)
# The registration form's "Je hoogste opleiding", and what a registration may hold (the form's levels and the old
# ones no longer offered).
FormEducation = _choices("FormEducation", lambda level: level.in_form)
STORED_EDUCATION_CHOICES = FormEducation.choices + [(EntryLevel.SECONDARY.value, EntryLevel.SECONDARY.label)]


def entry_levels_of(route):
    """The levels a route admits, as (value, label) pairs in the vocabulary's order: what ``RoutePage.entry_levels``
    and the route page's "Instapniveau" show."""
    return [
        (level.value.value, level.route_label)
        for level in LEVELS.values()
        if level.accepts and getattr(route, level.accepts, False)
    ]


def meets(value, route):
    """A diploma at this level (had now, or studied for) meets the route's entry levels."""
    level = level_of(value)
    return bool(level) and any(getattr(route, name, False) for name in level.meets)


def open_to_words(route):
    """The diplomas a route is open to, in words ("mbo-4", "havo of vwo", "een buitenlands diploma")."""
    return [
        level.open_to
        for level in LEVELS.values()
        if level.accepts and level.open_to and getattr(route, level.accepts, False)
    ]
