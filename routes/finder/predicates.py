"""Predicates on the answers and a route that both the matching (routes/finder/matching.py) and the reasons
(routes/finder/reasons.py) read. Here, so that the matching can use the reasons without an import circle."""

from ..entry_levels import entry_levels_of, level_of, meets
from .questions import Education


def meets_diploma(education, route):
    """A diploma at this entry level (had now, or studied for) meets the route's entry levels (an Ad meets what
    mbo-4 meets: routes/entry_levels.py)."""
    return meets(education, route)


def study_kind(answers):
    """The kind of study (mbo, hbo, wo) a student follows, as RoutePage.student_study names it."""
    level = level_of(answers.study) if answers.study else None
    return level.study_kind if level else ""


def student_fits_now(answers, route):
    """A student fits a route for students of their kind of study and year (e.g. PAL: university students in
    their 2nd or 3rd year, S34)."""
    if answers.education != Education.STUDENT or not route.accepts_students:
        return False
    if route.student_study and route.student_study != study_kind(answers):
        return False
    year = int(answers.study_year or 0)
    if route.student_min_year and year < route.student_min_year:
        return False
    return not (route.student_max_year and year > route.student_max_year)


def after_the_diploma(answers, route):
    """A student whose coming diploma meets the route: it fits once they have it, not now."""
    return (
        answers.education == Education.STUDENT
        and not student_fits_now(answers, route)
        and meets_diploma(answers.study, route)
    )


def sentences(*texts):
    """Sentences, one after the other."""
    return " ".join(str(text) for text in texts if text)


def has_degree(answers):
    """An hbo or wo diploma now: the PDG asks more of people without one (routes-facts.md, PDG; S6, S8)."""
    return answers.education in (Education.HBO, Education.WO)


def made_for_diploma(answers, route):
    """True when the route is open to the visitor's kind of diploma only: it was made for people like them."""
    if answers.education == Education.STUDENT:
        return student_fits_now(answers, route)
    return [value for value, _label in entry_levels_of(route)] == [answers.education]
