"""The route finder's questions and the visitor's answers (read from the query string)."""

from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..entry_levels import FinderEducation, StudyLevel

# Answers -----------------------------------------------------------------------------------------------------------

# The answers passed on to another form (the registration form) travel under this prefix, so that they never mix with
# that form's own fields: ``rw-opleiding=hbo&rw-ervaring=lang``.
PASS_ON_PREFIX = "rw-"

# The education answers come from the one vocabulary of entry levels (routes/entry_levels.py): the same values and
# labels as the route pages and the registration form.
Education = FinderEducation
# What a student studies now: the diploma they will have, not one they have.
Study = StudyLevel


class StudyYear(models.TextChoices):
    FIRST = "1", _("Eerste jaar")
    SECOND = "2", _("Tweede jaar")
    THIRD = "3", _("Derde jaar")
    LATER = "4", _("Vierde jaar of later")


class ForeignTeacher(models.TextChoices):
    YES = "ja", _("Ja, ik was daar bevoegd leraar")
    NO = "nee", _("Nee")


class Experience(models.TextChoices):
    NONE = "geen", _("Geen")
    SOME = "kort", _("Minder dan 3 jaar")
    LONG = "lang", _("3 jaar of meer")


class KeepJob(models.TextChoices):
    YES = "ja", _("Ja, ik wil mijn baan houden")
    NO = "nee", _("Nee, ik wil overstappen naar het onderwijs")
    NO_JOB = "geen-baan", _("Ik heb nu geen baan")
    UNSURE = "weet-niet", _("Weet ik nog niet")


class Sector(models.TextChoices):
    VMBO = "vmbo", _("Het vmbo")
    MBO = "mbo", _("Het mbo")
    ANY = "geen-voorkeur", _("Geen voorkeur")


class Role(models.TextChoices):
    TEACHER = "docent", _("Docent, met een bevoegdheid")
    SUPPORT = "ondersteunend", _("Een ondersteunende rol, bijvoorbeeld instructeur of onderwijsassistent")
    FEW_HOURS = "paar-uur", _("Een paar uur per week lesgeven naast mijn werk")
    UNSURE = "weet-niet", _("Weet ik nog niet")


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
    def from_query(cls, query, prefix=""):
        """Read the answers from a query string (a QueryDict or a dict), each under ``prefix`` + the question's key.
        Unknown values and answers to questions that do not apply (a foreign-diploma answer after choosing hbo) are
        dropped, never an error."""
        answers = cls()
        for question in QUESTIONS:
            value = query.get(prefix + question.key)
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

    def query_pairs(self, exclude=None, prefix=""):
        """The answers as (key, value) pairs in question order, for a URL or hidden fields."""
        return [
            (prefix + question.key, self.get(question))
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
        return str(self.text)


QUESTIONS = (
    Question(
        "opleiding",
        "education",
        _("Wat is je hoogste opleiding?"),
        _("Kies het hoogste diploma dat je nu hebt. Studeer je nog, kies dan ‘ik studeer nog’."),
        Education,
    ),
    Question(
        "bevoegd",
        "foreign_teacher",
        _("Was je in het land van je diploma al bevoegd leraar?"),
        _("Bijvoorbeeld omdat je daar een lerarenopleiding hebt gedaan."),
        ForeignTeacher,
        only_for_education=Education.FOREIGN,
    ),
    Question(
        "studie",
        "study",
        _("Wat studeer je nu?"),
        _("Kies de opleiding die je nu volgt. Het diploma daarvan heb je pas als je klaar bent."),
        Study,
        only_for_education=Education.STUDENT,
    ),
    Question(
        "studiejaar",
        "study_year",
        _("In welk jaar van je studie zit je?"),
        _("Sommige routes zijn alleen voor studenten vanaf een bepaald jaar."),
        StudyYear,
        only_for_education=Education.STUDENT,
    ),
    Question(
        "ervaring",
        "experience",
        _("Hoeveel technische werkervaring heb je?"),
        _("Bijvoorbeeld als monteur, installateur, elektricien, technicus of ontwerper."),
        Experience,
    ),
    Question(
        "baan",
        "keep_job",
        _("Wil je je huidige baan houden?"),
        _("Veel mensen combineren lesgeven met hun werk in de techniek."),
        KeepJob,
    ),
    Question(
        "sector",
        "sector",
        _("Waar wil je lesgeven?"),
        _("Op het vmbo zijn leerlingen 12 tot 16 jaar. Op het mbo zijn studenten 16 jaar of ouder."),
        Sector,
    ),
    Question(
        "rol",
        "role",
        _("Welke rol zoek je?"),
        _(
            "Een docent met een bevoegdheid geeft zelfstandig les. In een ondersteunende rol werk je samen met een "
            "docent."
        ),
        Role,
    ),
)
QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}
