"""The registrant's language (issue 15): the form stores the language it was posted in; the registrant's pages answer
in English under /en/ and their messages are in their language, with links to the pages in it; staff messages stay
Dutch and name the language. A Dutch registration's URLs and messages stay as they were."""

import re

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from recruitment.emails import build_email
from recruitment.models import Registration, RegistrationPage, Resubmission
from recruitment.tasks import send_due_reminders

from .conftest import valid_data

pytestmark = pytest.mark.django_db
BASE = "http://127.0.0.1:8000"  # WAGTAILADMIN_BASE_URL: where the links in e-mails lead

ENGLISH_FORM = "/en/register/"
DUTCH_FORM = "/aanmelding/"


@pytest.fixture
def english_home(home):
    """The English translation of the test site's home page, live under /en/."""
    english = home.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    english.title = "Become a teacher in technology"
    english.save_revision().publish()
    return english


def post_in(client, form, **overrides):
    response = client.post(form, valid_data(**overrides))
    assert response.status_code == 303
    return response


def mails_to(smtp_server, address):
    return [item["message"] for item in smtp_server.messages if address in item["to"]]


def plain(message):
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_the_english_urls_are_under_en_and_the_dutch_ones_stay(english_home):
    assert reverse("recruitment:register") == "/aanmelding/"
    assert reverse("recruitment:thanks") == "/aanmelding/bedankt/"
    assert reverse("recruitment:personal_link") == "/aanmelding/mijn-pagina/"
    with translation.override("en"):
        assert reverse("recruitment:register") == "/en/register/"
        assert reverse("recruitment:thanks") == "/en/register/thank-you/"
        assert reverse("recruitment:withdraw", args=["a" * 43]) == f"/en/register/withdraw/{'a' * 43}/"
        assert reverse("recruitment:personal_link") == "/en/register/my-page/"
        # Staff URLs are not translated and not moved.
        assert reverse("recruitment:hybrid_match") == "/hybride-match/"
        assert reverse("recruitment:check_in", args=[1]) == "/inchecken/1/"


def test_staff_urls_do_not_answer_under_en(client, english_home):
    assert client.get("/hybride-match/").status_code == 200
    assert client.get("/en/hybride-match/").status_code == 404
    assert client.get("/en/aanmelding/").status_code == 404


def test_the_english_form_stores_english_and_the_dutch_form_dutch(client, routes, regions, english_home):
    response = post_in(client, ENGLISH_FORM, email="emma@example.org")
    assert response["Location"] == "/en/register/thank-you/"
    response = post_in(client, DUTCH_FORM, email="sanne@example.org")
    assert response["Location"] == "/aanmelding/bedankt/"
    assert Registration.objects.get(email="emma@example.org").language == "en"
    assert Registration.objects.get(email="sanne@example.org").language == "nl"


def test_the_english_form_and_thank_you_page_are_in_english(client, routes, regions, english_home):
    form = client.get(ENGLISH_FORM)
    assert form.status_code == 200
    assert html_lang(form.content.decode()) == "en"
    post_in(client, ENGLISH_FORM, email="emma@example.org", name="Emma Smith", contact_preference="e-mail")
    html = client.get("/en/register/thank-you/").content.decode()
    assert html_lang(html) == "en"
    assert "<h1>Thank you for registering</h1>" in html
    assert "We have received your registration, Emma Smith." in html
    assert "You will soon get an email at <strong>emma@example.org</strong>." in html
    assert "someone will contact you by email." in html
    assert "Bedankt voor je aanmelding" not in html
    # The Dutch thank-you page is as it was.
    dutch = client.get("/aanmelding/bedankt/").content.decode()
    assert "<h1>Bedankt voor je aanmelding</h1>" in dutch and "We hebben je aanmelding ontvangen, Emma Smith." in dutch


def test_the_confirmation_read_from_the_mail_server_is_english_and_the_staff_notification_dutch(
    client, routes, regions, english_home, smtp_server
):
    post_in(client, ENGLISH_FORM, email="emma@example.org", name="Emma Smith", contact_preference="e-mail")
    send_due_reminders.apply()
    (confirmation,) = mails_to(smtp_server, "emma@example.org")
    assert confirmation["Subject"] == "Your registration with Word techniekdocent"
    body = plain(confirmation)
    assert body.startswith("Hello Emma Smith,")
    assert "Thank you for registering." in body
    assert "someone will contact you by email." in body
    assert "Best way to contact you:" in body
    registration = Registration.objects.get(email="emma@example.org")
    assert f"{BASE}/en/register/withdraw/{registration.withdrawal_token}/" in body
    assert re.search(re.escape(BASE) + r"/en/register/my-page/[0-9]+\.[0-9a-f]{24}:", body)
    assert f"{BASE}/en/register/my-page/\n" in body, "the link to ask for a new link"
    for dutch in ("Bedankt", "Hallo", "aanmelding/", "Met vriendelijke groet"):
        assert dutch not in body, dutch
    html = confirmation.get_body(("html",)).get_content()
    assert html_lang(html) == "en"
    assert '<h1 style="font-size:24px;margin:0 0 16px;">Thank you for registering</h1>' in html
    assert f'href="{BASE}/en/register/withdraw/{registration.withdrawal_token}/"' in html

    staff = mails_to(smtp_server, "oost-1@example.org")
    assert len(staff) == 1
    assert staff[0]["Subject"].startswith("Nieuwe aanmelding: Emma Smith (Oost)")
    staff_body = plain(staff[0])
    assert "Er is een nieuwe aanmelding voor regio Oost." in staff_body
    assert "Voorkeurstaal: Engels" in staff_body
    assert f"{BASE}/admin/" in staff_body


def test_a_dutch_registration_gets_its_messages_as_before(client, routes, regions, english_home, smtp_server):
    post_in(client, DUTCH_FORM)
    send_due_reminders.apply()
    (confirmation,) = mails_to(smtp_server, "sanne@example.org")
    assert confirmation["Subject"] == "Je aanmelding bij Word techniekdocent"
    body = plain(confirmation)
    assert body.startswith("Hallo Sanne de Vries,")
    registration = Registration.objects.get()
    assert f"{BASE}/aanmelding/intrekken/{registration.withdrawal_token}/" in body
    assert "/en/" not in body and "Voorkeurstaal" not in body
    assert html_lang(confirmation.get_body(("html",)).get_content()) == "nl"
    (staff,) = mails_to(smtp_server, "oost-1@example.org")
    assert "Voorkeurstaal" not in plain(staff)


def test_staff_reminders_warnings_and_failures_stay_dutch_and_name_the_language(make_registration):
    registration = make_registration(language="en", name="Emma Smith")
    for kind in ("reminder_day_7", "escalation_day_30", "next_action_740000"):
        email = build_email(kind, registration)
        assert "Voorkeurstaal: Engels" in email.body, kind
        assert email.body.startswith("Hallo,"), kind
    confirmation = registration.messages.get(kind="confirmation")
    failure = build_email(f"delivery_failure_{confirmation.pk}", registration)
    assert failure.subject.startswith("Niet afgeleverd: bericht over Emma Smith")
    assert "Voorkeurstaal van de aanmelder: Engels" in failure.body
    # The registrant's own messages are English.
    assert build_email("confirmation", registration).subject.startswith("Your registration with")


def test_withdrawal_in_english(client, routes, regions, english_home):
    post_in(client, ENGLISH_FORM, email="emma@example.org")
    registration = Registration.objects.get()
    url = f"/en/register/withdraw/{registration.withdrawal_token}/"
    html = client.get(url).content.decode()
    assert html_lang(html) == "en"
    assert "<h1>Withdraw your registration</h1>" in html
    assert "Yes, withdraw my registration" in html
    html = client.post(url).content.decode()
    assert "<h1>Your registration has been withdrawn</h1>" in html
    assert "We have deleted your name, email address, phone number, postcode and message." in html
    registration.refresh_from_db()
    assert registration.withdrawal_token is None and registration.name == ""
    assert registration.language == "en", "not personal data: kept for the figures"
    gone = client.get(url)
    assert gone.status_code == 404
    assert "This link does not work (any more)." in gone.content.decode()


def test_the_personal_page_and_a_new_link_in_english(client, routes, regions, english_home, smtp_server):
    post_in(client, ENGLISH_FORM, email="emma@example.org", name="Emma Smith")
    send_due_reminders.apply()
    body = plain(mails_to(smtp_server, "emma@example.org")[0])
    page_url = re.search(re.escape(BASE) + r"(/en/register/my-page/[^/\s]+/)", body).group(1)
    html = client.get(page_url).content.decode()
    assert html_lang(html) == "en"
    assert "<h1>Your own page</h1>" in html
    assert "Hello Emma Smith. Here you can see how your registration is going, and who is helping you." in html
    assert "Change my details" in html and "Withdraw my registration" in html
    assert 'href="/en/register/withdraw/' in html
    data = client.get(page_url + "data/").content.decode()
    assert "<h1>My details</h1>" in data and "Preferred language" in data

    response = client.post("/en/register/my-page/", {"email": "emma@example.org", "website": ""})
    assert response.status_code == 303 and response["Location"] == "/en/register/my-page/sent/"
    assert "<h1>Check your email</h1>" in client.get(response["Location"]).content.decode()
    send_due_reminders.apply()
    link_mail = mails_to(smtp_server, "emma@example.org")[-1]
    assert link_mail["Subject"] == "Your new link to your own page at Word techniekdocent"
    assert re.search(re.escape(BASE) + r"/en/register/my-page/[0-9]+\.", plain(link_mail))


def test_a_new_post_in_another_language_is_confirmed_in_that_language_and_then_becomes_theirs(
    client, routes, regions, english_home, smtp_server
):
    """A Dutch registrant who posts the form again in English: the check goes out in English (the language they just
    used), and confirming it makes English their language. The staff notice stays Dutch and says so."""
    post_in(client, DUTCH_FORM)
    registration = Registration.objects.get()
    assert registration.language == "nl"
    post_in(client, ENGLISH_FORM, phone="06 87654321")
    send_due_reminders.apply()
    resubmission = Resubmission.objects.get()
    check = mails_to(smtp_server, "sanne@example.org")[-1]
    assert check["Subject"] == "Confirm your new details at Word techniekdocent"
    confirm_path = f"/en/register/confirm/{resubmission.token}/"
    assert f"{BASE}{confirm_path}" in plain(check)
    registration.refresh_from_db()
    assert registration.language == "nl", "nothing changes until the owner confirms"

    page = client.get(confirm_path).content.decode()
    assert "<h1>Confirm your new details</h1>" in page and "Yes, I filled this in" in page
    done = client.post(confirm_path).content.decode()
    assert "<h1>Your new details are with your registration</h1>" in done
    registration.refresh_from_db()
    assert registration.language == "en" and registration.phone == "06 87654321"
    send_due_reminders.apply()
    (notice,) = [m for m in mails_to(smtp_server, "oost-1@example.org") if m["Subject"].startswith("Opnieuw")]
    assert "Voorkeurstaal: Engels" in plain(notice)


def test_the_same_post_in_the_same_language_changes_nothing(client, routes, regions, english_home, smtp_server):
    post_in(client, ENGLISH_FORM)
    post_in(client, ENGLISH_FORM)
    assert not Resubmission.objects.exists()
    assert Registration.objects.get().language == "en"


def test_changing_details_on_the_personal_page_keeps_the_language(client, routes, regions, english_home):
    from recruitment.registrant import change_details, personal_page_token

    post_in(client, ENGLISH_FORM)
    registration = Registration.objects.get()
    change_url = f"/en/register/my-page/{personal_page_token(registration)}/change/"
    assert "<h1>Change my details</h1>" in client.get(change_url).content.decode()
    data = {
        "name": "Sanne de Vries",
        "phone": "06 11111111",
        "postcode": "7511 AB",
        "situation": "techniek",
        "education": "mbo4",
        "experience_years": 8,
        "routes": [],
        "roles": ["docent"],
        "contact_preference": "telefoon",
        "message": "",
    }
    with translation.override("nl"):
        result = change_details(registration, data)
    assert result.phone == "06 11111111" and result.language == "en"


def test_register_leads_to_the_registration_page_in_the_active_language(client, home, routes, regions, english_home):
    dutch = RegistrationPage(title="Aanmelden", slug="aanmelden")
    home.add_child(instance=dutch)
    dutch.save_revision().publish()
    assert client.get(DUTCH_FORM)["Location"] == "/aanmelden/"
    # Without an English translation, the English URL serves the form itself, in English.
    response = client.get(ENGLISH_FORM)
    assert response.status_code == 200 and html_lang(response.content.decode()) == "en"

    english = dutch.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Register"
    english.save_revision().publish()
    response = client.get(ENGLISH_FORM + "?route=12")
    assert response.status_code == 302 and response["Location"] == f"{english.url}?route=12"
    assert english.url.startswith("/en/")
    page = client.get(english.url)
    assert page.status_code == 200 and html_lang(page.content.decode()) == "en"
    # A post from the English page goes to the English thank-you page and stores English.
    response = client.post(english.url, valid_data(email="page@example.org"))
    assert response.status_code == 303 and response["Location"] == "/en/register/thank-you/"
    assert Registration.objects.get(email="page@example.org").language == "en"
    assert client.get(DUTCH_FORM)["Location"] == "/aanmelden/", "the Dutch page stays the Dutch one"


def test_staff_see_the_language_in_the_admin_and_the_export(client, staff_user, make_registration):
    registration = make_registration(language="en")
    client.force_login(staff_user)
    html = client.get(reverse("registrations:inspect", args=[registration.pk])).content.decode()
    assert "Voorkeurstaal" in html and "Engels" in html
    export = client.get(reverse("registrations:index") + "?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert "Voorkeurstaal" in header.split(";")
    assert row.split(";")[header.split(";").index("Voorkeurstaal")] == "Engels"


def test_an_english_registration_page_at_the_english_form_url_is_served_there(
    client, home, routes, regions, english_home
):
    """The demo's English page has the slug "register": its URL is the English path of ``recruitment:register``,
    which comes first. The page is served there, its posts too."""
    dutch = RegistrationPage(title="Aanmelden", slug="aanmelden")
    home.add_child(instance=dutch)
    dutch.save_revision().publish()
    english = dutch.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug, english.intro = "Register your interest", "register", "Leave your details."
    english.save()
    english.save_revision().publish()
    english.refresh_from_db()
    assert english.url == ENGLISH_FORM
    page = client.get(ENGLISH_FORM)
    assert page.status_code == 200
    assert "<h1>Register your interest</h1>" in page.content.decode()
    assert "Leave your details." in page.content.decode()
    invalid = client.post(ENGLISH_FORM, valid_data(email=""))
    assert invalid.status_code == 200 and "<h1>Register your interest</h1>" in invalid.content.decode()
    response = client.post(ENGLISH_FORM, valid_data())
    assert response.status_code == 303 and response["Location"] == "/en/register/thank-you/"
    assert Registration.objects.get().language == "en"
