"""The route finder: a few questions, then every live route ranked by how well its structured facts fit the answers.

Nothing here names a route. The matcher reads the facts editors keep on each RoutePage (entry levels, work
experience, whether it combines with a job, sectors, the qualification it leads to), so editing or adding a route
page changes the finder without a deploy.

The package: ``questions`` (the questions and the answers), ``matching`` (problems, points, ranking), ``reasons``
(why a route fits) and ``predicates`` (what both read). No module here imports the page models: the facts' choices
come from routes/choices.py.
"""

from .matching import (  # noqa: F401
    BESIDE_A_JOB,
    FinderResult,
    Problem,
    RouteAdvice,
    judge,
    leads_to_teaching_qualification,
    match_routes,
    score,
)
from .predicates import after_the_diploma, meets_diploma, student_fits_now  # noqa: F401
from .questions import (  # noqa: F401
    PASS_ON_PREFIX,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    Answers,
    Education,
    Experience,
    ForeignTeacher,
    KeepJob,
    Question,
    Role,
    Sector,
    Study,
    StudyYear,
)
from .reasons import outcome_phrase, reasons_for  # noqa: F401
