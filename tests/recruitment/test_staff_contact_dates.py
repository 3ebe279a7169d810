"""Issue 8: the date staff type in "Contact vastleggen" can never break the admin. A moment before the registration,
in the future, or in a year the database or the time-zone conversion cannot hold (year 1, year 9999) is refused with
a Dutch message; nothing is stored, and the list, the exports and the registration's page keep working."""

from datetime import timedelta

import pytest

from django.utils import timezone

from recruitment.models import FollowUp, Registration, Status

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"


def contact_url(registration):
    return f"{INDEX}contact/{registration.pk}/"


def inspect_url(registration):
    return f"{INDEX}inspect/{registration.pk}/"


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


@pytest.fixture
def registration(make_registration):
    return make_registration(name="Datum Dirk", created_at=timezone.now() - timedelta(days=3))


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def assert_admin_still_works(client, registration):
    for url in (
        INDEX,
        INDEX + "?export=csv",
        INDEX + "?export=xlsx",
        INDEX + "results/?q=dirk",
        inspect_url(registration),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)  # the export streams: render every row


def day_before(registration):
    return local(registration.created_at - timedelta(days=1))


def tomorrow(registration):
    return local(timezone.now() + timedelta(days=1))


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (lambda registration: "0001-01-01T00:10", "Dit moment ligt vóór de aanmelding"),
        (lambda registration: "0001-01-01 00:10", "Dit moment ligt vóór de aanmelding"),
        (lambda registration: "01-01-0001 00:10", "Dit moment ligt vóór de aanmelding"),
        (lambda registration: "9999-12-31T23:59", "Dit moment ligt in de toekomst"),
        (day_before, "Dit moment ligt vóór de aanmelding"),
        (tomorrow, "Dit moment ligt in de toekomst"),
    ],
    ids=["year-1", "year-1-with-space", "year-1-day-first", "year-9999", "day-before-registration", "tomorrow"],
)
def test_an_impossible_contact_moment_is_refused_and_nothing_breaks(client, staff_user, registration, moment, message):
    client.force_login(staff_user)
    response = client.post(
        contact_url(registration),
        {
            "contacted_at": moment(registration),
            "method": "telefoongesprek",
            "note": "Gebeld",
            "status_after": "contacted",
        },
    )
    assert response.status_code == 200
    html = body(response)
    assert message in html
    assert "Het contact is niet vastgelegd" in html
    assert not FollowUp.objects.exists()
    registration.refresh_from_db()
    assert registration.status == Status.NEW and registration.contacted_at is None
    assert_admin_still_works(client, registration)


def test_the_refusal_names_when_the_registration_was_made(client, staff_user, registration):
    client.force_login(staff_user)
    html = body(
        client.post(
            contact_url(registration),
            {"contacted_at": day_before(registration), "method": "telefoongesprek", "status_after": "contacted"},
        )
    )
    made = timezone.localtime(registration.created_at)
    assert f"{made:%H:%M}" in html and str(made.year) in html


def test_a_moment_the_time_zone_cannot_convert_is_refused_without_a_registration():
    """Year 1 at 00:10 in Amsterdam is before year 1 in UTC: the form refuses it even when nobody gave it a
    registration to compare with."""
    from recruitment.forms import ContactForm

    form = ContactForm({"contacted_at": "0001-01-01T00:10", "method": "telefoongesprek", "status_after": "contacted"})
    assert not form.is_valid()
    assert "kan niet kloppen" in str(form.errors["contacted_at"])
    form = ContactForm({"contacted_at": "1999-12-31T23:59", "method": "telefoongesprek", "status_after": "contacted"})
    assert not form.is_valid()


@pytest.mark.parametrize("minutes", [0, 2])
def test_a_contact_in_the_minute_of_the_registration_or_just_after_is_stored(
    client, staff_user, make_registration, minutes
):
    """The form asks for minutes; a registration made at 10:30:45 may be called back at 10:30."""
    registration = make_registration(created_at=timezone.now().replace(second=45) - timedelta(minutes=minutes + 1))
    client.force_login(staff_user)
    moment = timezone.localtime(registration.created_at).replace(second=0, microsecond=0) + timedelta(minutes=minutes)
    response = client.post(
        contact_url(registration),
        {"contacted_at": local(moment), "method": "telefoongesprek", "status_after": "contacted"},
    )
    assert response.status_code == 302, body(response)
    registration.refresh_from_db()
    assert registration.status == Status.CONTACTED and registration.contacted_at == moment


def test_a_valid_moment_is_still_stored(client, staff_user, registration):
    client.force_login(staff_user)
    moment = timezone.localtime().replace(second=0, microsecond=0) - timedelta(days=1)
    response = client.post(
        contact_url(registration),
        {"contacted_at": local(moment), "method": "e-mail", "note": "Mail gestuurd", "status_after": "closed"},
    )
    assert response.status_code == 302 and response["Location"] == inspect_url(registration)
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == Status.CLOSED and registration.contacted_at == moment
    assert FollowUp.objects.get().contacted_at == moment
    assert_admin_still_works(client, registration)


def test_the_date_field_tells_the_browser_the_range(client, staff_user, registration):
    client.force_login(staff_user)
    html = body(client.get(inspect_url(registration)))
    assert f'min="{local(registration.created_at)}"' in html
    assert 'max="' in html
