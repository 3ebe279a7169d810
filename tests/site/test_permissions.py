"""Who sees what of the registrations and the admin: anonymous visitors, an editor, recruitment staff of region A,
recruitment staff of region B, and a superuser. Each role gets exactly its share of the list, a registration's
detail, the CSV export, the "contacted" action and the dashboard panel; nothing more."""

import csv
import io
from datetime import timedelta

import pytest

from django.contrib.auth.models import Group, User
from django.utils import timezone

from recruitment.models import FollowUp, RegionAssignment, Status
from recruitment.permissions import RECRUITMENT_STAFF_GROUP
from tests.helpers import editors_group
from tests.recruitment.factories import RegistrationFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"
ROLES = ["anonymous", "editor", "staff_a", "staff_b", "superuser"]
# Which registrations ("a" in region A, "b" in region B) each role may see and follow up, and its dashboard rows.
SEES = {"anonymous": set(), "editor": set(), "staff_a": {"a"}, "staff_b": {"b"}, "superuser": {"a", "b"}}
PANEL_ROWS = {"staff_a": ["Oost"], "staff_b": ["West"], "superuser": ["Oost", "West"]}
NAMES = {"a": "Anouk Oosterhof", "b": "Bart Westerveld"}


@pytest.fixture
def regions(db):
    from routes.models import PostcodeRange, Region

    east = Region.objects.create(name="Oost")
    PostcodeRange.objects.create(region=east, start=6500, end=7739)
    west = Region.objects.create(name="West")
    PostcodeRange.objects.create(region=west, start=1000, end=1199)
    return {"a": east, "b": west}


@pytest.fixture
def registrations(regions):
    """One registration in each region, as the form stores them (with their pending first messages)."""
    created_at = timezone.now() - timedelta(days=3)
    made = {}
    for key, postcode in (("a", "7511 AB"), ("b", "1011 AB")):
        made[key] = RegistrationFactory(
            name=NAMES[key],
            email=f"{key}-aanmelder@example.org",
            postcode=postcode,
            region=regions[key],
            created_at=created_at,
        )
    return made


def recruitment_staff(username, region):
    user = User.objects.create_user(username, f"{username}@example.org", "geheim-wachtwoord-9")
    user.groups.add(Group.objects.get(name=RECRUITMENT_STAFF_GROUP))
    RegionAssignment.objects.create(user=user).regions.set([region])
    return user


def editor():
    """An editor as Wagtail's "Editors" group makes one: the admin, and adding, changing and publishing pages."""
    user = User.objects.create_user("redacteur", "redacteur@example.org", "geheim-wachtwoord-8")
    user.groups.add(editors_group())
    return user


@pytest.fixture
def as_role(client, regions, registrations):
    """A test client logged in as the role (or not logged in at all)."""

    def login(role):
        users = {
            "anonymous": lambda: None,
            "editor": editor,
            "staff_a": lambda: recruitment_staff("werving-oost", regions["a"]),
            "staff_b": lambda: recruitment_staff("werving-west", regions["b"]),
            "superuser": lambda: User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-7"),
        }
        user = users[role]()
        if user is not None:
            client.force_login(user)
        return client

    return login


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def assert_refused(role, response):
    """Anonymous visitors are sent to the login; a logged-in user without the permission is refused."""
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), response
    else:
        # Wagtail answers "no permission" by sending the user back to the dashboard with a message.
        assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None)), response
    assert not any(name in body(response) for name in NAMES.values())


@pytest.mark.parametrize("role", ROLES)
def test_the_registrations_list(as_role, role):
    client = as_role(role)
    response = client.get(INDEX)
    if not SEES[role]:
        assert_refused(role, response)
        return
    assert response.status_code == 200
    html = body(response)
    assert {key for key, name in NAMES.items() if name in html} == SEES[role]
    # Searching for the other region's registrant finds nothing either.
    for key, name in NAMES.items():
        found = name in body(client.get(INDEX + "results/", {"q": name.split()[0]}))
        assert found == (key in SEES[role]), (key, found)


@pytest.mark.parametrize("role", ROLES)
def test_the_csv_export(as_role, role):
    response = as_role(role).get(INDEX, {"export": "csv"})
    if not SEES[role]:
        assert_refused(role, response)
        return
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="aanmeldingen.csv"'
    rows = list(csv.DictReader(io.StringIO(body(response).removeprefix("\ufeff")), delimiter=";"))
    assert {row["Naam"] for row in rows} == {NAMES[key] for key in SEES[role]}


@pytest.mark.parametrize("which", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_a_registrations_detail(as_role, registrations, role, which):
    response = as_role(role).get(f"{INDEX}inspect/{registrations[which].pk}/")
    if which in SEES[role]:
        assert response.status_code == 200
        html = body(response)
        assert NAMES[which] in html and f"{which}-aanmelder@example.org" in html
        assert "Interactie vastleggen" in html
    elif SEES[role]:
        assert response.status_code == 404, "staff of another region do not even learn that it exists"
    else:
        assert_refused(role, response)


@pytest.mark.parametrize("which", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_the_contacted_action(as_role, registrations, role, which):
    registration = registrations[which]
    response = as_role(role).post(
        f"{INDEX}contact/{registration.pk}/",
        {
            "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "method": "telefoongesprek",
            "note": "Gebeld",
            "status_after": "contacted",
        },
    )
    registration.refresh_from_db()
    if which in SEES[role]:
        assert response.status_code == 302 and response["Location"] == f"{INDEX}inspect/{registration.pk}/"
        assert registration.status == Status.CONTACTED
        assert FollowUp.objects.filter(registration=registration).count() == 1
        return
    if SEES[role]:
        assert response.status_code == 404
    else:
        assert_refused(role, response)
    assert registration.status == Status.NEW and registration.contacted_at is None
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_and_its_menu(as_role, role):
    response = as_role(role).get("/admin/")
    if role == "anonymous":
        assert_refused(role, response)
        return
    assert response.status_code == 200
    html = body(response)
    assert ("Aanmeldingen per regio" in html) == bool(SEES[role])
    assert (INDEX in html) == bool(SEES[role]), "the menu item only for who may open it"
    assert ("/admin/regiotoewijzingen/" in html) == (role == "superuser")
    shown = [name for name in ("Oost", "West") if f'<th scope="row">{name}</th>' in html]
    assert shown == PANEL_ROWS.get(role, [])
    assert not any(name in html for name in NAMES.values()), "the panel counts; it names nobody"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_assign_regions_and_edit_pages(as_role, role):
    client = as_role(role)
    assignments = client.get("/admin/regiotoewijzingen/")
    if role == "superuser":
        assert assignments.status_code == 200
    else:
        assert_refused(role, assignments)
    pages = client.get("/admin/pages/")
    if role in ("editor", "superuser"):
        assert pages.status_code == 200
    else:
        assert_refused(role, pages)  # recruitment staff have no page permissions: they never see the page tree
