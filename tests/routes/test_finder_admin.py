"""Editors steer the route finder: changing a route's entry levels in the Wagtail admin and publishing changes the
result, without a deploy."""

from datetime import date

import pytest

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from routes.admin_forms import FACT_SOURCE_FIELDS
from routes.models import RoutePage
from routes.models.pages import JobCombination, Qualification, WorkExperience

from .factories import InstitutionFactory, RoutePageFactory, SourceFactory
from .finder_html import fitting_routes_html

pytestmark = pytest.mark.django_db

MBO4_ANSWERS = "opleiding=mbo4&ervaring=lang&baan=nee&sector=mbo&rol=docent"


@pytest.fixture
def editor_client(client, django_user_model):
    django_user_model.objects.create_superuser("beheerder", "beheerder@example.org", "een-lang-wachtwoord-42")
    response = client.post("/admin/login/", {"username": "beheerder", "password": "een-lang-wachtwoord-42"})
    assert response.status_code == 302, "the admin login failed"
    return client


def edit_form(route, **changes):
    """The route's edit form as the admin posts it, with the facts changed and the publish button pressed."""
    facts = {
        "title": route.title,
        "slug": route.slug,
        "intro": route.intro,
        "for_whom": route.for_whom,
        "body": streamfield([]),
        "work_experience": route.work_experience,
        "min_years_experience": route.min_years_experience,
        "experience_note": route.experience_note,
        "qualification_note": route.qualification_note,
        "min_years_experience_without_degree": route.min_years_experience_without_degree,
        "student_study": route.student_study,
        "student_min_year": route.student_min_year,
        "student_max_year": route.student_max_year,
        "only_for_group": route.only_for_group,
        "combines_with_job": route.combines_with_job,
        "qualification": route.qualification,
        "duration": route.duration,
        "duration_months": route.duration_months,
        "study_load": route.study_load,
        "cost_amount": "" if route.cost_amount is None else str(route.cost_amount),
        "cost_year": route.cost_year or "",
        "cost_provider": route.cost_provider,
        "cost_note": route.cost_note,
        "funding": route.funding,
        # Publishing needs a source for every group of facts and the date they were checked (routes/admin_forms.py).
        "facts_checked_on": (route.facts_checked_on or date.today()).isoformat(),
        **{name: getattr(route, f"{name}_id") or SourceFactory().pk for name in FACT_SOURCE_FIELDS.values()},
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "timeline": inline_formset(
            [
                {"id": step.pk, "title": step.title, "months": step.months or "", "description": step.description}
                for step in route.timeline.all()
            ]
        ),
        "programmes": inline_formset(
            [
                {
                    "id": programme.pk,
                    "institution": programme.institution_id,
                    "name": programme.name,
                    "url": programme.url,
                }
                for programme in route.programmes.all()
            ]
        ),
    }
    flags = {
        name: getattr(route, name)
        for name in (
            "accepts_mbo4",
            "accepts_havo_vwo",
            "accepts_hbo",
            "accepts_wo",
            "accepts_foreign_diploma",
            "accepts_students",
            "requires_foreign_teaching_qualification",
            "needs_school_job",
            "needs_suitability_test",
            "for_vmbo",
            "for_mbo",
            "capacity_test_without_degree",
            "qualification_only_for_foreign_teachers",
        )
    }
    flags.update(changes)
    data = nested_form_data(facts)
    # A ticked checkbox is sent as "on"; an unticked one is not sent at all.
    data.update({name: "on" for name, ticked in flags.items() if ticked})
    data["action-publish"] = "action-publish"
    return data


def fitting_titles(client, finder):
    html = client.get(f"{finder.url}resultaat/?{MBO4_ANSWERS}").content.decode()
    return fitting_routes_html(html)


def test_editing_entry_levels_in_the_admin_changes_the_finder(editor_client, finder_tree):
    finder = finder_tree["finder"]
    route = RoutePageFactory(
        parent=finder_tree["index"],
        title="PDG voor het mbo",
        accepts_hbo=True,
        accepts_wo=True,
        accepts_mbo4=False,
        work_experience=WorkExperience.REQUIRED,
        min_years_experience=3,
        combines_with_job=JobCombination.PART_TIME,
        needs_school_job=True,
        for_vmbo=False,
        qualification=Qualification.PDG,
        programmes=[InstitutionFactory()],
    )
    visitor = editor_client.__class__()  # an anonymous visitor beside the logged-in editor
    assert "PDG voor het mbo" not in fitting_titles(visitor, finder)

    response = editor_client.post(f"/admin/pages/{route.pk}/edit/", edit_form(route, accepts_mbo4=True))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    route = RoutePage.objects.get(pk=route.pk)
    assert route.accepts_mbo4 and route.live and not route.has_unpublished_changes
    assert "PDG voor het mbo" in fitting_titles(visitor, finder)

    # And back: taking mbo-4 off again takes the route out of the result.
    editor_client.post(f"/admin/pages/{route.pk}/edit/", edit_form(route, accepts_mbo4=False))
    assert "PDG voor het mbo" not in fitting_titles(visitor, finder)


def test_a_saved_draft_does_not_change_the_finder_until_published(editor_client, finder_tree):
    finder = finder_tree["finder"]
    route = RoutePageFactory(parent=finder_tree["index"], title="Kopopleiding", accepts_mbo4=False)
    visitor = editor_client.__class__()
    data = edit_form(route, accepts_mbo4=True)
    del data["action-publish"]
    response = editor_client.post(f"/admin/pages/{route.pk}/edit/", data)
    assert response.status_code == 302
    assert Page.objects.get(pk=route.pk).has_unpublished_changes
    assert "Kopopleiding" not in fitting_titles(visitor, finder)
