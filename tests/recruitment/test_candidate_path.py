"""A candidate's path: typed interactions (the first is the contact), phases with their log, stopping with a
reason, a next-action date whose reminder goes to the assigned staff member on a working day (or to the region while
they are away), and where the registrant came from. Real PostgreSQL and a real SMTP server; the beat task runs in
this process, with the clock moved."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.contrib.auth.models import User
from django.core import signing
from django.utils import timezone

from recruitment import attribution
from recruitment.models import (
    Channel,
    InteractionKind,
    MessageState,
    OutgoingMessage,
    Phase,
    PhaseChange,
    Registration,
    StaffAbsence,
    Status,
    StopReason,
)
from recruitment.schedule import reminder_due_at
from recruitment.services import PathError, assign, change_path, log_contact
from recruitment.tasks import send_due_reminders
from recruitment.working_days import add_working_days, is_working_day, on_working_day, working_days_between

from .conftest import valid_data

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INDEX = "/admin/aanmeldingen/"


def at(day, hour=10, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def contacted(registration, user, moment=None):
    log_contact(
        registration,
        user=user,
        contacted_at=moment or timezone.now(),
        method=InteractionKind.PHONE_CALL,
        note="Eerste gesprek",
    )
    registration.refresh_from_db()
    return registration


# --- working days ---------------------------------------------------------------------------------------------------


def test_weekends_and_dutch_public_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 24))  # Thursday
    assert not is_working_day(date(2026, 12, 25))  # Christmas
    assert not is_working_day(date(2026, 12, 26))  # Saturday, second Christmas day
    assert not is_working_day(date(2027, 4, 27))  # King's Day, a Tuesday
    assert is_working_day(date(2026, 12, 28))
    assert on_working_day(at(date(2026, 12, 25), 9)) == at(date(2026, 12, 28), 9)
    assert add_working_days(at(date(2026, 12, 24), 15), 2) == at(date(2026, 12, 29), 15)
    assert working_days_between(at(date(2026, 12, 24), 15), at(date(2026, 12, 28), 9)) == 1


def test_a_reminder_on_a_holiday_moves_to_the_next_working_day_but_never_past_the_deadline():
    created = at(date(2027, 4, 20), 11)  # a Tuesday; day 7 is King's Day
    assert reminder_due_at(created, 7) == at(date(2027, 4, 28), 11)
    # Day 27 of a registration on Friday 27 November 2026 is Christmas Eve... and day 29 is Boxing Day, a Saturday:
    # with a 30-day deadline on Sunday 27 December, a reminder due on the 26th cannot move to Monday the 28th.
    created = at(date(2026, 11, 26), 11)  # Thursday; day 30 = Saturday 26 December (a holiday)
    deadline = at(date(2026, 12, 26), 11)
    due = reminder_due_at(created, 29)  # Friday 25 December: Christmas; the next working day is past the deadline
    assert due < deadline and is_working_day(due.date()) and due == at(date(2026, 12, 24), 11)


# --- interactions and phases ----------------------------------------------------------------------------------------


def test_the_first_interaction_is_the_contact_and_starts_the_conversation(make_registration, staff_user):
    registration = make_registration()
    assert (registration.phase, registration.status) == (Phase.NEW, Status.NEW)
    contacted(registration, staff_user)
    assert (registration.phase, registration.status) == (Phase.IN_CONVERSATION, Status.CONTACTED)
    first = registration.contacted_at
    log_contact(
        registration,
        user=staff_user,
        contacted_at=timezone.now(),
        method=InteractionKind.JOB_SHADOWING,
        note="Meeloopdag op het Deltion",
    )
    registration.refresh_from_db()
    assert registration.contacted_at == first, "only the first interaction is the first contact"
    assert registration.follow_ups.count() == 2
    assert list(registration.phase_changes.values_list("phase", flat=True)) == [Phase.IN_CONVERSATION]


def test_a_phase_needs_a_contact_first_and_stopping_needs_a_reason(make_registration, staff_user, stop_reasons):
    registration = make_registration()
    with pytest.raises(PathError, match="interactie"):
        change_path(registration, user=staff_user, phase=Phase.ORIENTING)
    contacted(registration, staff_user)
    with pytest.raises(PathError, match="gestopt"):
        change_path(registration, user=staff_user, phase=Phase.STOPPED)
    reason = StopReason.objects.get(name="Financieel niet haalbaar")
    change_path(registration, user=staff_user, phase=Phase.STOPPED, stop_reason=reason, next_action_on=date(2030, 1, 1))
    registration.refresh_from_db()
    assert (registration.phase, registration.status, registration.stop_reason) == (Phase.STOPPED, Status.CLOSED, reason)
    assert registration.next_action_on is None and registration.closed_at is not None
    # Back on the path: open again.
    change_path(registration, user=staff_user, phase=Phase.ORIENTING)
    registration.refresh_from_db()
    assert (registration.phase, registration.status, registration.stop_reason) == (
        Phase.ORIENTING,
        Status.CONTACTED,
        None,
    )
    assert list(registration.phase_changes.values_list("phase", flat=True)) == [
        Phase.IN_CONVERSATION,
        Phase.STOPPED,
        Phase.ORIENTING,
    ]


def test_reopening_is_refused_when_the_person_registered_again_meanwhile(make_registration, staff_user, stop_reasons):
    old = contacted(make_registration(email="terug@example.org"), staff_user)
    change_path(old, user=staff_user, phase=Phase.STOPPED, stop_reason=StopReason.objects.first())
    make_registration(email="terug@example.org")
    with pytest.raises(PathError, match="nieuwere aanmelding"):
        change_path(old, user=staff_user, phase=Phase.ORIENTING)
    old.refresh_from_db()
    assert old.phase == Phase.STOPPED


def test_staff_walk_the_phases_in_the_admin(client, make_registration, staff_user):
    registration = make_registration(name="Fatima Fase")
    client.force_login(staff_user)
    page = client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert "Leg eerst een interactie vast" in page and "Fase opslaan" not in page
    response = client.post(
        f"{INDEX}contact/{registration.pk}/",
        {
            "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "method": "adviesgesprek",
            "note": "Adviesgesprek over de zij-instroom",
            "status_after": "contacted",
        },
    )
    assert response.status_code == 302
    next_week = timezone.localdate() + timedelta(days=7)
    response = client.post(
        f"{INDEX}fase/{registration.pk}/",
        {
            "phase": "voorbereiding",
            "preparation_steps": ["meeloopdag", "sollicitatie"],
            "next_action_on": next_week.isoformat(),
            "next_action_note": "Nabellen na de meeloopdag",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    registration.refresh_from_db()
    assert registration.phase == Phase.PREPARING
    assert registration.preparation_steps == ["meeloopdag", "sollicitatie"]
    assert registration.next_action_on == next_week
    page = client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert "Voorbereiding: Meeloopdag, Sollicitatie" in page and "Nabellen na de meeloopdag" in page
    # A bad post is refused with a Dutch message, and changes nothing.
    response = client.post(f"{INDEX}fase/{registration.pk}/", {"phase": "aan-het-werk", "next_action_on": "1-1-0001"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies als wat deze persoon aan het werk is." in body
    assert "Vul een datum in" in body or "Deze datum is al voorbij" in body
    registration.refresh_from_db()
    assert registration.phase == Phase.PREPARING
    response = client.post(f"{INDEX}fase/{registration.pk}/", {"phase": "aan-het-werk", "working_as": "instructeur"})
    registration.refresh_from_db()
    assert (registration.phase, registration.working_as, registration.next_action_on) == (
        Phase.WORKING,
        "instructeur",
        None,
    )
    assert PhaseChange.objects.filter(registration=registration).count() == 3


# --- assignment, next action, absence -------------------------------------------------------------------------------


@pytest.fixture
def colleague(staff_user):
    user = User.objects.create_user("collega", "collega@example.org", "geheim-wachtwoord-3", first_name="Cor")
    user.groups.set(staff_user.groups.all())
    return user


def test_the_next_action_reminder_goes_to_the_assignee_on_a_working_day_after_a_holiday_weekend(
    make_registration, staff_user, colleague, smtp_server
):
    """Next action on Christmas Day 2026 (a Friday): Saturday and Sunday are days off too; the reminder comes on
    Monday 28 December at nine, once, to the staff member it is assigned to."""
    start = at(date(2026, 12, 1), 10)
    with time_machine.travel(start, tick=False) as traveller:
        registration = make_registration(created_at=start, name="Kerstmis Karel")
        contacted(registration, staff_user)
        assign(registration, assignee=colleague)
        change_path(
            registration,
            user=staff_user,
            phase=Phase.ORIENTING,
            next_action_on=date(2026, 12, 25),
            next_action_note="Bellen over de open dag",
        )
        send_due_reminders.apply()
        sent_before = len(smtp_server.messages)
        for moment in (at(date(2026, 12, 25), 12), at(date(2026, 12, 26), 12), at(date(2026, 12, 27), 23, 59)):
            traveller.move_to(moment)
            send_due_reminders.apply()
        assert len(smtp_server.messages) == sent_before, "no reminder on a day off"
        traveller.move_to(at(date(2026, 12, 28), 8, 59))
        send_due_reminders.apply()
        assert len(smtp_server.messages) == sent_before, "not before the morning hour"
        traveller.move_to(at(date(2026, 12, 28), 9, 5))
        send_due_reminders.apply()
        send_due_reminders.apply()
    new = smtp_server.messages[sent_before:]
    assert len(new) == 1
    (mail,) = new
    assert mail["to"] == ["collega@example.org"]
    assert "Kerstmis Karel" in mail["message"]["Subject"]
    body = mail["message"].get_body(("plain",)).get_content()
    assert "vrijdag 25 december 2026" in body and "Bellen over de open dag" in body
    message = OutgoingMessage.objects.get(registration=registration, kind__startswith="next_action_")
    assert message.state == MessageState.SENT and timezone.localtime(message.sent_at).date() == date(2026, 12, 28)


def test_while_the_assignee_is_away_the_region_gets_the_reminder(make_registration, staff_user, colleague, smtp_server):
    start = at(date(2027, 3, 1), 10)  # a Monday
    with time_machine.travel(start, tick=False) as traveller:
        registration = make_registration(created_at=start)
        assign(registration, assignee=colleague)
        StaffAbsence.objects.create(user=colleague, starts_on=date(2027, 3, 5), ends_on=date(2027, 3, 12))
        send_due_reminders.apply()
        before = len(smtp_server.messages)
        traveller.move_to(at(date(2027, 3, 8), 11))  # day 7, a Monday: the assignee is away
        send_due_reminders.apply()
        traveller.move_to(at(date(2027, 3, 15), 11))  # day 14: back
        send_due_reminders.apply()
    reminders = smtp_server.messages[before:]
    assert [sorted(item["to"]) for item in reminders] == [
        ["oost-1@example.org", "oost-2@example.org"],
        ["collega@example.org"],
    ]


def test_a_moved_or_stopped_next_action_is_not_reminded(make_registration, staff_user, smtp_server):
    start = at(date(2027, 3, 1), 10)
    with time_machine.travel(start, tick=False) as traveller:
        registration = contacted(make_registration(created_at=start), staff_user)
        change_path(registration, user=staff_user, phase=Phase.ORIENTING, next_action_on=date(2027, 3, 3))
        traveller.move_to(at(date(2027, 3, 2), 12))
        change_path(registration, user=staff_user, phase=Phase.ORIENTING, next_action_on=date(2027, 3, 10))
        traveller.move_to(at(date(2027, 3, 3), 12))
        send_due_reminders.apply()
        assert not registration.messages.filter(kind__startswith="next_action_").exists()
        traveller.move_to(at(date(2027, 3, 10), 12))
        send_due_reminders.apply()
    assert list(registration.messages.filter(kind__startswith="next_action_").values_list("kind", flat=True)) == [
        f"next_action_{date(2027, 3, 10).toordinal()}"
    ]


def test_staff_see_and_mark_only_their_own_absence(client, staff_user, colleague):
    StaffAbsence.objects.create(user=colleague, starts_on=date(2027, 1, 4), ends_on=date(2027, 1, 8), note="Ski")
    client.force_login(staff_user)
    listing = client.get("/admin/afwezigheid/")
    assert listing.status_code == 200 and "Ski" not in listing.content.decode()
    response = client.post(
        "/admin/afwezigheid/new/", {"starts_on": "2027-02-01", "ends_on": "2027-01-01", "note": "Verkeerd om"}
    )
    assert response.status_code == 200 and "De laatste dag ligt vóór de eerste" in response.content.decode()
    response = client.post("/admin/afwezigheid/new/", {"starts_on": "2027-02-01", "ends_on": "2027-02-05", "note": ""})
    assert response.status_code == 302
    assert StaffAbsence.objects.get(starts_on=date(2027, 2, 1)).user == staff_user
    other = StaffAbsence.objects.get(user=colleague)
    assert client.get(f"/admin/afwezigheid/edit/{other.pk}/").status_code == 404


# --- where the registrant came from ---------------------------------------------------------------------------------


def form_origin(client, query="", **headers):
    page = client.get(f"/aanmelding/{query}", **headers).content.decode()
    marker = 'name="herkomst" value="'
    return page.split(marker, 1)[1].split('"', 1)[0] if marker in page else ""


def test_campaign_parameters_travel_signed_from_the_form_to_the_registration(client, routes):
    origin = form_origin(client, "?utm_source=linkedin&utm_campaign=najaar-2026&utm_medium=social&onbekend=x")
    client.post("/aanmelding/", valid_data(herkomst=origin))
    registration = Registration.objects.get()
    assert registration.channel == Channel.CAMPAIGN
    assert registration.campaign == {"utm_source": "linkedin", "utm_campaign": "najaar-2026", "utm_medium": "social"}


def test_the_referring_page_on_this_site_is_kept_and_another_site_only_as_elsewhere(client, routes):
    origin = form_origin(client, HTTP_REFERER="http://testserver/routes/zij-instroom/")
    client.post("/aanmelding/", valid_data(email="a@example.org", herkomst=origin))
    origin = form_origin(client, HTTP_REFERER="https://tracker.example.com/x?id=123")
    client.post("/aanmelding/", valid_data(email="b@example.org", herkomst=origin))
    first, second = Registration.objects.order_by("email")
    assert (first.channel, first.referrer_path) == (Channel.SITE, "/routes/zij-instroom/")
    assert (second.channel, second.referrer_path, second.campaign) == (Channel.ELSEWHERE, "", {})


def test_a_tampered_or_hostile_origin_is_ignored(client, routes):
    forged = signing.dumps({"campaign": {"utm_source": "x"}}, salt="another-salt")
    client.post("/aanmelding/", valid_data(email="c@example.org", herkomst=forged))
    hostile = attribution.sign({"campaign": {"utm_source": "\x00<script>", "evil": "1"}, "event": "1 OR 1=1"})
    client.post("/aanmelding/", valid_data(email="d@example.org", herkomst=hostile))
    client.post("/aanmelding/", valid_data(email="e@example.org", herkomst="x" * 5000))
    client.post("/aanmelding/", valid_data(email="f@example.org", herkomst="\x00<\u202e>"))
    assert Registration.objects.count() == 4
    for registration in Registration.objects.all():
        assert (registration.channel, registration.campaign, registration.event) == (Channel.DIRECT, {}, None)


def test_staff_see_where_the_registrant_came_from(client, routes, staff_user):
    origin = form_origin(client, "?utm_source=nieuwsbrief")
    client.post("/aanmelding/", valid_data(herkomst=origin))
    registration = Registration.objects.get()
    client.force_login(staff_user)
    page = client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert "Kwam binnen via" in page and "Campagne (utm_source=nieuwsbrief)" in page


def test_withdrawal_erases_the_notes_of_the_path_and_keeps_the_figures(make_registration, staff_user, stop_reasons):
    from recruitment.services import withdraw

    registration = contacted(make_registration(), staff_user)
    change_path(
        registration,
        user=staff_user,
        phase=Phase.PREPARING,
        preparation_steps=["meeloopdag"],
        next_action_on=timezone.localdate() + timedelta(days=3),
        next_action_note="Bellen naar Sanne op haar werk",
        note="Sanne twijfelt over haar gezondheid",
    )
    withdraw(registration)
    registration.refresh_from_db()
    assert registration.next_action_note == "" and registration.name == ""
    assert not PhaseChange.objects.filter(registration=registration).exclude(note="", staff_name="").exists()
    assert list(registration.phase_changes.values_list("phase", flat=True)) == [Phase.IN_CONVERSATION, Phase.PREPARING]


def test_staff_filter_by_phase_assignment_and_next_action_and_export_the_path(
    client, make_registration, staff_user, colleague, stop_reasons
):
    mine = contacted(make_registration(name="Mijn Marit", email="marit@example.org"), staff_user)
    assign(mine, assignee=staff_user)
    change_path(mine, user=staff_user, phase=Phase.ORIENTING, next_action_on=timezone.localdate())
    theirs = contacted(make_registration(name="Hun Hasan", email="hasan@example.org"), staff_user)
    assign(theirs, assignee=colleague)
    change_path(theirs, user=staff_user, phase=Phase.STOPPED, stop_reason=stop_reasons[2])
    make_registration(name="Nieuwe Nina", email="nina@example.org")
    client.force_login(staff_user)

    def names(query):
        html = client.get(f"{INDEX}?{query}").content.decode()
        return {name for name in ("Mijn Marit", "Hun Hasan", "Nieuwe Nina") if name in html}

    assert names("assigned=me") == {"Mijn Marit"}
    assert names("assigned=nobody") == {"Nieuwe Nina"}
    assert names("phase=gestopt") == {"Hun Hasan"}
    assert names("next_action=due") == {"Mijn Marit"}
    assert "Oriënteert zich" in client.get(INDEX).content.decode()
    response = client.get(f"{INDEX}?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert {"Fase", "Reden om te stoppen", "Volgende actie op", "Kanaal"} <= set(header)
    assert "Financieel niet haalbaar" in text and "Gestopt" in text


def test_a_next_action_date_that_has_passed_does_not_block_saving_the_phase(client, make_registration, staff_user):
    registration = contacted(make_registration(), staff_user)
    registration = change_path(
        registration, user=staff_user, phase=Phase.ORIENTING, next_action_on=timezone.localdate()
    )
    client.force_login(staff_user)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        kept = registration.next_action_on.isoformat()
        response = client.post(f"{INDEX}fase/{registration.pk}/", {"phase": "voorbereiding", "next_action_on": kept})
        assert response.status_code == 302
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        refused = client.post(
            f"{INDEX}fase/{registration.pk}/", {"phase": "voorbereiding", "next_action_on": yesterday}
        )
        assert refused.status_code == 200 and "Deze datum is al voorbij" in refused.content.decode()
    registration.refresh_from_db()
    assert registration.phase == Phase.PREPARING and registration.next_action_on.isoformat() == kept
