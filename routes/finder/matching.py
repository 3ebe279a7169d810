"""Matching: every route judged against the answers, from the facts editors keep on each RoutePage."""

from dataclasses import dataclass, field

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from ..choices import TEACHING_QUALIFICATIONS, JobCombination, Qualification, WorkExperience
from ..entry_levels import open_to_words
from .predicates import (
    after_the_diploma,
    has_degree,
    made_for_diploma,
    meets_diploma,
    sentences,
    student_fits_now,
)
from .questions import Answers, Education, Experience, ForeignTeacher, KeepJob, Role, Sector
from .reasons import reasons_for

# Matching ----------------------------------------------------------------------------------------------------------

# The most years of work experience each answer can mean (None: no upper limit).
MOST_YEARS_OF_EXPERIENCE = {Experience.NONE: 0, Experience.SOME: 2, Experience.LONG: None}
FULL_QUALIFICATIONS = {Qualification.SECOND_DEGREE, Qualification.PDG}
# Routes meant to be done beside a job outside education (hybride docent, gastdocent).
BESIDE_A_JOB = {JobCombination.ALONGSIDE}


@dataclass(frozen=True)
class Problem:
    """Why a route does not fit. ``lasting`` when the visitor cannot change it (their diploma), so the route is no
    near miss."""

    text: str
    lasting: bool = False

    def __str__(self):
        return self.text


@dataclass
class RouteAdvice:
    """One route, judged against the answers: why it fits (reasons) or why not (problems)."""

    route: object
    reasons: str = ""
    problems: list = field(default_factory=list)
    score: tuple = ()

    @property
    def fits(self):
        return not self.problems

    @property
    def is_near_miss(self):
        return len(self.problems) == 1 and not self.problems[0].lasting

    @property
    def why_not(self):
        return " ".join(problem.text for problem in self.problems[:2])


@dataclass
class FinderResult:
    answers: Answers
    fits: list
    near_misses: list
    other_routes: list

    @property
    def recommended(self):
        """The routes to pre-select on the registration form: the best few that fit."""
        return [advice.route for advice in self.fits[:3]]


def match_routes(answers, routes):
    """Judge every route against complete answers: the fitting routes best first, the near misses (one problem the
    visitor could do something about), then the rest."""
    advice = [judge(answers, route) for route in routes]
    fits = sorted((a for a in advice if a.fits), key=lambda a: ([-number for number in a.score], a.route.title))
    misses = sorted((a for a in advice if not a.fits), key=lambda a: (len(a.problems), a.route.title))
    return FinderResult(
        answers=answers,
        fits=fits,
        near_misses=[a for a in misses if a.is_near_miss],
        other_routes=[a for a in misses if not a.is_near_miss],
    )


def judge(answers, route):
    problems = [
        problem
        for problem in (
            entry_problem(answers, route),
            experience_problem(answers, route),
            job_problem(answers, route),
            sector_problem(answers, route),
            role_problem(answers, route),
        )
        if problem
    ]
    if problems:
        return RouteAdvice(route=route, problems=problems)
    return RouteAdvice(route=route, reasons=reasons_for(answers, route), score=score(answers, route))


def entry_levels_phrase(route):
    """ "mensen met mbo-4 of hbo en voor studenten": who a route is open to, from the entry levels it admits."""
    diplomas = open_to_words(route)
    groups = []
    if diplomas:
        groups.append(_("mensen met %(diplomas)s") % {"diplomas": get_text_list(diplomas, _("of"))})
    if route.accepts_students:
        groups.append(_("studenten"))
    return get_text_list(groups, _("en voor"))


def entry_problem(answers, route):
    if route.requires_foreign_teaching_qualification and answers.foreign_teacher != ForeignTeacher.YES:
        return Problem(_("Deze route is alleen voor wie in het buitenland al bevoegd leraar was."), lasting=True)
    if answers.education == Education.STUDENT:
        if student_fits_now(answers, route) or after_the_diploma(answers, route):
            return None
    elif meets_diploma(answers.education, route):
        return None
    levels = entry_levels_phrase(route)
    if not levels:
        return Problem(_("Voor deze route is nog geen instapniveau bekend."), lasting=True)
    text = _("Deze route staat open voor %(levels)s.") % {"levels": levels}
    open_to_dutch_diplomas = route.accepts_mbo4 or route.accepts_havo_vwo or route.accepts_hbo or route.accepts_wo
    if answers.education == Education.FOREIGN and open_to_dutch_diplomas:
        # A diploma from abroad can be valued as a Dutch one of the same level: a way in.
        return Problem(
            sentences(
                text,
                _(
                    "Laat je diploma eerst waarderen (bij Nuffic of SBB): dan telt het als een "
                    "Nederlands diploma van hetzelfde niveau."
                ),
            )
        )
    if answers.education == Education.UNSURE:
        return Problem(
            sentences(
                text, _("Weet je niet zeker welk diploma je hebt? Het Onderwijsloket zoekt het gratis met je uit.")
            )
        )
    if answers.education == Education.STUDENT and route.accepts_students:
        return Problem(
            sentences(text, _("Deze route is voor studenten van een andere opleiding of een ander studiejaar.")),
            lasting=True,
        )
    return Problem(text, lasting=True)


def experience_problem(answers, route):
    most = MOST_YEARS_OF_EXPERIENCE[answers.experience]
    degree = has_degree(answers)
    needed = route.min_years_for(degree)
    condition = route.experience_condition(degree)
    if route.work_experience == WorkExperience.REQUIRED and most == 0:
        if condition:
            return Problem(
                _("Deze route vraagt technische werkervaring (%(condition)s), en die heb je nog niet.")
                % {"condition": condition}
            )
        return Problem(_("Deze route vraagt technische werkervaring, en die heb je nog niet."))
    if needed and most is not None and most < needed:
        if not degree and route.has_separate_rule_without_degree:
            return Problem(_("Zonder hbo- of wo-diploma vraagt deze route %(condition)s.") % {"condition": condition})
        return Problem(_("Deze route vraagt minstens %(years)s jaar technische werkervaring.") % {"years": needed})
    return None


def job_problem(answers, route):
    combines = route.combines_with_job
    if answers.keep_job == KeepJob.YES and combines == JobCombination.NO:
        return Problem(
            _("Deze route doe je niet naast je huidige baan: je gaat (bijna) helemaal in het onderwijs werken.")
        )
    if answers.keep_job == KeepJob.NO and combines in BESIDE_A_JOB:
        return Problem(
            _("Je wilt overstappen naar het onderwijs; deze route is bedoeld naast een baan buiten het onderwijs.")
        )
    if answers.keep_job == KeepJob.NO_JOB and combines in BESIDE_A_JOB:
        return Problem(_("Deze route is bedoeld naast een baan buiten het onderwijs, en je hebt nu geen baan."))
    if answers.role == Role.FEW_HOURS and combines in (JobCombination.PART_TIME, JobCombination.NO):
        return Problem(
            _(
                "Je wilt een paar uur per week lesgeven naast je werk; met deze route werk je een groot "
                "deel van de week op een school."
            )
        )
    return None


def sector_problem(answers, route):
    if answers.sector == Sector.VMBO and not route.for_vmbo:
        return Problem(
            _("Met deze route geef je les in het mbo, niet in het vmbo.")
            if route.for_mbo
            else _("Deze route is niet voor lesgeven in het vmbo.")
        )
    if answers.sector == Sector.MBO and not route.for_mbo:
        return Problem(
            _("Met deze route geef je les in het vmbo, niet in het mbo.")
            if route.for_vmbo
            else _("Deze route is niet voor lesgeven in het mbo.")
        )
    return None


def role_problem(answers, route):
    first_step_abroad = route.qualification_only_for_foreign_teachers and answers.education == Education.FOREIGN
    if answers.role == Role.TEACHER and not leads_to_teaching_qualification(answers, route) and not first_step_abroad:
        # A diploma from abroad is valued first, whatever the goal (routes-facts.md, B row 13; S35): that route stays,
        # and its reason says it is a first step, not a bevoegdheid.
        return Problem(
            _(
                "Je wilt docent worden met een bevoegdheid; deze route leidt niet tot een bevoegdheid. Het "
                "kan wel een eerste stap zijn."
            )
        )
    return None


# How much each kind of fit weighs. The role outweighs everything else; within a role, a route that builds on the
# visitor's work experience comes before one made for their diploma, then the fit with their job and their sector.
# Equal points: the shorter route first.
ROLE_POINTS = {
    Role.TEACHER: {"full": 30, "limited": 10, "none": 0},
    Role.SUPPORT: {"full": 10, "limited": 10, "none": 30},
    Role.FEW_HOURS: {"full": 10, "limited": 10, "none": 20},
    Role.UNSURE: {"full": 20, "limited": 10, "none": 20},
}
# A few hours a week beside a job: the routes made for that come first (S31, S32, S33).
FEW_HOURS_POINTS = {JobCombination.ALONGSIDE: 20, JobCombination.YES: 5}
EXPERIENCE_POINTS = {WorkExperience.REQUIRED: 6, WorkExperience.HELPFUL: 2, WorkExperience.NOT_NEEDED: 0}
MADE_FOR_DIPLOMA_POINTS = 4
MADE_FOR_FOREIGN_TEACHER_POINTS = 2
JOB_POINTS = {
    KeepJob.YES: {
        JobCombination.ALONGSIDE: 2,
        JobCombination.YES: 2,
        JobCombination.PART_TIME: 1,
        JobCombination.NO: 0,
    },
    KeepJob.NO: {JobCombination.YES: 1, JobCombination.PART_TIME: 2, JobCombination.NO: 2},
    KeepJob.NO_JOB: {JobCombination.YES: 1, JobCombination.PART_TIME: 2, JobCombination.NO: 2},
    KeepJob.UNSURE: {},
}
SECTOR_POINTS = 2


def leads_to_teaching_qualification(answers, route):
    """A route leads to a bevoegdheid (or PDG) for this visitor: a route that does so only for teachers from abroad
    (DUO erkenning, S35) does not for others."""
    if route.qualification not in TEACHING_QUALIFICATIONS:
        return False
    return not (route.qualification_only_for_foreign_teachers and answers.foreign_teacher != ForeignTeacher.YES)


def qualification_kind(route):
    if route.qualification in FULL_QUALIFICATIONS:
        return "full"
    return "limited" if route.qualification in TEACHING_QUALIFICATIONS else "none"


def sectors_match(answers, route):
    wanted = {Sector.VMBO: {"vmbo"}, Sector.MBO: {"mbo"}, Sector.ANY: {"vmbo", "mbo"}}[answers.sector]
    return set(route.sectors) == wanted


def score(answers, route):
    """How well a fitting route fits, compared as a tuple: (first step, points, shorter first).

    A diploma from abroad has to be valued or recognised before any other route can start, so for it the routes
    made for foreign diplomas are the first step, whatever else was answered.
    """
    first_step = answers.education in (Education.FOREIGN, Education.STUDENT) and made_for_diploma(answers, route)
    points = ROLE_POINTS[answers.role][qualification_kind(route)]
    if answers.role == Role.FEW_HOURS:
        points += FEW_HOURS_POINTS.get(route.combines_with_job, 0)
    if answers.experience != Experience.NONE:
        points += EXPERIENCE_POINTS.get(route.work_experience, 0)
    if made_for_diploma(answers, route):
        points += MADE_FOR_DIPLOMA_POINTS
    if route.requires_foreign_teaching_qualification and answers.foreign_teacher == ForeignTeacher.YES:
        points += MADE_FOR_FOREIGN_TEACHER_POINTS
    points += JOB_POINTS[answers.keep_job].get(route.combines_with_job, 0)
    if sectors_match(answers, route):
        points += SECTOR_POINTS
    return (int(first_step), points, -route.duration_months)
