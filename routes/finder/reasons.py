"""Reasons: why a fitting route fits, in one or two Dutch sentences built from the answers and the route's facts."""

from ..models.pages import TEACHING_QUALIFICATIONS, JobCombination, Qualification, WorkExperience
from .matching import STUDY_DIPLOMA_WORDS, after_the_diploma, has_degree, made_for_diploma
from .questions import Education, Experience, ForeignTeacher, KeepJob, Role, Study, StudyYear

# Reasons -----------------------------------------------------------------------------------------------------------

EDUCATION_PHRASES = {
    Education.MBO23: "Je hebt een mbo-diploma op niveau 2 of 3",
    Education.MBO4: "Je hebt een mbo-4-diploma",
    Education.HAVO_VWO: "Je hebt een havo- of vwo-diploma",
    Education.AD: "Je hebt een Associate degree",
    Education.HBO: "Je hebt een hbo-diploma",
    Education.WO: "Je hebt een wo-diploma",
    Education.FOREIGN: "Je hebt een buitenlands diploma",
    Education.STUDENT: "Je studeert nog",
    Education.UNSURE: "Je weet niet zeker welk diploma je hebt",
}


def outcome_phrase(route):
    """"leidt tot een tweedegraads bevoegdheid (vmbo en mbo)", from the label editors see."""
    if route.qualification == Qualification.NONE:
        return "leidt niet tot een bevoegdheid"
    label = route.get_qualification_display()
    label = label[:1].lower() + label[1:]
    return f"leidt tot {label}" if label.startswith("een ") else f"leidt tot een {label}"


def reasons_for(answers, route):
    """Two or three sentences, built from the answers and the route's facts: why this route fits. Each sentence
    follows from an answer and a fact; none says more than both do."""
    who = EDUCATION_PHRASES[answers.education]
    if answers.education == Education.FOREIGN and answers.foreign_teacher == ForeignTeacher.YES:
        who = "Je was in het buitenland al bevoegd leraar"
    if answers.education == Education.STUDENT:
        who = f"Je studeert nog ({Study(answers.study).label}, {StudyYear(answers.study_year).label.lower()})"
    if after_the_diploma(answers, route):
        entry = f"als je je {STUDY_DIPLOMA_WORDS[answers.study]} hebt, kun je met deze route beginnen"
    elif made_for_diploma(answers, route) or (
        route.requires_foreign_teaching_qualification and answers.foreign_teacher == ForeignTeacher.YES
    ):
        entry = "deze route is speciaal voor mensen zoals jij"
    else:
        entry = "met jouw opleiding kun je deze route volgen"
    combines = route.combines_with_job
    if answers.keep_job == KeepJob.YES:
        who += " en wilt je baan houden"
        if answers.role == Role.FEW_HOURS and combines == JobCombination.ALONGSIDE:
            how = "een paar uur per week lesgeven naast je werk is waar deze route voor is"
        elif combines in (JobCombination.YES, JobCombination.ALONGSIDE):
            how = "deze route doe je naast je werk"
        elif route.needs_school_job:
            how = "je gaat daarnaast een deel van de week op een school werken, en die baan heb je nodig om te beginnen"
        else:
            how = "je gaat daarnaast een deel van de week op een school werken"
    elif answers.keep_job in (KeepJob.NO, KeepJob.NO_JOB):
        who += " en wilt overstappen naar het onderwijs" if answers.keep_job == KeepJob.NO else " en hebt nu geen baan"
        if route.needs_school_job:
            how = "je gaat op een school werken en volgt de opleiding terwijl je daar werkt"
        else:
            how = entry
    elif route.needs_school_job:
        how = f"{entry}; je hebt wel eerst een baan op een school nodig"
    else:
        how = entry
    first = f"{who}: {how}."
    if how != entry and entry != "met jouw opleiding kun je deze route volgen":
        first += f" {entry[:1].upper()}{entry[1:]}."

    outcome = outcome_phrase(route)
    if route.qualification_only_for_foreign_teachers and answers.foreign_teacher != ForeignTeacher.YES:
        outcome = ("is voor jou de eerste stap: na de waardering van je diploma kies je een Nederlandse route naar een"
                   " bevoegdheid")
    has_experience = answers.experience != Experience.NONE
    if has_experience and route.work_experience == WorkExperience.REQUIRED:
        condition = route.experience_condition(has_degree(answers))
        at_least = f" ({condition})" if condition else ""
        last = f"Je technische werkervaring is hier een voorwaarde{at_least}, en de route {outcome}."
    elif has_experience and route.work_experience == WorkExperience.HELPFUL:
        last = f"Je technische werkervaring komt hier goed van pas, en de route {outcome}."
    elif not has_experience:
        last = f"Werkervaring is niet nodig, en de route {outcome}."
    else:
        last = f"De route {outcome}."
    if answers.role == Role.SUPPORT and route.qualification in TEACHING_QUALIFICATIONS:
        last = f"De route {outcome}: dat is meer dan een ondersteunende rol."
    sentences = [first, last]
    if route.only_for_group:
        sentences.append(f"Let op: deze route is alleen voor {route.only_for_group}.")
    return " ".join(sentence for sentence in sentences if sentence)
