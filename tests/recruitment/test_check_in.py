"""Check-in at the door: once per sign-up (also from two staff phones at the same moment), whoever shows up gets in
(from the waiting list, or after cancelling), walk-ins with the same consent as the sign-up form, attendance as one
interaction on the attendee's open registration, the page for the event's staff only, hostile input without a server
error, the page without JavaScript (POST-redirect-GET), and a page whose queries do not grow with the sign-ups."""

import datetime as dt

import pytest

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.checkin import add_walk_in, check_in
from recruitment.events import cancel, sign_up
from recruitment.models import (
    EventSignUp,
    FollowUp,
    InteractionKind,
    OutgoingMessage,
    RegionAssignment,
    SignUpStatus,
    Status,
)
from tests.recruitment.test_event_sign_up import in_threads, make_event, person

pytestmark = pytest.mark.django_db

WALK_IN = {
    "binnenloper-name": "Ahmed El Amrani",
    "binnenloper-email": "Ahmed@Example.org",
    "binnenloper-consent": "on",
}


def check_in_url(event, name="check_in", *args):
    return reverse(f"recruitment:{name}", args=[event.pk, *args])


@pytest.fixture
def event(home):
    return make_event(home, title="Informatieavond Hengelo", start_date=dt.date(2026, 12, 10), capacity=2)


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


def for_regions(event, *regions):
    event.regions.set(regions)
    event.save()  # a page's many-to-many (ParentalManyToManyField) is stored when the page is saved


def follow_ups_of(registration):
    return list(FollowUp.objects.filter(registration=registration))


# --- the service ----------------------------------------------------------------------------------------------------


def test_a_check_in_marks_attendance_once_and_a_second_says_already_checked_in(event, staff_user):
    attendee = sign_up(event, person(1)).sign_up

    first = check_in(attendee, user=staff_user)
    attendee.refresh_from_db()
    moment = attendee.attended_at
    second = check_in(attendee, user=staff_user)

    assert first.message == "Deelnemer 1 is ingecheckt." and not first.already
    assert second.already and second.message == "Deelnemer 1 is al ingecheckt."
    attendee.refresh_from_db()
    assert attendee.attended_at == moment is not None
    assert attendee.checked_in_by == staff_user and attendee.status == SignUpStatus.CONFIRMED
    assert attendee.promoted_at is None and not attendee.walk_in


@pytest.mark.parametrize("before", ["waiting", "cancelled"])
def test_someone_on_the_waiting_list_or_who_cancelled_gets_a_place_at_the_door(event, staff_user, before):
    places = [sign_up(event, person(i)).sign_up for i in range(2)]
    late = sign_up(event, person(9)).sign_up
    assert late.status == SignUpStatus.WAITING
    if before == "cancelled":
        cancel(late)
    messages_before = OutgoingMessage.objects.count()

    outcome = check_in(late, user=staff_user)

    late.refresh_from_db()
    assert outcome.admitted and outcome.message == "Deelnemer 9 is ingecheckt en heeft alsnog een plaats gekregen."
    assert late.status == SignUpStatus.CONFIRMED and late.promoted_at == late.attended_at
    # At the door: no "you have a place" e-mail, and nobody else loses their place.
    assert OutgoingMessage.objects.count() == messages_before
    assert all(EventSignUp.objects.get(pk=p.pk).status == SignUpStatus.CONFIRMED for p in places)


def test_a_cancelled_sign_up_of_someone_who_signed_up_again_checks_in_the_new_one(event, staff_user):
    old = sign_up(event, person(1)).sign_up
    cancel(old)
    new = sign_up(event, person(1)).sign_up

    outcome = check_in(old, user=staff_user)

    assert outcome.sign_up.pk == new.pk
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == SignUpStatus.CANCELLED and old.attended_at is None
    assert new.attended_at is not None


def test_attendance_is_one_information_meeting_on_the_open_registration_of_the_same_address(
    event, staff_user, make_registration
):
    registration = make_registration(email="deelnemer-1@example.org", messages=False)
    other = make_registration(email="iemand-anders@example.org", messages=False)
    attendee = sign_up(event, {**person(1), "email": "Deelnemer-1@Example.org"}).sign_up

    check_in(attendee, user=staff_user)
    check_in(attendee, user=staff_user)

    (follow_up,) = follow_ups_of(registration)
    assert follow_up.method == InteractionKind.INFORMATION_MEETING
    assert follow_up.get_method_display() == "Informatiebijeenkomst"
    assert follow_up.note == "Aanwezig bij Informatieavond Hengelo op 10 december 2026"
    assert follow_up.staff == staff_user and follow_up.staff_name == "Olga Opvolger"
    attendee.refresh_from_db()
    assert follow_up.contacted_at == attendee.attended_at
    assert attendee.registration == registration
    registration.refresh_from_db()
    assert registration.status == Status.CONTACTED
    assert follow_ups_of(other) == []
    other.refresh_from_db()
    assert other.status == Status.NEW


def test_without_an_open_registration_nothing_is_logged(event, staff_user, make_registration):
    withdrawn = make_registration(email="deelnemer-1@example.org", status=Status.WITHDRAWN, messages=False)
    attendee = sign_up(event, person(1)).sign_up
    loner = sign_up(event, person(2)).sign_up

    check_in(attendee, user=staff_user)
    check_in(loner, user=staff_user)

    assert not FollowUp.objects.exists()
    assert follow_ups_of(withdrawn) == []
    assert list(EventSignUp.objects.values_list("registration", flat=True)) == [None, None]
    assert EventSignUp.objects.attended().count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_phones_checking_in_the_same_person_at_once_log_the_attendance_once(home, postgres, make_registration):
    event = make_event(home, capacity=1)
    registration = make_registration(email="deelnemer-1@example.org", messages=False)
    attendee = sign_up(event, person(1)).sign_up
    late = sign_up(event, person(2)).sign_up  # on the waiting list: promoted once
    phones = [User.objects.create_user(f"deur-{i}", password="x") for i in range(2)]

    outcomes = in_threads(4, lambda i: check_in(attendee, user=phones[i % 2]))
    late_outcomes = in_threads(4, lambda i: check_in(late, user=phones[i % 2]))

    assert sorted(outcome.already for outcome in outcomes) == [False, True, True, True]
    assert sorted(outcome.admitted for outcome in late_outcomes) == [False, False, False, True]
    assert len(follow_ups_of(registration)) == 1
    late.refresh_from_db()
    assert late.status == SignUpStatus.CONFIRMED and late.attended_at == late.promoted_at


def test_a_walk_in_is_confirmed_checked_in_with_consent_and_matched_to_their_registration(
    event, staff_user, make_registration
):
    registration = make_registration(email="ahmed@example.org", messages=False)
    [sign_up(event, person(i)) for i in range(2)]  # the event is full: a walk-in gets in all the same

    outcome = add_walk_in(
        event, {"name": "Ahmed El Amrani", "email": "ahmed@example.org"}, user=staff_user, consent_version="2026-1"
    )

    walk_in = outcome.sign_up
    assert outcome.message == "Ahmed El Amrani is toegevoegd en ingecheckt."
    walk_in.refresh_from_db()
    assert walk_in.walk_in and walk_in.status == SignUpStatus.CONFIRMED
    assert walk_in.attended_at == walk_in.created_at == walk_in.consented_at
    assert walk_in.consent_version == "2026-1" and walk_in.checked_in_by == staff_user
    assert walk_in.registration == registration
    assert len(follow_ups_of(registration)) == 1
    assert not walk_in.messages.exists()


def test_a_walk_in_with_the_address_of_a_sign_up_checks_that_sign_up_in_instead_of_a_duplicate(event, staff_user):
    attendee = sign_up(event, person(1)).sign_up

    first = add_walk_in(event, {"name": "D. Eelnemer", "email": "DEELNEMER-1@example.org"}, user=staff_user)
    second = add_walk_in(event, {"name": "D. Eelnemer", "email": "deelnemer-1@example.org"}, user=staff_user)

    assert first.sign_up.pk == second.sign_up.pk == attendee.pk
    assert first.message == "Deelnemer 1 had zich al aangemeld en is nu ingecheckt."
    assert second.message == "Deelnemer 1 is al ingecheckt."
    assert EventSignUp.objects.count() == 1
    attendee.refresh_from_db()
    assert attendee.attended and not attendee.walk_in and attendee.name == "Deelnemer 1"


# --- who may open the page --------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_admin_login(client, event):
    response = client.get(check_in_url(event))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={check_in_url(event)}"
    assert client.post(check_in_url(event, "check_in_code"), {"code": "x"}).status_code == 302
    assert not EventSignUp.objects.attended().exists()


def test_editors_and_staff_of_another_region_are_refused(client, event, editor_user, staff_user, regions):
    attendee = sign_up(event, person(1)).sign_up
    for_regions(event, regions["east"])
    assignment = RegionAssignment.objects.create(user=staff_user)
    assignment.regions.set([regions["national"]])

    for user in (editor_user, staff_user):
        client.force_login(user)
        assert client.get(check_in_url(event)).status_code == 403
        assert client.post(check_in_url(event, "check_in_code"), {"code": attendee.token}).status_code == 403
        assert client.post(check_in_url(event, "check_in_sign_up", attendee.pk)).status_code == 403
        assert client.post(check_in_url(event, "check_in_walk_in"), WALK_IN).status_code == 403
    assert not EventSignUp.objects.attended().exists() and EventSignUp.objects.count() == 1


@pytest.mark.parametrize("who", ["region", "unrestricted", "event-for-everyone", "superuser"])
def test_the_events_staff_and_superusers_may_check_in(client, event, staff_user, regions, who):
    if who == "superuser":
        user = User.objects.create_superuser("baas", "baas@example.org", "x")
    else:
        user = staff_user
        if who != "unrestricted":
            RegionAssignment.objects.create(user=staff_user).regions.set([regions["east"]])
        if who != "event-for-everyone":
            for_regions(event, regions["east"])
    client.force_login(user)

    response = client.get(check_in_url(event))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]
    assert "Informatieavond Hengelo" in response.text


def test_an_unknown_event_is_not_found(staff, event):
    assert staff.get(reverse("recruitment:check_in", args=[event.pk + 1000])).status_code == 404


# --- the page without JavaScript ------------------------------------------------------------------------------------


def test_without_javascript_a_typed_code_checks_in_and_redirects_back_with_the_message(staff, event):
    attendee = sign_up(event, person(1)).sign_up
    page = staff.get(check_in_url(event))
    assert "Deelnemer 1" in page.text and "deelnemer-1@example.org" not in page.text, "names only, no addresses"

    response = staff.post(check_in_url(event, "check_in_code"), {"code": f"  {attendee.token} \n"})

    assert response.status_code == 303 and response["Location"] == check_in_url(event)
    page = staff.get(response["Location"])
    assert "Deelnemer 1 is ingecheckt." in page.text
    assert page.context["counts"] == {"confirmed": 1, "waiting": 0, "attended": 1}
    attendee.refresh_from_db()
    assert attendee.attended


def test_without_javascript_search_by_name_then_check_in_keeps_the_search(staff, event):
    sign_up(event, person(1))
    sanne = sign_up(event, {**person(2), "name": "Sanne de Vries"}).sign_up

    page = staff.get(check_in_url(event), {"q": "  sanne  "})
    assert [s.name for s in page.context["sign_ups"]] == ["Sanne de Vries"]
    response = staff.post(check_in_url(event, "check_in_sign_up", sanne.pk), {"q": "sanne"})

    assert response.status_code == 303 and response["Location"] == check_in_url(event) + "?q=sanne"
    page = staff.get(response["Location"])
    assert "Sanne de Vries is ingecheckt." in page.text and "Ingecheckt om" in page.text


def test_without_javascript_a_walk_in_is_added_and_the_form_checks_name_address_and_consent(staff, event):
    response = staff.post(check_in_url(event, "check_in_walk_in"), {"binnenloper-name": "", "binnenloper-email": ""})
    assert response.status_code == 200
    assert "Vul de naam in." in response.text and "Vul het e-mailadres in." in response.text
    assert "Geef toestemming" in response.text
    assert not EventSignUp.objects.exists()

    response = staff.post(check_in_url(event, "check_in_walk_in"), WALK_IN)

    assert response.status_code == 303
    walk_in = EventSignUp.objects.get()
    assert walk_in.walk_in and walk_in.attended and walk_in.email == "Ahmed@example.org"
    assert walk_in.consent_version == "2026-1"
    assert "Ahmed El Amrani is toegevoegd en ingecheckt." in staff.get(response["Location"]).text


def test_with_htmx_the_panel_is_answered_in_place(staff, event):
    attendee = sign_up(event, person(1)).sign_up

    response = staff.post(check_in_url(event, "check_in_code"), {"code": attendee.token}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="check-in__panel" id="inchecken">')
    assert "Deelnemer 1 is ingecheckt." in response.text and "<html" not in response.text


# --- bad input ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    ["", "   ", "onbekend", "x" * 64, "x" * 65, "y" * 199, "z" * 5000, "'; drop table--", "\u202e\u0000abc", "é" * 30],
)
def test_bad_codes_get_a_dutch_message_never_a_server_error(staff, event, code):
    sign_up(event, person(1))

    response = staff.post(check_in_url(event, "check_in_code"), {"code": code})

    assert response.status_code == 200
    (message,) = response.context["code_form"].errors["code"]
    assert message in response.text
    assert message.startswith(("Vul de code in.", "Deze code hoort niet bij", "De code mag", "Hier staat een teken"))
    assert not EventSignUp.objects.attended().exists()


def test_the_code_of_another_event_is_unknown_here_and_says_nothing_about_that_event(staff, home, event):
    other = make_event(home, title="Geheime bijeenkomst")
    stranger = sign_up(other, person(1)).sign_up

    response = staff.post(check_in_url(event, "check_in_code"), {"code": stranger.token})

    assert response.status_code == 200
    assert "Deze code hoort niet bij een aanmelding voor deze bijeenkomst." in response.text
    assert "Geheime bijeenkomst" not in response.text and "Deelnemer 1" not in response.text
    assert staff.post(check_in_url(event, "check_in_sign_up", stranger.pk)).status_code == 404
    stranger.refresh_from_db()
    assert not stranger.attended


def test_a_long_or_odd_search_is_cut_short_and_answered(staff, event):
    sign_up(event, person(1))
    for query in ("%", "_", "x" * 10_000, "\u0000"):
        response = staff.get(check_in_url(event), {"q": query})
        assert response.status_code in (200, 400)
    assert staff.get(check_in_url(event), {"q": "%"}).context["sign_ups"].count() == 0


def test_get_on_the_post_urls_is_refused(staff, event):
    attendee = sign_up(event, person(1)).sign_up
    assert staff.get(check_in_url(event, "check_in_code")).status_code == 405
    assert staff.get(check_in_url(event, "check_in_sign_up", attendee.pk)).status_code == 405
    assert staff.get(check_in_url(event, "check_in_walk_in")).status_code == 405


# --- queries --------------------------------------------------------------------------------------------------------


def page_queries(client, event):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(check_in_url(event))
    assert response.status_code == 200
    return len(queries)


def test_the_page_makes_as_many_queries_for_50_sign_ups_as_for_5(staff, home, staff_user):
    small = make_event(home, capacity=None)
    large = make_event(home, capacity=None)
    for i in range(5):
        check_in(sign_up(small, person(i)).sign_up, user=staff_user)
    for i in range(50):
        attendee = sign_up(large, person(i)).sign_up
        if i % 2:
            check_in(attendee, user=staff_user)
    page_queries(staff, small)  # the session and the user's permissions, cached per request alike

    assert page_queries(staff, large) == page_queries(staff, small) <= 12


def test_with_htmx_a_walk_in_field_is_checked_on_its_own(staff, event):
    url = check_in_url(event, "check_in_walk_in")

    response = staff.post(url, {"binnenloper-email": "geen-adres", "_validate": "email"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200 and 'id="field-email"' in response.text and 'role="alert"' in response.text
    assert staff.post(url, {"_validate": "website"}, HTTP_HX_REQUEST="true").status_code == 400
    assert not EventSignUp.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_walk_in_added_on_two_phones_at_once_is_one_sign_up(home, postgres, make_registration):
    event = make_event(home)
    registration = make_registration(email="ahmed@example.org", messages=False)
    phones = [User.objects.create_user(f"deur-{i}", password="x") for i in range(2)]
    data = [{"name": "Ahmed El Amrani", "email": email} for email in ("ahmed@example.org", "AHMED@example.org")]

    outcomes = in_threads(4, lambda i: add_walk_in(event, data[i % 2], user=phones[i % 2]))

    assert EventSignUp.objects.count() == 1
    assert sorted(outcome.already for outcome in outcomes) == [False, True, True, True]
    assert len(follow_ups_of(registration)) == 1
