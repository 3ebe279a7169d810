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
    MBO4 = "mbo4", "mbo niveau 4"
    HBO = "hbo", "hbo (hogeschool)"
    WO = "wo", "wo (universiteit)"
    FOREIGN = "buitenland", "een diploma uit het buitenland"
    STUDENT = "student", "ik studeer nog"


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
    UNSURE = "weet-niet", "Weet ik nog niet"


class Sector(models.TextChoices):
    VMBO = "vmbo", "Het vmbo"
    MBO = "mbo", "Het mbo"
    ANY = "geen-voorkeur", "Geen voorkeur"


class Role(models.TextChoices):
    TEACHER = "docent", "Docent, met een bevoegdheid"
    SUPPORT = "ondersteunend", "Een ondersteunende rol, bijvoorbeeld instructeur of onderwijsassistent"
    UNSURE = "weet-niet", "Weet ik nog niet"


@dataclass(frozen=True)
class Answers:
    """What the visitor answered so far; None where a question is not (validly) answered."""

    education: str | None = None
    foreign_teacher: str | None = None
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
        """(number, total) for "Vraag 2 van 6"."""
        questions = self.applicable_questions
        return questions.index(question) + 1, len(questions)

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
        "Kies het hoogste diploma dat je hebt. Studeer je nog, kies dan ‘ik studeer nog’.", Education,
    ),
    Question(
        "bevoegd", "foreign_teacher", "Was je in het land van je diploma al bevoegd leraar?",
        "Bijvoorbeeld omdat je daar een lerarenopleiding hebt gedaan.", ForeignTeacher,
        only_for_education=Education.FOREIGN,
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
LEVEL_WORDS = {"mbo4": "mbo-4", "hbo": "hbo", "wo": "wo", "buitenland": "een buitenlands diploma"}
EDUCATION_FIELDS = {
    Education.MBO4: "accepts_mbo4",
    Education.HBO: "accepts_hbo",
    Education.WO: "accepts_wo",
    Education.FOREIGN: "accepts_foreign_diploma",
    Education.STUDENT: "accepts_students",
}
# The most years of work experience each answer can mean (None: no upper limit).
MOST_YEARS_OF_EXPERIENCE = {Experience.NONE: 0, Experience.SOME: 2, Experience.LONG: None}
FULL_QUALIFICATIONS = {Qualification.SECOND_DEGREE, Qualification.PDG}


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
    if getattr(route, EDUCATION_FIELDS[answers.education]):
        return None
    levels = entry_levels_phrase(route)
    if not levels:
        return Problem("Voor deze route is nog geen instapniveau bekend.", lasting=True)
    text = f"Deze route staat open voor {levels}."
    open_to_dutch_diplomas = route.accepts_mbo4 or route.accepts_hbo or route.accepts_wo
    if answers.education == Education.FOREIGN and open_to_dutch_diplomas:
        # A diploma from abroad can be valued as a Dutch one of the same level: a way in.
        return Problem(f"{text} Laat je diploma eerst waarderen (bij Nuffic of SBB): dan telt het als een Nederlands"
                       " diploma van hetzelfde niveau.")
    if answers.education == Education.STUDENT and open_to_dutch_diplomas:
        return Problem(f"{text} Met je diploma op zak kan het wel.")
    return Problem(text, lasting=True)


def experience_problem(answers, route):
    most = MOST_YEARS_OF_EXPERIENCE[answers.experience]
    needed = route.min_years_experience
    if route.work_experience == WorkExperience.REQUIRED and most == 0:
        at_least = f" (minstens {needed} jaar)" if needed else ""
        return Problem(f"Deze route vraagt technische werkervaring{at_least}, en die heb je nog niet.")
    if needed and most is not None and most < needed:
        return Problem(f"Deze route vraagt minstens {needed} jaar technische werkervaring.")
    return None


def job_problem(answers, route):
    if answers.keep_job == KeepJob.YES and route.combines_with_job == JobCombination.NO:
        return Problem("Deze route doe je niet naast je huidige baan: je gaat (bijna) helemaal in het onderwijs"
                       " werken.")
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
    if answers.role == Role.TEACHER and route.qualification not in TEACHING_QUALIFICATIONS:
        return Problem("Je wilt docent worden met een bevoegdheid; deze route leidt niet tot een bevoegdheid. Het kan"
                       " wel een eerste stap zijn.")
    return None


# How much each kind of fit weighs. The role outweighs everything else; within a role, a route that builds on the
# visitor's work experience comes before one made for their diploma, then the fit with their job and their sector.
# Equal points: the shorter route first.
ROLE_POINTS = {
    Role.TEACHER: {"full": 30, "limited": 10, "none": 0},
    Role.SUPPORT: {"full": 10, "limited": 10, "none": 30},
    Role.UNSURE: {"full": 20, "limited": 10, "none": 20},
}
EXPERIENCE_POINTS = {WorkExperience.REQUIRED: 6, WorkExperience.HELPFUL: 2, WorkExperience.NOT_NEEDED: 0}
MADE_FOR_DIPLOMA_POINTS = 4
MADE_FOR_FOREIGN_TEACHER_POINTS = 2
JOB_POINTS = {
    KeepJob.YES: {JobCombination.YES: 2, JobCombination.PART_TIME: 1, JobCombination.NO: 0},
    KeepJob.NO: {JobCombination.YES: 1, JobCombination.PART_TIME: 2, JobCombination.NO: 2},
    KeepJob.UNSURE: {JobCombination.YES: 0, JobCombination.PART_TIME: 0, JobCombination.NO: 0},
}
SECTOR_POINTS = 2


def qualification_kind(route):
    if route.qualification in FULL_QUALIFICATIONS:
        return "full"
    return "limited" if route.qualification in TEACHING_QUALIFICATIONS else "none"


def made_for_diploma(answers, route):
    """True when the route is open to the visitor's kind of diploma only: it was made for people like them."""
    return [key for key, _label in route.entry_levels] == [answers.education]


def sectors_match(answers, route):
    wanted = {Sector.VMBO: {"vmbo"}, Sector.MBO: {"mbo"}, Sector.ANY: {"vmbo", "mbo"}}[answers.sector]
    return set(route.sectors) == wanted


def score(answers, route):
    """How well a fitting route fits, compared as a tuple: (first step, points, shorter first).

    A diploma from abroad has to be valued or recognised before any other route can start, so for it the routes
    made for foreign diplomas are the first step, whatever else was answered.
    """
    first_step = answers.education == Education.FOREIGN and made_for_diploma(answers, route)
    points = ROLE_POINTS[answers.role][qualification_kind(route)]
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
    Education.MBO4: "Je hebt een mbo-4-diploma",
    Education.HBO: "Je hebt een hbo-diploma",
    Education.WO: "Je hebt een wo-diploma",
    Education.FOREIGN: "Je hebt een buitenlands diploma",
    Education.STUDENT: "Je studeert nog",
}


def outcome_phrase(route):
    """"leidt tot een tweedegraads bevoegdheid (vmbo en mbo)", from the label editors see."""
    if route.qualification == Qualification.NONE:
        return "leidt niet tot een bevoegdheid"
    label = route.get_qualification_display()
    label = label[:1].lower() + label[1:]
    return f"leidt tot {label}" if label.startswith("een ") else f"leidt tot een {label}"


def reasons_for(answers, route):
    """One or two sentences, built from the answers and the route's facts: why this route fits."""
    who = EDUCATION_PHRASES[answers.education]
    if answers.education == Education.FOREIGN and answers.foreign_teacher == ForeignTeacher.YES:
        who = "Je was in het buitenland al bevoegd leraar"
    if made_for_diploma(answers, route) or (
        route.requires_foreign_teaching_qualification and answers.foreign_teacher == ForeignTeacher.YES
    ):
        entry = "deze route is speciaal voor mensen zoals jij"
    else:
        entry = "met jouw opleiding kun je deze route volgen"

    combines = route.combines_with_job
    if answers.keep_job == KeepJob.YES:
        who += " en wilt je baan houden"
        if combines == JobCombination.YES:
            how = "deze route doe je naast je werk"
        elif route.needs_school_job:
            how = "je gaat daarnaast een deel van de week op een school werken, en die baan heb je nodig om te beginnen"
        else:
            how = "je gaat daarnaast een deel van de week op een school werken"
    elif answers.keep_job == KeepJob.NO:
        who += " en wilt overstappen naar het onderwijs"
        if route.needs_school_job:
            how = "je gaat op een school werken en volgt de opleiding terwijl je daar werkt"
        else:
            how = entry
    elif route.needs_school_job:
        how = f"{entry}; je hebt wel eerst een baan op een school nodig"
    else:
        how = entry
    first = f"{who}: {how}."

    outcome = outcome_phrase(route)
    has_experience = answers.experience != Experience.NONE
    if has_experience and route.work_experience == WorkExperience.REQUIRED:
        at_least = f" (minstens {route.min_years_experience} jaar)" if route.min_years_experience else ""
        second = f"Je technische werkervaring is hier een voorwaarde{at_least}, en de route {outcome}."
    elif has_experience and route.work_experience == WorkExperience.HELPFUL:
        second = f"Je technische werkervaring komt hier goed van pas, en de route {outcome}."
    elif not has_experience:
        second = f"Werkervaring is niet nodig, en de route {outcome}."
    else:
        second = f"De route {outcome}."
    if answers.role == Role.SUPPORT and route.qualification in TEACHING_QUALIFICATIONS:
        second = f"De route {outcome}: dat is meer dan een ondersteunende rol."
    return f"{first} {second}"
