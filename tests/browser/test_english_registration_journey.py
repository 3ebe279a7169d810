"""An English-speaking visitor in a real browser, with every service real (the live test server with the demo
content, Chromium, PostgreSQL, Redis and an aiosmtpd server): the English route finder → its result → the English
registration form → the English thank-you page → the confirmation e-mail in English, read from the SMTP server, with
its links to the English pages. axe passes on the English form and thank-you page."""

import re

import pytest

from wagtail.models import Locale

from recruitment.models import Registration, RegistrationPage
from recruitment.tasks import send_due_reminders
from routes.models import RouteFinderPage

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.services, pytest.mark.django_db(transaction=True)]

# A career-switcher with an hbo degree and years of experience who keeps the job and wants to teach in the mbo (the
# finder's values: the labels are the catalogue's).
ANSWERS = [("opleiding", "hbo"), ("ervaring", "lang"), ("baan", "ja"), ("sector", "mbo"), ("rol", "docent")]


def english_translation(page, **fields):
    """The page's live English translation: the demo's when it made one, else one made here with these fields."""
    english = Locale.objects.get(language_code="en")
    translation = page.get_translations().filter(locale=english).first()
    if translation is None:
        translation = page.copy_for_translation(english)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save()
    if not translation.live or translation.has_unpublished_changes:
        translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def english_pages(demo_content):
    finder = english_translation(
        RouteFinderPage.objects.get(locale__language_code="nl"), title="Which route suits me?", slug="route-finder"
    )
    form = english_translation(
        RegistrationPage.objects.get(locale__language_code="nl"), title="Register your interest", slug="register"
    )
    return finder, form


def test_an_english_visitor_goes_from_the_finder_to_an_english_confirmation(
    english_pages, live_server, page, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the links in the e-mail lead to this server
    finder, form_page = english_pages
    tab = page

    # The English finder: its five questions, answered one by one.
    tab.goto(live_server.url + finder.url)
    assert tab.locator("html").get_attribute("lang") == "en"
    for name, value in ANSWERS:
        choice = tab.locator(f"#finder-step input[name={name}][value={value}]")
        choice.wait_for()
        choice.check()
        tab.locator("#finder-step button[type=submit]").click()
    tab.locator("#resultaat-titel").wait_for()
    assert tab.url.startswith(live_server.url + finder.url)
    assert tab.locator("html").get_attribute("lang") == "en"

    # The result's call to register leads to the English form, with the finder's routes ticked.
    with tab.expect_navigation():
        tab.locator(".cta__action a").click()
    assert tab.url.startswith(live_server.url + form_page.url)
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.locator("form.registration-form button[type=submit]").wait_for()
    assert tab.locator("input[name=routes]:checked").count() > 0, "the finder's routes come along"
    assert axe_violations(tab) == []

    tab.locator("input[name=name]").fill("Emma Smith")
    tab.locator("input[name=email]").fill("emma@example.org")
    tab.locator("input[name=postcode]").fill("7511 AB")
    tab.locator("input[name=situation][value=techniek]").check()
    tab.locator("input[name=experience_years]").fill("8")
    tab.locator("input[name=contact_preference][value=e-mail]").check()
    tab.locator("input[name=consent]").check()
    with tab.expect_navigation():
        tab.locator("form.registration-form button[type=submit]").click()

    # The English thank-you page.
    assert tab.url == live_server.url + "/en/register/thank-you/"
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.get_by_role("heading", level=1).inner_text() == "Thank you for registering"
    assert "We have received your registration, Emma Smith." in tab.locator("main").inner_text()
    assert axe_violations(tab) == []

    registration = Registration.objects.get(email="emma@example.org")
    assert registration.language == "en"

    # The confirmation, read from the SMTP server: English, with links to the English pages.
    send_due_reminders.apply()
    (mail,) = [item["message"] for item in smtp_server.messages if "emma@example.org" in item["to"]]
    assert mail["Subject"].startswith("Your registration with ")
    body = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Hello Emma Smith,")
    assert "someone will contact you by email." in body
    withdraw_url = f"{live_server.url}/en/register/withdraw/{registration.withdrawal_token}/"
    assert withdraw_url in body
    personal_url = re.search(re.escape(live_server.url) + r"/en/register/my-page/[^/\s]+/", body).group(0)

    # The links lead to English pages.
    tab.goto(personal_url)
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.get_by_role("heading", level=1).inner_text() == "Your own page"
    tab.goto(withdraw_url)
    assert tab.get_by_role("heading", level=1).inner_text() == "Withdraw your registration"

    # The region's staff read Dutch, and see the language.
    staff = [item["message"] for item in smtp_server.messages if "emma@example.org" not in item["to"]]
    assert len(staff) == 1 and staff[0]["Subject"].startswith("Nieuwe aanmelding: Emma Smith")
    assert "Voorkeurstaal: Engels" in staff[0].get_body(("plain",)).get_content()
