"""The route finder: a few questions, then every live route ranked by how well its structured facts fit the answers.

Nothing here names a route. The matcher reads the facts editors keep on each RoutePage (entry levels, work
experience, whether it combines with a job, sectors, the qualification it leads to), so editing or adding a route
page changes the finder without a deploy.
"""

from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode

from django.db import models

from .models.pages import TEACHING_QUALIFICATIONS, JobCombination, Qualification, WorkExperience

# Answers -----------------------------------------------------------------------------------------------------------


class Education(models.TextChoices):
    MBO23 = "mbo2-3", "mbo niveau 2 of 3"
    MBO4 = "mbo4", "mbo niveau 4"
    HAVO_VWO = "havo-vwo", "havo of vwo"
    AD = "ad", "een Associate degree (Ad)"
    HBO = "hbo", "hbo (hogeschool)"
    WO = "wo", "wo (universiteit)"
    FOREIGN = "buitenland", "een diploma uit het buitenland"
    STUDENT = "student", "ik studeer nog"
    UNSURE = "weet-niet", "weet ik niet"


class Study(models.TextChoices):
    """What a student studies now: the diploma they will have, not one they have."""

    MBO23 = "mbo2-3", "mbo niveau 2 of 3"
    MBO4 = "mbo4", "mbo niveau 4"
    HBO = "hbo", "hbo (hogeschool)"
    WO = "wo", "wo (universiteit)"


class StudyYear(models.TextChoices):
    FIRST = "1", "Eerste jaar"
    SECOND = "2", "Tweede jaar"
    THIRD = "3", "Derde jaar"
    LATER = "4", "Vierde jaar of later"


class ForeignTeacher(models.TextChoices):
    YES = "ja", "Ja, ik was daar bevoegd leraar"
    NO = "nee", "Nee"


class Experience(models.TextChoices):
    NONE = "geen", "Geen"
    SOME = "kort", "Minder dan 3 jaar"
    LONG = "lang", "3 jaar of meer"


class KeepJob(models.TextChoices):
    YES = "ja", "Ja, ik wil mijn baan houden"
    NO = "nee", "Nee, ik wil overstappen naar het onderwijs"
    NO_JOB = "geen-baan", "Ik heb nu geen baan"
    UNSURE = "weet-niet", "Weet ik nog niet"


class Sector(models.TextChoices):
    VMBO = "vmbo", "Het vmbo"
    MBO = "mbo", "Het mbo"
    ANY = "geen-voorkeur", "Geen voorkeur"


class Role(models.TextChoices):
    TEACHER = "docent", "Docent, met een bevoegdheid"
    SUPPORT = "ondersteunend", "Een ondersteunende rol, bijvoorbeeld instructeur of onderwijsassistent"
    FEW_HOURS = "paar-uur", "Een paar uur per week lesgeven naast mijn werk"
    UNSURE = "weet-niet", "Weet ik nog niet"


@dataclass(frozen=True)
class Answers:
    """What the visitor answered so far; None where a question is not (validly) answered."""

    education: str | None = None
    foreign_teacher: str | None = None
    study: str | None = None
    study_year: str | None = None
    experience: str | None = None
    keep_job: str | None = None
    sector: str | None = None
    role: str | None = None

    @classmethod
    def from_query(cls, query):
        """Read the answers from a query string (a QueryDict or a dict). Unknown values and answers to questions
        that do not apply (a foreign-diploma answer after choosing hbo) are dropped, never an error."""
        answers = cls()
        for question in QUESTIONS:
            value = query.get(question.key)
            if question.applies(answers) and value in question.choices.values:
                answers = replace(answers, **{question.attribute: value})
        return answers

    def get(self, question):
        return getattr(self, question.attribute)

    def without(self, question):
        return replace(self, **{question.attribute: None})

    @property
    def applicable_questions(self):
        return [question for question in QUESTIONS if question.applies(self)]

    @property
    def first_unanswered(self):
        return next((question for question in self.applicable_questions if self.get(question) is None), None)

    @property
    def is_complete(self):
        return self.first_unanswered is None

    @property
    def has_any(self):
        return any(getattr(self, f.name) is not None for f in fields(self))

    def query_pairs(self, exclude=None):
        """The answers as (key, value) pairs in question order, for a URL or hidden fields."""
        return [
            (question.key, self.get(question))
            for question in self.applicable_questions
            if self.get(question) is not None and question is not exclude
        ]

    def querystring(self, **extra):
        return urlencode(self.query_pairs() + [(key, value) for key, value in extra.items() if value])

    def question_after(self, question):
        questions = self.applicable_questions
        position = questions.index(question) if question in questions else -1
        return questions[position + 1] if position + 1 < len(questions) else None

    def question_before(self, question):
        questions = self.applicable_questions
        position = questions.index(question) if question in questions else 0
        return questions[position - 1] if position > 0 else None

    def position_of(self, question):
        """(number, total) for "Vraag 2 van 5". Only the main questions are counted, so the total is the same for
        everyone from the first question on; a follow-up (a foreign diploma, a study) shares its main question's
        number."""
        main = [q for q in QUESTIONS if q.only_for_education is None]
        number = 0
        for candidate in QUESTIONS:
            if candidate.only_for_education is None:
                number += 1
            if candidate is question:
                break
        return number, len(main)

    @property
    def summary(self):
        """(question, answer label) pairs, for "Jouw antwoorden"."""
        return [
            (question, question.choices(self.get(question)).label)
            for question in self.applicable_questions
            if self.get(question) is not None
        ]


@dataclass(frozen=True)
class Question:
    key: str  # the name in the query string
    attribute: str  # the field on Answers
    text: str
    hint: str
    choices: type[models.TextChoices]
    only_for_education: str | None = None

    def applies(self, answers):
        return self.only_for_education is None or answers.education == self.only_for_education

    def __str__(self):
        return self.text


QUESTIONS = (
    Question(
        "opleiding", "education", "Wat is je hoogste opleiding?",
        "Kies het hoogste diploma dat je nu hebt. Studeer je nog, kies dan ‘ik studeer nog’.", Education,
    ),
    Question(
        "bevoegd", "foreign_teacher", "Was je in het land van je diploma al bevoegd leraar?",
        "Bijvoorbeeld omdat je daar een lerarenopleiding hebt gedaan.", ForeignTeacher,
        only_for_education=Education.FOREIGN,
    ),
    Question(
        "studie", "study", "Wat studeer je nu?",
        "Kies de opleiding die je nu volgt. Het diploma daarvan heb je pas als je klaar bent.", Study,
        only_for_education=Education.STUDENT,
    ),
    Question(
        "studiejaar", "study_year", "In welk jaar van je studie zit je?",
        "Sommige routes zijn alleen voor studenten vanaf een bepaald jaar.", StudyYear,
        only_for_education=Education.STUDENT,
    ),
    Question(
        "ervaring", "experience", "Hoeveel technische werkervaring heb je?",
        "Bijvoorbeeld als monteur, installateur, elektricien, technicus of ontwerper.", Experience,
    ),
    Question(
        "baan", "keep_job", "Wil je je huidige baan houden?",
        "Veel mensen combineren lesgeven met hun werk in de techniek.", KeepJob,
    ),
    Question(
        "sector", "sector", "Waar wil je lesgeven?",
        "Op het vmbo zijn leerlingen 12 tot 16 jaar. Op het mbo zijn studenten 16 jaar of ouder.", Sector,
    ),
    Question(
        "rol", "role", "Welke rol zoek je?",
        "Een docent met een bevoegdheid geeft zelfstandig les. In een ondersteunende rol werk je samen met een "
        "docent.", Role,
    ),
)
QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}

# Matching ----------------------------------------------------------------------------------------------------------

# The words for an entry level, in the order of the route page's form.
LEVEL_WORDS = {"mbo4": "mbo-4", "havo-vwo": "havo of vwo", "hbo": "hbo", "wo": "wo",
               "buitenland": "een buitenlands diploma"}
# The route fields that a diploma (had now, or studied for) meets. An Ad is at level 5, between mbo-4 and a bachelor
# (routes-facts.md, supporting roles, S27): it meets what mbo-4 meets, not what an hbo bachelor meets.
DIPLOMA_FIELDS = {
    Education.MBO23: (),
    Education.MBO4: ("accepts_mbo4",),
    Education.HAVO_VWO: ("accepts_havo_vwo",),
    Education.AD: ("accepts_mbo4", "accepts_havo_vwo"),
    Education.HBO: ("accepts_hbo",),
    Education.WO: ("accepts_wo",),
    Education.FOREIGN: ("accepts_foreign_diploma",),
    Education.UNSURE: (),
}
# The diploma a study leads to, and its words.
STUDY_DIPLOMA = {Study.MBO23: Education.MBO23, Study.MBO4: Education.MBO4, Study.HBO: Education.HBO,
                 Study.WO: Education.WO}
STUDY_DIPLOMA_WORDS = {Study.MBO23: "mbo-diploma (niveau 2 of 3)", Study.MBO4: "mbo-4-diploma",
                       Study.HBO: "hbo-diploma", Study.WO: "wo-diploma"}
STUDY_KIND = {Study.MBO23: "mbo", Study.MBO4: "mbo", Study.HBO: "hbo", Study.WO: "wo"}
# The most years of work experience each answer can mean (None: no upper limit).
MOST_YEARS_OF_EXPERIENCE = {Experience.NONE: 0, Experience.SOME: 2, Experience.LONG: None}
FULL_QUALIFICATIONS = {Qualification.SECOND_DEGREE, Qualification.PDG}
# Routes meant to be done beside a job outside education (hybride docent, gastdocent).
BESIDE_A_JOB = {JobCombination.ALONGSIDE}


def meets_diploma(education, route):
    return any(getattr(route, name) for name in DIPLOMA_FIELDS.get(education, ()))


def student_fits_now(answers, route):
    """A student fits a route for students of their kind of study and year (e.g. PAL: university students in
    their 2nd or 3rd year, S34)."""
    if answers.education != Education.STUDENT or not route.accepts_students:
        return False
    if route.student_study and route.student_study != STUDY_KIND.get(answers.study):
        return False
    year = int(answers.study_year or 0)
    if route.student_min_year and year < route.student_min_year:
        return False
    return not (route.student_max_year and year > route.student_max_year)


def after_the_diploma(answers, route):
    """A student whose coming diploma meets the route: it fits once they have it, not now."""
    return (answers.education == Education.STUDENT and not student_fits_now(answers, route)
            and meets_diploma(STUDY_DIPLOMA.get(answers.study), route))


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


def join_words(words, conjunction="of"):
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def entry_levels_phrase(route):
    diplomas = [LEVEL_WORDS[key] for key, _label in route.entry_levels if key in LEVEL_WORDS]
    groups = []
    if diplomas:
        groups.append(f"mensen met {join_words(diplomas)}")
    if route.accepts_students:
        groups.append("studenten")
    return join_words(groups, "en voor")


def entry_problem(answers, route):
    if route.requires_foreign_teaching_qualification and answers.foreign_teacher != ForeignTeacher.YES:
        return Problem("Deze route is alleen voor wie in het buitenland al bevoegd leraar was.", lasting=True)
    if answers.education == Education.STUDENT:
        if student_fits_now(answers, route) or after_the_diploma(answers, route):
            return None
    elif meets_diploma(answers.education, route):
        return None
    levels = entry_levels_phrase(route)
    if not levels:
        return Problem("Voor deze route is nog geen instapniveau bekend.", lasting=True)
    text = f"Deze route staat open voor {levels}."
    open_to_dutch_diplomas = route.accepts_mbo4 or route.accepts_havo_vwo or route.accepts_hbo or route.accepts_wo
    if answers.education == Education.FOREIGN and open_to_dutch_diplomas:
        # A diploma from abroad can be valued as a Dutch one of the same level: a way in.
        return Problem(f"{text} Laat je diploma eerst waarderen (bij Nuffic of SBB): dan telt het als een Nederlands"
                       " diploma van hetzelfde niveau.")
    if answers.education == Education.UNSURE:
        return Problem(f"{text} Weet je niet zeker welk diploma je hebt? Het Onderwijsloket zoekt het gratis met je"
                       " uit.")
    if answers.education == Education.STUDENT and route.accepts_students:
        return Problem(f"{text} Deze route is voor studenten van een andere opleiding of een ander studiejaar.",
                       lasting=True)
    return Problem(text, lasting=True)


def has_degree(answers):
    """An hbo or wo diploma now: the PDG asks more of people without one (routes-facts.md, PDG; S6, S8)."""
    return answers.education in (Education.HBO, Education.WO)


def experience_problem(answers, route):
    most = MOST_YEARS_OF_EXPERIENCE[answers.experience]
    degree = has_degree(answers)
    needed = route.min_years_for(degree)
    condition = route.experience_condition(degree)
    if route.work_experience == WorkExperience.REQUIRED and most == 0:
        at_least = f" ({condition})" if condition else ""
        return Problem(f"Deze route vraagt technische werkervaring{at_least}, en die heb je nog niet.")
    if needed and most is not None and most < needed:
        if not degree and route.has_separate_rule_without_degree:
            return Problem(f"Zonder hbo- of wo-diploma vraagt deze route {condition}.")
        return Problem(f"Deze route vraagt minstens {needed} jaar technische werkervaring.")
    return None


def job_problem(answers, route):
    combines = route.combines_with_job
    if answers.keep_job == KeepJob.YES and combines == JobCombination.NO:
        return Problem("Deze route doe je niet naast je huidige baan: je gaat (bijna) helemaal in het onderwijs"
                       " werken.")
    if answers.keep_job == KeepJob.NO and combines in BESIDE_A_JOB:
        return Problem("Je wilt overstappen naar het onderwijs; deze route is bedoeld naast een baan buiten het"
                       " onderwijs.")
    if answers.keep_job == KeepJob.NO_JOB and combines in BESIDE_A_JOB:
        return Problem("Deze route is bedoeld naast een baan buiten het onderwijs, en je hebt nu geen baan.")
    if answers.role == Role.FEW_HOURS and combines in (JobCombination.PART_TIME, JobCombination.NO):
        return Problem("Je wilt een paar uur per week lesgeven naast je werk; met deze route werk je een groot deel"
                       " van de week op een school.")
    return None


def sector_problem(answers, route):
    if answers.sector == Sector.VMBO and not route.for_vmbo:
        return Problem("Met deze route geef je les in het mbo, niet in het vmbo." if route.for_mbo else
                       "Deze route is niet voor lesgeven in het vmbo.")
    if answers.sector == Sector.MBO and not route.for_mbo:
        return Problem("Met deze route geef je les in het vmbo, niet in het mbo." if route.for_vmbo else
                       "Deze route is niet voor lesgeven in het mbo.")
    return None


def role_problem(answers, route):
    first_step_abroad = route.qualification_only_for_foreign_teachers and answers.education == Education.FOREIGN
    if answers.role == Role.TEACHER and not leads_to_teaching_qualification(answers, route) and not first_step_abroad:
        # A diploma from abroad is valued first, whatever the goal (routes-facts.md, B row 13; S35): that route stays,
        # and its reason says it is a first step, not a bevoegdheid.
        return Problem("Je wilt docent worden met een bevoegdheid; deze route leidt niet tot een bevoegdheid. Het kan"
                       " wel een eerste stap zijn.")
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
    KeepJob.YES: {JobCombination.ALONGSIDE: 2, JobCombination.YES: 2, JobCombination.PART_TIME: 1,
                  JobCombination.NO: 0},
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


def made_for_diploma(answers, route):
    """True when the route is open to the visitor's kind of diploma only: it was made for people like them."""
    if answers.education == Education.STUDENT:
        return student_fits_now(answers, route)
    return [key for key, _label in route.entry_levels] == [answers.education]


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
