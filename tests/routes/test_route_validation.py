"""RoutePage.clean refuses facts that cannot be true together; the demo routes pass it; and no route offered for
"Docent, met een bevoegdheid" leads to no bevoegdheid."""

import pytest

from django.core.exceptions import ValidationError

from routes.models.pages import JobCombination, Qualification, RoutePage, WorkExperience
from tests.routes.factories import RoutePageFactory
from tests.routes.test_finder_admin import edit_form, editor_client  # noqa: F401  (a fixture used below)

pytestmark = pytest.mark.django_db


def errors_for(finder_tree, **facts):
    """The fields RoutePage.clean complains about, for an hbo/wo route into a tweedegraads bevoegdheid with these
    facts changed."""
    route = RoutePage(
        **{
            "title": "Route",
            "slug": "route",
            "for_whom": "Iedereen.",
            "accepts_hbo": True,
            "accepts_wo": True,
            "for_vmbo": True,
            "for_mbo": True,
            "duration": "2 jaar",
            **facts,
        }
    )
    try:
        route.clean()
    except ValidationError as error:
        return set(error.message_dict)
    return set()


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        # A bevoegdheid (or PDG) is for a sector: one that is for neither cannot be listed as giving one.
        ({"qualification": Qualification.SECOND_DEGREE, "for_vmbo": False, "for_mbo": False}, "qualification"),
        # The PDG is for the mbo only (routes-facts.md, PDG; S6, S11).
        ({"qualification": Qualification.PDG, "for_vmbo": True}, "for_vmbo"),
        ({"min_years_experience": 3, "work_experience": WorkExperience.HELPFUL}, "min_years_experience"),
        (
            {"requires_foreign_teaching_qualification": True, "accepts_foreign_diploma": False},
            "requires_foreign_teaching_qualification",
        ),
        ({"combines_with_job": JobCombination.ALONGSIDE, "needs_school_job": True}, "needs_school_job"),
        ({"student_study": "wo", "accepts_students": False}, "accepts_students"),
        ({"accepts_students": True, "student_min_year": 3, "student_max_year": 2}, "student_max_year"),
        (
            {"qualification_only_for_foreign_teachers": True, "qualification": Qualification.SUPPORTING},
            "qualification_only_for_foreign_teachers",
        ),
    ],
)
def test_impossible_combinations_are_refused(finder_tree, facts, field):
    assert field in errors_for(finder_tree, **facts)


def test_a_consistent_route_passes(finder_tree):
    assert errors_for(finder_tree) == set()
    assert errors_for(finder_tree, qualification=Qualification.PDG, for_vmbo=False) == set()
    assert errors_for(finder_tree, qualification=Qualification.SUPPORTING, for_vmbo=False, for_mbo=False) == set()


def test_the_admin_refuses_them_too(editor_client, finder_tree):  # noqa: F811
    route = RoutePageFactory(parent=finder_tree["index"], title="PDG", qualification=Qualification.PDG, for_vmbo=False)
    response = editor_client.post(f"/admin/pages/{route.pk}/edit/", edit_form(route, for_vmbo=True))
    assert response.status_code == 200
    assert "Een PDG geldt alleen in het mbo" in response.content.decode()


def test_every_demo_route_passes(demo_content):
    from routes.models import RoutePage

    for route in RoutePage.objects.all():
        route.clean()


def test_no_route_offered_to_a_would_be_teacher_leads_to_no_bevoegdheid(demo_content):
    """A supporting role or no bevoegdheid never satisfies "Docent, met een bevoegdheid", whatever else was
    answered."""
    from itertools import product

    from routes.finder import Answers, match_routes
    from routes.models import RoutePage

    routes = list(RoutePage.objects.live())
    for education, experience, job, sector in product(
        ["mbo2-3", "mbo4", "havo-vwo", "ad", "hbo", "wo", "buitenland", "weet-niet"],
        ["geen", "kort", "lang"],
        ["ja", "nee", "geen-baan", "weet-niet"],
        ["vmbo", "mbo", "geen-voorkeur"],
    ):
        for foreign in ("ja", "nee"):
            answers = Answers.from_query(
                {
                    "opleiding": education,
                    "bevoegd": foreign,
                    "ervaring": experience,
                    "baan": job,
                    "sector": sector,
                    "rol": "docent",
                }
            )
            for advice in match_routes(answers, routes).fits:
                assert advice.route.leads_to_teaching_qualification, (answers, advice.route.title)
                if advice.route.qualification_only_for_foreign_teachers and foreign == "nee":
                    # Only the valuation of a diploma from abroad, the first step for everyone (B row 13, S35),
                    # and it says so instead of promising a bevoegdheid.
                    assert "is voor jou de eerste stap" in advice.reasons
                    assert "leidt tot" not in advice.reasons


def test_the_foreign_diploma_route_promises_a_bevoegdheid_only_to_teachers_from_abroad(demo_content, client):
    from routes.finder import Answers, match_routes
    from routes.models import RoutePage

    route = RoutePage.objects.get(slug="buitenlands-diploma")
    assert "Alleen als je in het buitenland al bevoegd leraar was." in client.get(route.url).content.decode()
    base = {"opleiding": "buitenland", "ervaring": "geen", "baan": "nee", "sector": "mbo", "rol": "docent"}
    teacher = match_routes(Answers.from_query({**base, "bevoegd": "ja"}), [route]).fits[0]
    assert "leidt tot een tweedegraads bevoegdheid" in teacher.reasons
    other = match_routes(Answers.from_query({**base, "bevoegd": "nee"}), [route]).fits[0]
    assert "is voor jou de eerste stap" in other.reasons
    assert "bevoegdheid (vmbo en mbo)" not in other.reasons
