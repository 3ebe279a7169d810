"""Reasons: why a fitting route fits, in one or two Dutch sentences built from the answers and the route's facts.

Every sentence is a gettext message with named placeholders, so a translator (or an editor reading the catalogue)
sees whole sentences; the words for an entry level come from routes/entry_levels.py.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ..choices import TEACHING_QUALIFICATIONS, JobCombination, Qualification, WorkExperience
from ..entry_levels import level_of
from .predicates import after_the_diploma, has_degree, made_for_diploma, sentences
from .questions import Education, Experience, ForeignTeacher, KeepJob, Role, Study, StudyYear

# Reasons -----------------------------------------------------------------------------------------------------------


def outcome_phrase(route):
    """ "leidt tot een tweedegraads bevoegdheid (vmbo en mbo)", from the label editors see."""
    if route.qualification == Qualification.NONE:
        return _("leidt niet tot een bevoegdheid")
    label = str(route.get_qualification_display())
    label = label[:1].lower() + label[1:]
    if route.qualification == Qualification.SUPPORTING:  # "Een ondersteunende rol": the label has its article already
        return _("leidt tot %(qualification)s") % {"qualification": label}
    return _("leidt tot een %(qualification)s") % {"qualification": label}


def who_you_are(answers):
    """ "Je hebt een hbo-diploma": the visitor's education, in a sentence's first words."""
    if answers.education == Education.FOREIGN and answers.foreign_teacher == ForeignTeacher.YES:
        return _("Je was in het buitenland al bevoegd leraar")
    if answers.education == Education.STUDENT:
        return _("Je studeert nog (%(study)s, %(year)s)") % {
            "study": Study(answers.study).label,
            "year": str(StudyYear(answers.study_year).label).lower(),
        }
    return str(level_of(answers.education).phrase)


def how_you_start(answers, route):
    """How the visitor's education lets them start this route."""
    if after_the_diploma(answers, route):
        return _("als je je %(diploma)s hebt, kun je met deze route beginnen") % {
            "diploma": level_of(answers.study).diploma
        }
    if made_for_diploma(answers, route) or (
        route.requires_foreign_teaching_qualification and answers.foreign_teacher == ForeignTeacher.YES
    ):
        return _("deze route is speciaal voor mensen zoals jij")
    return any_education()


def any_education():
    return _("met jouw opleiding kun je deze route volgen")


def reasons_for(answers, route):
    """Two or three sentences, built from the answers and the route's facts: why this route fits. Each sentence
    follows from an answer and a fact; none says more than both do."""
    who = who_you_are(answers)
    entry = how_you_start(answers, route)
    combines = route.combines_with_job
    if answers.keep_job == KeepJob.YES:
        who = _("%(who)s en wilt je baan houden") % {"who": who}
        if answers.role == Role.FEW_HOURS and combines == JobCombination.ALONGSIDE:
            how = _("een paar uur per week lesgeven naast je werk is waar deze route voor is")
        elif combines in (JobCombination.YES, JobCombination.ALONGSIDE):
            how = _("deze route doe je naast je werk")
        elif route.needs_school_job:
            how = _(
                "je gaat daarnaast een deel van de week op een school werken, en die baan heb je nodig om te beginnen"
            )
        else:
            how = _("je gaat daarnaast een deel van de week op een school werken")
    elif answers.keep_job in (KeepJob.NO, KeepJob.NO_JOB):
        if answers.keep_job == KeepJob.NO:
            who = _("%(who)s en wilt overstappen naar het onderwijs") % {"who": who}
        else:
            who = _("%(who)s en hebt nu geen baan") % {"who": who}
        if route.needs_school_job:
            how = _("je gaat op een school werken en volgt de opleiding terwijl je daar werkt")
        else:
            how = entry
    elif route.needs_school_job:
        how = _("%(entry)s; je hebt wel eerst een baan op een school nodig") % {"entry": entry}
    else:
        how = entry
    first = _("%(who)s: %(how)s.") % {"who": who, "how": how}
    if how != entry and entry != any_education():
        first = sentences(first, _("%(entry)s.") % {"entry": capfirst(entry)})

    outcome = outcome_phrase(route)
    if route.qualification_only_for_foreign_teachers and answers.foreign_teacher != ForeignTeacher.YES:
        outcome = _(
            "is voor jou de eerste stap: na de waardering van je diploma kies je een Nederlandse route naar "
            "een bevoegdheid"
        )
    has_experience = answers.experience != Experience.NONE
    if has_experience and route.work_experience == WorkExperience.REQUIRED:
        condition = route.experience_condition(has_degree(answers))
        if condition:
            last = _("Je technische werkervaring is hier een voorwaarde (%(condition)s), en de route %(outcome)s.") % {
                "condition": condition,
                "outcome": outcome,
            }
        else:
            last = _("Je technische werkervaring is hier een voorwaarde, en de route %(outcome)s.") % {
                "outcome": outcome
            }
    elif has_experience and route.work_experience == WorkExperience.HELPFUL:
        last = _("Je technische werkervaring komt hier goed van pas, en de route %(outcome)s.") % {"outcome": outcome}
    elif not has_experience:
        last = _("Werkervaring is niet nodig, en de route %(outcome)s.") % {"outcome": outcome}
    else:
        last = _("De route %(outcome)s.") % {"outcome": outcome}
    if answers.role == Role.SUPPORT and route.qualification in TEACHING_QUALIFICATIONS:
        last = _("De route %(outcome)s: dat is meer dan een ondersteunende rol.") % {"outcome": outcome}
    group_note = ""
    if route.only_for_group:
        group_note = _("Let op: deze route is alleen voor %(group)s.") % {"group": route.only_for_group}
    return sentences(first, last, group_note)
