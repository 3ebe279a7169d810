"""The admin report "Routes te controleren" (Rapporten): exactly the live routes due for a check of their facts, with
why, for the users who may edit pages; the Django test client against the real admin."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.contrib.auth.models import Group, Permission, User

from wagtail.models import GroupPagePermission, Page

from routes.admin_forms import FACT_SOURCE_FIELDS
from routes.models import RoutePage, Source

from .factories import RouteIndexPageFactory, RoutePageFactory

pytestmark = pytest.mark.django_db
URL = "/admin/reports/routes-te-controleren/"
TODAY = date(2026, 11, 12)
NOW = datetime.combine(TODAY, time(11, 0), tzinfo=ZoneInfo("Europe/Amsterdam"))


def admin_group(name, page, codenames):
    group = Group.objects.create(name=name)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    return group


def user_in(group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord-8")
    if group:
        user.groups.add(group)
    return user


@pytest.fixture
def routes(home_page):
    """One route of each kind: on time, out of date, never checked, missing a source, reminded, and a draft."""
    index = RouteIndexPageFactory(parent=home_page)
    source = Source.objects.create(title="Handreiking zij-instroom", publisher="Voion", published="2023")
    sources = {name: source for name in FACT_SOURCE_FIELDS.values()}

    def route(title, **fields):
        return RoutePageFactory(parent=index, title=title, **{**sources, "facts_checked_on": TODAY, **fields})

    routes = {
        "on_time": route("Op tijd gecontroleerd", facts_checked_on=date(2026, 1, 5)),
        "out_of_date": route("Lang geleden gecontroleerd", facts_checked_on=date(2025, 10, 1)),
        "never": route("Nooit gecontroleerd", facts_checked_on=None),
        "missing": route("Bron ontbreekt", cost_source=None),
        "reminded": route("Al herinnerd", facts_checked_on=None, facts_reminder_sent_on=date(2026, 11, 2)),
        "draft": route("Concept", facts_checked_on=None),
    }
    routes["draft"].unpublish()
    return routes


def rows(response):
    """The report's table rows as plain text, one per route."""
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>") if row.strip()]


def test_an_editor_sees_exactly_the_due_routes_with_why(client, routes):
    editor = user_in(
        admin_group("Redactie", Page.get_first_root_node(), ["add_page", "change_page", "publish_page"]), "redacteur"
    )
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Routes te controleren" in html
    found = rows(response)
    assert len(found) == 4
    titles = [row.split(" ", 2)[:2] for row in found]
    assert titles == [["Al", "herinnerd"], ["Nooit", "gecontroleerd"], ["Lang", "geleden"], ["Bron", "ontbreekt"]]
    reminded, never, out_of_date, missing = found
    assert "nooit" in never and "De feiten zijn nog nooit met de bronnen vergeleken." in never
    assert "nog niet" in never
    assert "2 november 2026" in reminded
    assert "1 oktober 2025" in out_of_date and "langer dan 12 maanden geleden" in out_of_date
    assert "Er ontbreekt een bron: bron voor de kosten." in missing and "12 november 2026" in missing
    for key in ("reminded", "never", "out_of_date", "missing"):
        assert f'href="/admin/pages/{routes[key].pk}/edit/"' in html
    for key in ("on_time", "draft"):
        assert routes[key].title not in html


def test_the_report_is_in_the_reports_menu_for_editors(client, routes):
    editor = user_in(admin_group("Redactie", Page.get_first_root_node(), ["add_page", "change_page"]), "redacteur")
    client.force_login(editor)
    assert URL in client.get("/admin/").content.decode()


def test_an_editor_of_one_part_of_the_site_sees_only_the_routes_they_may_edit(client, routes):
    section = routes["never"]
    editor = user_in(admin_group("Eén route", section, ["change_page"]), "deelredacteur")
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = client.get(URL)
    assert response.status_code == 200
    assert [row.split(" ")[:2] for row in rows(response)] == [["Nooit", "gecontroleerd"]]


def test_without_page_rights_the_report_is_refused(client, routes):
    no_pages = user_in(admin_group("Alleen beheer", Page.get_first_root_node(), []), "zonderpaginas")
    client.force_login(no_pages)
    response = client.get(URL)
    assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))
    assert routes["never"].title not in response.content.decode()
    assert URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, routes):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_when_nothing_is_due_the_report_says_so(client, home_page):
    RoutePage.objects.all().delete()
    client.force_login(User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-7"))
    response = client.get(URL)
    assert response.status_code == 200
    assert "Er zijn geen routes te controleren" in response.content.decode()
