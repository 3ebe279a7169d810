"""Issue 8: the region limit fails closed. A staff member whose region assignment holds no regions (or whose only
region was deleted) sees no registration anywhere in the admin: not in the list, the search, the exports, the
registration's page, the contact action or the dashboard. Staff without an assignment see every region; superusers
see everything whatever their assignment says."""

import csv
import io
import zipfile
from datetime import timedelta

import pytest

from django.contrib.auth.models import User
from django.test import RequestFactory
from django.utils import timezone

from recruitment.admin_views import RegistrationFilterSet, RegistrationsPanel
from recruitment.models import FollowUp, RegionAssignment, Registration, Status

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"
NAMES = ["Oostelijke Olga", "Landelijke Lotte", "Regioloze Rik"]


@pytest.fixture
def people(make_registration, regions):
    created_at = timezone.now() - timedelta(days=40)  # overdue: every panel column has something to count
    east = make_registration(name=NAMES[0], created_at=created_at)
    national = make_registration(name=NAMES[1], region=regions["national"], created_at=created_at)
    nowhere = make_registration(name=NAMES[2], created_at=created_at)
    Registration.objects.filter(pk=nowhere.pk).update(region=None)
    return [east, national, nowhere]


@pytest.fixture(params=["assignment-without-regions", "only-region-deleted"])
def limited_to_nothing(request, staff_user, regions, people):
    """A staff member limited to no region at all, in each of the two ways that can happen."""
    assignment = RegionAssignment.objects.create(user=staff_user)
    if request.param == "only-region-deleted":
        from routes.models import Region

        extra = Region.objects.create(name="Zuid")
        assignment.regions.set([extra])
        extra.delete()
        assert not assignment.regions.exists()
    return staff_user


def body(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK"):  # an XLSX file: the XML inside the zip
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8-sig")


def shown(html):
    return [name for name in NAMES if name in html]


def panel_rows(html):
    return [name for name in ("Oost", "Landelijk", "Zuid", "Zonder regio") if f'<th scope="row">{name}</th>' in html]


def region_options(html):
    return [name for name in ("Oost", "Landelijk", "Zuid") if f">{name}</option>" in html]


def test_no_registration_in_the_list_the_search_or_the_filters(client, limited_to_nothing, people, regions):
    client.force_login(limited_to_nothing)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = body(response)
    assert shown(html) == []
    assert region_options(html) == [], "the region filter offers no region"
    for query in (
        {"q": "Olga"},
        {"q": "example.org"},
        {"status": "new"},
        {"deadline": "overdue"},
        {"region": regions["east"].pk},
        {"region": regions["national"].pk},
        {"region": "999999"},
    ):
        for url in (INDEX, INDEX + "results/"):
            response = client.get(url, query)
            assert response.status_code == 200, (url, query)
            assert shown(body(response)) == [], (url, query)


def test_the_exports_are_empty(client, limited_to_nothing, people):
    client.force_login(limited_to_nothing)
    response = client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response)), delimiter=";"))
    assert rows == []
    response = client.get(INDEX, {"export": "xlsx"})
    assert response.status_code == 200
    assert shown(body(response)) == []


def test_a_registrations_page_and_the_contact_action_answer_404(client, limited_to_nothing, people):
    client.force_login(limited_to_nothing)
    for registration in people:
        assert client.get(f"{INDEX}inspect/{registration.pk}/").status_code == 404
        response = client.post(
            f"{INDEX}contact/{registration.pk}/",
            {
                "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "method": "telefoongesprek",
                "note": "Gebeld",
                "status_after": "contacted",
            },
        )
        assert response.status_code == 404
        assert shown(body(response)) == []
    assert not FollowUp.objects.exists()
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.NEW}
    assert not Registration.objects.filter(contacted_at__isnull=False).exists()


def test_the_dashboard_panel_shows_no_region_and_says_why(client, limited_to_nothing, people):
    client.force_login(limited_to_nothing)
    html = body(client.get("/admin/"))
    assert "Aanmeldingen per regio" in html
    assert panel_rows(html) == []
    assert shown(html) == []
    assert "Je bent aan geen regio gekoppeld" in html
    assert RegistrationsPanel(limited_to_nothing).rows() == []


def test_the_panel_and_the_filter_on_their_own_handle_an_empty_list(limited_to_nothing, people, regions):
    panel = RegistrationsPanel(limited_to_nothing)
    context = panel.get_context_data({})
    assert context["rows"] == []
    assert context["total"] == {"open": 0, "overdue": 0, "on_time": 0, "late": 0, "decided": 0, "share": None}
    assert context["no_regions"] is True

    request = RequestFactory().get(INDEX, {"region": regions["east"].pk})
    request.user = limited_to_nothing
    filters = RegistrationFilterSet(
        request.GET, queryset=Registration.objects.for_user(limited_to_nothing), request=request
    )
    assert list(filters.filters["region"].queryset) == []
    assert not filters.is_valid(), "a region outside the user's limit is not a choice"
    assert list(filters.qs) == []


def test_a_filter_set_without_a_request_offers_no_region(regions):
    assert list(RegistrationFilterSet({}, queryset=Registration.objects.none()).filters["region"].queryset) == []


def test_removing_the_last_region_takes_everything_away_at_once(client, staff_user, people, regions):
    assignment = RegionAssignment.objects.create(user=staff_user)
    assignment.regions.set([regions["east"]])
    client.force_login(staff_user)
    assert shown(body(client.get(INDEX))) == [NAMES[0]]
    assert panel_rows(body(client.get("/admin/"))) == ["Oost"]
    regions["east"].delete()  # its registrations keep existing, without a region
    assert shown(body(client.get(INDEX))) == []
    assert shown(body(client.get(INDEX, {"export": "csv"}))) == []
    assert panel_rows(body(client.get("/admin/"))) == []
    assert client.get(f"{INDEX}inspect/{people[0].pk}/").status_code == 404


def test_staff_without_an_assignment_see_every_region(client, staff_user, people):
    client.force_login(staff_user)
    assert shown(body(client.get(INDEX))) == NAMES
    assert panel_rows(body(client.get("/admin/"))) == ["Oost", "Landelijk", "Zonder regio"]
    assert client.get(f"{INDEX}inspect/{people[2].pk}/").status_code == 200


def test_a_superuser_sees_everything_even_with_an_empty_assignment(client, people):
    admin = User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-3")
    RegionAssignment.objects.create(user=admin)
    client.force_login(admin)
    assert shown(body(client.get(INDEX))) == NAMES
    assert len(list(csv.DictReader(io.StringIO(body(client.get(INDEX, {"export": "csv"}))), delimiter=";"))) == 3
    for registration in people:
        assert client.get(f"{INDEX}inspect/{registration.pk}/").status_code == 200
