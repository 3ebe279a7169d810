"""Wagtail's default "Editors" group edits what README's "For editors" lists (colleges, regions, sources, practice
examples, the glossary, the site settings; pages through Wagtail's own page permissions) and nothing of the
registrations. The grants come from data migrations in routes and content, which are idempotent and reversible."""

import importlib

import pytest

from django.contrib.auth.models import Group, User
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from content.models import PracticeExample, SiteSettings
from recruitment.models import Registration
from routes.models import Institution, Region
from tests.recruitment.factories import RegistrationFactory

pytestmark = pytest.mark.django_db
MIGRATIONS = [("routes", "0011_editors_group"), ("content", "0004_editors_group")]


@pytest.fixture
def editor(client):
    user = User.objects.create_user("redacteur", "redacteur@example.org", "Redactie-wachtwoord-1")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def open_and_save(client, url, data):
    """Open the edit form, then post it: Wagtail answers a saved form with a redirect, a refused one with the form."""
    assert client.get(url).status_code == 200, url
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not response["Location"].startswith("/admin/login/")
    return response


def test_an_editor_saves_a_region(client, editor):
    region = Region.objects.create(name="Oost")

    open_and_save(
        client,
        f"/admin/snippets/routes/region/edit/{region.pk}/",
        nested_form_data(
            {
                "name": "Oost-Nederland",
                "provinces": "Overijssel, Gelderland",
                "description": "",
                "website": "",
                "contact_email": "oost@example.org",
                "phone": "",
                "postcode_ranges": inline_formset([{"start": "7000", "end": "7999"}]),
            }
        ),
    )

    region.refresh_from_db()
    assert region.name == "Oost-Nederland"
    assert [(span.start, span.end) for span in region.postcode_ranges.all()] == [(7000, 7999)]


def test_an_editor_adds_and_saves_a_college(client, editor):
    region = Region.objects.create(name="Oost")
    response = client.post(
        "/admin/snippets/routes/institution/add/",
        {"name": "Hogeschool Oost", "programme": "Leraar techniek", "region": region.pk, "is_ecpb_member": "on"},
    )
    assert response.status_code == 302
    college = Institution.objects.get(name="Hogeschool Oost")

    open_and_save(
        client,
        f"/admin/snippets/routes/institution/edit/{college.pk}/",
        {"name": "Hogeschool Oost", "programme": "Docent techniek (tweedegraads)", "region": region.pk},
    )

    college.refresh_from_db()
    assert college.programme == "Docent techniek (tweedegraads)"
    assert college.is_ecpb_member is False


def test_an_editor_saves_a_practice_example(client, editor):
    example = PracticeExample.objects.create(
        title="Zij-instromer in Zwolle", region="Zwolle", theme="", summary="Kort."
    )
    theme = PracticeExample._meta.get_field("theme").choices[0][0]

    open_and_save(
        client,
        f"/admin/snippets/content/practiceexample/edit/{example.pk}/",
        {"title": "Van monteur tot docent", "region": "Zwolle", "theme": theme, "summary": "Een verhaal.", "link": ""},
    )

    example.refresh_from_db()
    assert (example.title, example.theme) == ("Van monteur tot docent", theme)


def test_an_editor_saves_the_site_settings(client, editor, home_page):
    site = Site.objects.get(is_default_site=True)

    open_and_save(
        client,
        f"/admin/settings/content/sitesettings/{site.pk}/",
        nested_form_data(
            {
                "site_name": "Word techniekdocent",
                "tagline": "Geef je vak door",
                "contact_email": "info@example.org",
                "privacy_page": "",
                "privacy_version": "2",
                "footer_links": streamfield([]),
            }
        ),
    )

    assert SiteSettings.for_site(site).tagline == "Geef je vak door"


def test_an_editor_sees_nothing_of_the_registrations(client, editor):
    registration = RegistrationFactory(name="Geheime Gerda")

    for url in (
        "/admin/aanmeldingen/",
        "/admin/aanmeldingen/?export=csv",
        "/admin/aanmeldingen/?export=xlsx",
        f"/admin/aanmeldingen/inspect/{registration.pk}/",
    ):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None)), url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Geheime Gerda" not in content
    assert "Aanmeldingen" not in client.get("/admin/").content.decode()
    assert Registration.objects.get().name == "Geheime Gerda"


def test_the_editors_group_has_no_permission_on_recruitment_models():
    editors = Group.objects.get(name="Editors")

    assert not editors.permissions.filter(content_type__app_label="recruitment").exists()
    assert {"change_region", "change_institution", "change_source"} <= set(
        editors.permissions.filter(content_type__app_label="routes").values_list("codename", flat=True)
    )
    assert not editors.permissions.filter(codename="delete_region").exists()
    assert {"change_practiceexample", "change_glossaryterm", "change_sitesettings"} <= set(
        editors.permissions.filter(content_type__app_label="content").values_list("codename", flat=True)
    )


@pytest.mark.parametrize(("app_label", "name"), MIGRATIONS)
def test_the_migration_is_idempotent_and_reversible(app_label, name):
    module = importlib.import_module(f"{app_label}.migrations.{name}")
    apps = MigrationLoader(connection).project_state((app_label, name)).apps
    editors = Group.objects.get(name="Editors")
    granted = set(editors.permissions.values_list("pk", flat=True))

    module.grant(apps, None)
    assert set(editors.permissions.values_list("pk", flat=True)) == granted

    module.revoke(apps, None)
    left = set(editors.permissions.values_list("pk", flat=True))
    taken = {permission.pk for permission in module.editor_permissions(apps)}
    assert left == granted - taken
    assert not editors.permissions.filter(content_type__app_label=app_label, codename__startswith="change_").exists()
    assert editors.permissions.filter(codename="access_admin").exists(), "what the group had before stays"

    module.grant(apps, None)
    assert set(editors.permissions.values_list("pk", flat=True)) == granted
