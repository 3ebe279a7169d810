"""The staff side in the Wagtail admin: only the recruitment staff group sees registrations (editors get a 403 and
no menu), the list with filters, search and CSV export, the detail view with the follow-up log, the contact action
that stops the reminders, the limit to a staff member's regions, and the dashboard panel."""

import csv
import io
from datetime import timedelta

import pytest

from django.contrib.auth.models import User
from django.utils import timezone

from recruitment.admin_views import RegistrationsPanel
from recruitment.models import FollowUp, MessageState, OutgoingMessage, RegionAssignment, Registration, Status
from recruitment.permissions import RECRUITMENT_STAFF_GROUP
from recruitment.services import log_contact
from recruitment.tasks import send_due_reminders

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"


def inspect_url(registration):
    return f"/admin/aanmeldingen/inspect/{registration.pk}/"


@pytest.fixture
def people(make_registration, regions):
    now = timezone.now()
    return {
        "new": make_registration(name="Nieuwe Nina", email="nina@example.org", created_at=now - timedelta(days=2)),
        "overdue": make_registration(name="Late Lars", email="lars@example.org", created_at=now - timedelta(days=33)),
        "due_soon": make_registration(name="Bijna Bram", email="bram@example.org", created_at=now - timedelta(days=26)),
        "national": make_registration(
            name="Landelijke Lotte",
            email="lotte@example.org",
            region=regions["national"],
            created_at=now - timedelta(days=5),
        ),
        "closed": make_registration(
            name="Klaar Kees", email="kees@example.org", status=Status.CLOSED, created_at=now - timedelta(days=40)
        ),
    }


def test_the_migration_creates_the_recruitment_staff_group():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=RECRUITMENT_STAFF_GROUP)
    assert {"access_admin", "view_registration", "change_registration"} <= set(
        group.permissions.values_list("codename", flat=True)
    )
    assert not Group.objects.get(name="Editors").permissions.filter(content_type__app_label="recruitment").exists()


def test_an_editor_sees_no_registrations_anywhere(client, editor_user, people):
    client.force_login(editor_user)
    dashboard = client.get("/admin/").content.decode()
    assert "Aanmeldingen" not in dashboard
    assert "Nieuwe Nina" not in dashboard
    for url in (INDEX, INDEX + "?export=csv", INDEX + "results/?q=nina", inspect_url(people["new"])):
        response = client.get(url)
        # Wagtail answers "no permission" by sending the user back to the dashboard with a message.
        assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None)), url
        assert b"Nieuwe Nina" not in response.content
    response = client.post(
        f"/admin/aanmeldingen/contact/{people['new'].pk}/",
        {"contacted_at": "2026-01-01T10:00", "method": "telefoongesprek", "status_after": "contacted"},
    )
    assert (response.status_code, response.get("Location")) in ((302, "/admin/"), (403, None))
    assert not FollowUp.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, people):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_recruitment_staff_see_the_menu_the_list_and_the_panel(client, staff_user, people):
    client.force_login(staff_user)
    dashboard = client.get("/admin/").content.decode()
    assert "Aanmeldingen" in dashboard and INDEX in dashboard
    assert "Aanmeldingen per regio" in dashboard
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    for person in people.values():
        assert person.name in html
    assert "Te laat: 3 dagen over de termijn" in html, "overdue in words, not only in colour"
    assert "/admin/aanmeldingen/new/" not in html, "nobody adds registrations by hand"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=new", {"new", "overdue", "due_soon", "national"}),
        ("?status=closed", {"closed"}),
        ("?deadline=overdue", {"overdue"}),
        ("?deadline=this_week", {"due_soon"}),
        ("?q=lars", {"overdue"}),
        ("?q=lotte%40example", {"national"}),
    ],
)
def test_filters_and_search(client, staff_user, people, query, expected, regions):
    client.force_login(staff_user)
    html = client.get(INDEX + query).content.decode()
    shown = {key for key, person in people.items() if person.name in html}
    assert shown == expected


def test_filter_by_region(client, staff_user, people, regions):
    client.force_login(staff_user)
    html = client.get(INDEX + f"?region={regions['national'].pk}").content.decode()
    assert "Landelijke Lotte" in html and "Nieuwe Nina" not in html


def test_the_detail_view_shows_the_data_the_deadline_and_the_log(client, staff_user, people):
    registration = people["overdue"]
    log_contact(
        registration,
        user=staff_user,
        contacted_at=timezone.now() - timedelta(hours=1),
        method="e-mail",
        note="Mail gestuurd, wacht op antwoord",
    )
    client.force_login(staff_user)
    response = client.get(inspect_url(registration))
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "Late Lars",
        "lars@example.org",
        "7511 AB",
        "Oost",
        "Contact gehad",
        "Olga Opvolger",
        "Mail gestuurd, wacht op antwoord",
        "Bericht aan de regio",
        "Bevestiging aan de aanmelder",
        "Interactie vastleggen",
    ):
        assert expected in html, expected


def test_the_contact_action_logs_who_when_how_and_stops_the_reminders(client, staff_user, people, smtp_server):
    registration = people["due_soon"]
    send_due_reminders.apply()  # day 26: the day-21 reminder is sent
    assert registration.messages.filter(kind="reminder_day_21", state=MessageState.SENT).exists()
    client.force_login(staff_user)
    response = client.post(
        f"/admin/aanmeldingen/contact/{registration.pk}/",
        {
            "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "method": "telefoongesprek",
            "note": "Gebeld, wil naar de open dag",
            "status_after": "contacted",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == inspect_url(registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONTACTED
    assert registration.contacted_at is not None
    follow_up = registration.follow_ups.get()
    assert (follow_up.staff, follow_up.method) == (staff_user, "telefoongesprek")
    assert follow_up.note == "Gebeld, wil naar de open dag"
    assert follow_up.staff_name == "Olga Opvolger"

    sent_before = len(smtp_server.messages)
    for days_later in (2, 5, 12):  # the day-27 reminder, the day-30 warning and the weekly one: none of them
        Registration.objects.filter(pk=registration.pk).update(
            created_at=registration.created_at - timedelta(days=days_later),
            contact_due_at=registration.contact_due_at - timedelta(days=days_later),
        )
        send_due_reminders.apply()
    assert len(smtp_server.messages) == sent_before
    assert not registration.messages.filter(kind__startswith="escalation").exists()


def test_a_contact_in_the_future_or_without_method_is_refused_with_a_message(client, staff_user, people):
    client.force_login(staff_user)
    registration = people["new"]
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/admin/aanmeldingen/contact/{registration.pk}/", {"contacted_at": tomorrow, "status_after": "contacted"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit moment ligt in de toekomst" in html
    assert "Kies wat voor contact het was." in html
    assert not FollowUp.objects.exists()


def test_closing_sets_the_status_and_the_closing_time(client, staff_user, people):
    client.force_login(staff_user)
    registration = people["new"]
    client.post(
        f"/admin/aanmeldingen/contact/{registration.pk}/",
        {
            "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "method": "anders",
            "note": "Niet bereikbaar, afgesloten",
            "status_after": "closed",
        },
    )
    registration.refresh_from_db()
    assert registration.status == Status.CLOSED and registration.closed_at is not None


def test_csv_export_has_the_columns_and_defuses_spreadsheet_formulas(client, staff_user, people):
    Registration.objects.filter(pk=people["new"].pk).update(message='=HYPERLINK("http://evil.example")')
    people["new"].routes.set([])
    client.force_login(staff_user)
    response = client.get(INDEX + "?export=csv&status=new")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="aanmeldingen.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert {row["Naam"] for row in rows} == {"Nieuwe Nina", "Late Lars", "Bijna Bram", "Landelijke Lotte"}
    nina = next(row for row in rows if row["Naam"] == "Nieuwe Nina")
    assert nina["E-mailadres"] == "nina@example.org"
    assert nina["Regio"] == "Oost"
    assert nina["Status"] == "Nieuw, wacht op contact"
    assert nina["Bericht"].startswith("'=HYPERLINK")
    assert nina["Aangemeld op"] == timezone.localtime(people["new"].created_at).strftime("%Y-%m-%d %H:%M")
    xlsx = client.get(INDEX + "?export=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith('aanmeldingen.xlsx"')


def test_staff_limited_to_a_region_see_only_that_region(client, staff_user, people, regions):
    assignment = RegionAssignment.objects.create(user=staff_user)
    assignment.regions.set([regions["national"]])
    client.force_login(staff_user)
    html = client.get(INDEX).content.decode()
    assert "Landelijke Lotte" in html
    assert "Nieuwe Nina" not in html
    assert client.get(inspect_url(people["new"])).status_code == 404
    assert client.get(inspect_url(people["national"])).status_code == 200
    rows = b"".join(client.get(INDEX + "?export=csv").streaming_content).decode()
    assert "Landelijke Lotte" in rows and "Nieuwe Nina" not in rows
    panel = RegistrationsPanel(staff_user)
    assert [row["name"] for row in panel.rows()] == ["Landelijk"]


def test_a_withdrawn_registration_cannot_be_followed_up(client, staff_user, people):
    from recruitment.services import withdraw

    withdraw(people["new"])
    client.force_login(staff_user)
    html = client.get(inspect_url(people["new"])).content.decode()
    assert "Interactie vastleggen" not in html
    response = client.post(
        f"/admin/aanmeldingen/contact/{people['new'].pk}/",
        {
            "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "method": "telefoongesprek",
            "status_after": "contacted",
        },
    )
    assert response.status_code == 302
    assert not FollowUp.objects.exists()


class TestDashboardPanel:
    def test_open_overdue_and_share_contacted_in_time_per_region(self, make_registration, regions, staff_user):
        now = timezone.now()
        east, national = regions["east"], regions["national"]
        on_time = make_registration(created_at=now - timedelta(days=40))
        on_time.status, on_time.contacted_at = Status.CONTACTED, on_time.created_at + timedelta(days=3)
        on_time.save()
        late = make_registration(created_at=now - timedelta(days=60))
        late.status, late.contacted_at = Status.CLOSED, late.created_at + timedelta(days=35)
        late.save()
        make_registration(created_at=now - timedelta(days=45))  # never contacted, overdue
        make_registration(created_at=now - timedelta(days=3))  # still within the deadline: not counted yet
        old = make_registration(created_at=now - timedelta(days=120))  # outside the 90 days
        old.status, old.contacted_at = Status.CONTACTED, old.created_at + timedelta(days=40)
        old.save()
        withdrawn = make_registration(created_at=now - timedelta(days=50), region=national)
        withdrawn.status, withdrawn.withdrawn_at = Status.WITHDRAWN, withdrawn.created_at + timedelta(days=2)
        withdrawn.save()
        make_registration(created_at=now - timedelta(days=10), region=national)

        rows = {row["name"]: row for row in RegistrationsPanel(staff_user).rows()}
        assert rows["Oost"] | {} == {
            "name": "Oost",
            "open": 2,  # awaiting first contact; the contacted ones are no longer open here
            "overdue": 1,
            "on_time": 1,
            "late": 2,
            "decided": 3,
            "share": 33,
        }
        assert rows["Landelijk"] == {
            "name": "Landelijk",
            "open": 1,
            "overdue": 0,
            "on_time": 0,
            "late": 0,
            "decided": 0,
            "share": None,
        }
        assert east and "Zonder regio" not in rows

    def test_it_takes_the_same_number_of_queries_for_many_regions(
        self, make_registration, regions, staff_user, django_assert_num_queries
    ):
        from routes.models import Region

        make_registration()
        panel = RegistrationsPanel(staff_user)
        with django_assert_num_queries(3):  # the user's regions, the regions with counts, those without a region
            panel.rows()
        for number in range(8):
            region = Region.objects.create(name=f"Regio {number}")
            make_registration(region=region)
        with django_assert_num_queries(3):
            assert len(panel.rows()) == 10

    def test_editors_do_not_get_the_panel(self, client, editor_user, make_registration):
        make_registration()
        client.force_login(editor_user)
        assert "Aanmeldingen per regio" not in client.get("/admin/").content.decode()

    def test_unsent_messages_are_never_hidden_from_the_detail_view(self, client, staff_user, make_registration):
        registration = make_registration()
        OutgoingMessage.objects.filter(registration=registration).update(
            state=MessageState.FAILED, last_error="SMTPRecipientsRefused: 550 no such user"
        )
        client.force_login(staff_user)
        html = client.get(inspect_url(registration)).content.decode()
        assert "Mislukt (SMTPRecipientsRefused: 550 no such user)" in html


def test_superusers_see_everything(client, people):
    admin = User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-3")
    client.force_login(admin)
    assert client.get(INDEX).status_code == 200
    assert client.get(inspect_url(people["closed"])).status_code == 200


def test_administrators_assign_staff_to_regions_under_settings(client, staff_user, regions):
    admin = User.objects.create_superuser("beheerder", "beheerder@example.org", "geheim-wachtwoord-4")
    client.force_login(admin)
    assert client.get("/admin/regiotoewijzingen/").status_code == 200
    response = client.post("/admin/regiotoewijzingen/new/", {"user": staff_user.pk, "regions": [regions["east"].pk]})
    assert response.status_code == 302
    assert list(RegionAssignment.objects.get(user=staff_user).regions.all()) == [regions["east"]]
    assert "Oost" in client.get("/admin/regiotoewijzingen/").content.decode()
    client.force_login(staff_user)
    assert client.get("/admin/regiotoewijzingen/").status_code in (302, 403), "staff cannot widen their own view"
