"""Issue 8: the registrant's withdrawal token is a secret (whoever reads it can withdraw for them), so no admin view
of a registration shows it: not the list, the search results, the CSV or XLSX export, the registration's page (also
when the contact form comes back with errors), the dashboard, nor any view Wagtail could add for the model. The same
holds for the token that confirms a new post for a known address (a resubmission)."""

import io
import zipfile
from datetime import timedelta

import pytest

from django.contrib.auth.models import User
from django.utils import timezone

from recruitment.models import MessageState, OutgoingMessage

from .factories import OutgoingMessageFactory, ResubmissionFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/aanmeldingen/"


@pytest.fixture
def registration(make_registration):
    registration = make_registration(
        name="Geheime Gerda", email="gerda@example.org", created_at=timezone.now() - timedelta(days=2)
    )
    assert registration.withdrawal_token
    registration.resubmission = ResubmissionFactory(registration=registration, data={"name": "Gerda G."})
    return registration


def secrets_of(registration):
    return [registration.withdrawal_token, registration.resubmission.token]


@pytest.fixture(params=["staff", "superuser"])
def admin_client(request, client, staff_user):
    user = (
        staff_user
        if request.param == "staff"
        else User.objects.create_superuser("beheer", "beheer@example.org", "geheim-wachtwoord-3")
    )
    client.force_login(user)
    return client


def content(response):
    """Every byte a response sends; for an XLSX file, the XML inside the zip."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode()


def views_of(registration):
    """Every GET the admin answers about registrations, with the statuses it may answer."""
    pk = registration.pk
    return {
        "/admin/": 200,
        INDEX: 200,
        INDEX + "?status=new&deadline=this_week": 200,
        INDEX + f"?region={registration.region_id}": 200,
        INDEX + "results/?q=gerda": 200,
        INDEX + "results/?q=gerda%40example.org": 200,
        INDEX + "?export=csv": 200,
        INDEX + "?export=xlsx": 200,
        f"{INDEX}inspect/{pk}/": 200,
        # Views a ModelViewSet makes by default; this one has none of them.
        f"{INDEX}edit/{pk}/": 404,
        f"{INDEX}delete/{pk}/": 404,
        f"{INDEX}history/{pk}/": 404,
        f"{INDEX}history-results/{pk}/": 404,
        f"{INDEX}usage/{pk}/": 404,
        f"{INDEX}copy/{pk}/": 404,
        f"{INDEX}new/": 404,
        f"/admin/bulk/recruitment/registration/delete/?id={pk}": 404,
        "/admin/reports/site-history/": 200,
        "/admin/reports/site-history/results/": 200,
    }


def assert_no_token(response, registration, what):
    text = content(response)
    for secret in secrets_of(registration):
        assert secret not in text, f"{what} shows a secret token"


def test_no_admin_view_shows_the_withdrawal_token(admin_client, registration):
    for url, status in views_of(registration).items():
        response = admin_client.get(url)
        assert response.status_code == status, url
        assert_no_token(response, registration, url)
    html = content(admin_client.get(f"{INDEX}inspect/{registration.pk}/"))
    assert "Geheime Gerda" in html and "gerda@example.org" in html, "the page itself still shows the registration"


def test_searching_for_the_token_finds_nobody(admin_client, registration):
    for url in (INDEX + "results/", INDEX):
        assert "Geheime Gerda" not in content(admin_client.get(url, {"q": registration.withdrawal_token}))
    export = content(admin_client.get(INDEX, {"q": registration.withdrawal_token, "export": "csv"}))
    assert "Geheime Gerda" not in export


def test_the_contact_form_with_errors_does_not_show_the_token(admin_client, registration):
    response = admin_client.post(f"{INDEX}contact/{registration.pk}/", {"contacted_at": "gisteren"})
    assert response.status_code == 200 and "Het contact is niet vastgelegd" in content(response)
    assert_no_token(response, registration, "the contact form with errors")
    response = admin_client.post(
        f"{INDEX}contact/{registration.pk}/",
        {
            "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "method": "telefoongesprek",
            "status_after": "contacted",
        },
        follow=True,
    )
    assert response.status_code == 200 and "Contact vastgelegd" in content(response)
    assert_no_token(response, registration, "the page after logging contact")


def test_a_mail_error_quoting_a_link_does_not_show_its_token(admin_client, registration):
    """A mail server that refuses a message may quote its links; staff see the error, not the tokens."""
    withdrawal, confirmation = secrets_of(registration)
    OutgoingMessage.objects.filter(registration=registration, kind="confirmation").update(
        state=MessageState.FAILED,
        last_error=f"SMTPDataError: (554, b'Rejected: URL http://localhost/aanmelding/intrekken/{withdrawal}/')",
    )
    OutgoingMessageFactory(
        registration=registration,
        kind=f"resubmission_check_{registration.resubmission.pk}",
        state=MessageState.FAILED,
        last_error=f"SMTPDataError: (554, b'Blocked: http://localhost/aanmelding/bevestigen/{confirmation}/')",
    )
    response = admin_client.get(f"{INDEX}inspect/{registration.pk}/")
    html = content(response)
    assert "Rejected: URL" in html and "Blocked:" in html, "staff still read why the mail server refused"
    assert_no_token(response, registration, "the messages table")


def test_the_editing_session_ping_knows_nothing_of_registrations(admin_client, registration):
    response = admin_client.post(f"/admin/editing-sessions/ping/recruitment/registration/{registration.pk}/0/")
    assert response.status_code == 404
    assert_no_token(response, registration, "the editing-session ping")


def test_a_mail_error_quoting_the_personal_page_link_does_not_show_its_key(admin_client, registration):
    from recruitment.registrant import personal_page_path, personal_page_token

    key = personal_page_token(registration)
    OutgoingMessageFactory(
        registration=registration,
        kind="delivery_failure_999",
        state=MessageState.FAILED,
        last_error=f"SMTPDataError: (554, b'Spam: http://localhost{personal_page_path(registration)}')",
    )
    html = content(admin_client.get(f"{INDEX}inspect/{registration.pk}/"))
    assert "Spam: http://localhost" in html
    assert key not in html and key[:24] not in html
