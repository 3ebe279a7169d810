"""A career-switcher on a phone, from the home page to a call from the region, with every service real: the live
test server with the demo content, Chromium, PostgreSQL, a Celery worker on Redis and an aiosmtpd server.

Home → a route page → the route finder → register → thank-you; the region's staff get the notification by SMTP; a
recruitment staff member logs into the admin, follows the link in that e-mail and logs the contact; from then on
the reminder scan sends nothing more for this registration, also after day 7."""

import re
from datetime import timedelta

import pytest
import time_machine

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from recruitment.models import MessageState, OutgoingMessage, Registration, Status
from recruitment.permissions import RECRUITMENT_STAFF_GROUP
from recruitment.schedule import reminder_kind
from recruitment.tasks import send_due_reminders
from tests.helpers import browser_tab, wait_until
from tests.recruitment.conftest import celery_worker  # noqa: F401  (a fixture used below)

pytestmark = [pytest.mark.browser, pytest.mark.services, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# An hbo graduate with years of experience who keeps the job and wants to teach in the mbo.
ANSWERS = [
    ("opleiding", "hbo (hogeschool)"),
    ("ervaring", "3 jaar of meer"),
    ("baan", "Ja, ik wil mijn baan houden"),
    ("sector", "Het mbo"),
    ("rol", "Docent, met een bevoegdheid"),
]
STAFF_PASSWORD = "Werving-wachtwoord-1"


@pytest.fixture
def mobile(browser):
    with browser_tab(browser, viewport=PHONE, is_mobile=True, has_touch=True, timeout=15_000) as tab:
        yield tab


@pytest.fixture
def desk(browser):
    with browser_tab(browser, timeout=15_000) as tab:
        yield tab


@pytest.fixture
def recruiter(demo_content):
    """A member of the recruitment staff group (its permissions as migration 0002 grants them)."""
    group, _ = Group.objects.get_or_create(name=RECRUITMENT_STAFF_GROUP)
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_registration", "change_registration"])
    )
    user = User.objects.create_user(
        "werving-oost", "werving.oost@example.org", STAFF_PASSWORD, first_name="Wim", last_name="Werving"
    )
    user.groups.add(group)
    return user


def no_sideways_scroll(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_career_switcher_on_a_phone_is_registered_followed_up_and_no_longer_reminded(
    demo_content,
    live_server,
    mobile,
    desk,
    recruiter,
    smtp_server,
    celery_worker,  # noqa: F811  (the fixture imported above)
    settings,
):
    from routes.models import RouteFinderPage, RoutePage

    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the link in the staff e-mail points at this server
    finder = RouteFinderPage.objects.live().filter(locale__language_code="nl").get()
    tab = mobile

    # Home: the phone shows the site without sideways scrolling; a featured route card leads to a route page.
    tab.goto(live_server.url + "/")
    assert tab.evaluate("window.innerWidth") == PHONE["width"]
    assert no_sideways_scroll(tab)
    route_paths = {page.url for page in RoutePage.objects.live()}
    card = next(link for link in tab.locator("main a").all() if link.get_attribute("href") in route_paths)
    route_path = card.get_attribute("href")
    card.click()
    tab.wait_for_url(live_server.url + route_path)
    route = next(page for page in RoutePage.objects.live() if page.url == route_path)
    assert tab.get_by_role("heading", level=1).inner_text() == route.title
    assert no_sideways_scroll(tab)

    # The route page's "in doubt?" link leads to the finder; answer its five questions.
    tab.get_by_role("link", name=finder.title).click()
    tab.wait_for_url(live_server.url + finder.url)
    for number, (name, choice) in enumerate(ANSWERS, start=1):
        tab.locator("#finder-progress", has_text=f"Vraag {number} van 5").wait_for()
        tab.locator(f"#finder-step input[name={name}]").first.wait_for()
        tab.get_by_label(choice, exact=True).check()
        tab.locator("#finder-step button[type=submit]").click()
    tab.locator("#resultaat-titel").wait_for()
    assert "opleiding=hbo&ervaring=lang&baan=ja&sector=mbo&rol=docent" in tab.url
    assert no_sideways_scroll(tab)
    tab.get_by_role("link", name="Aanmelden voor deze routes").click()

    # The registration form, with the finder's routes ticked: fill it in and send it.
    tab.get_by_role("button", name="Aanmelding versturen").wait_for()
    ticked = tab.locator("input[name=routes]:checked").evaluate_all("boxes => boxes.map(box => box.value)")
    assert ticked, "the finder's routes come along"
    assert no_sideways_scroll(tab)
    tab.get_by_label("Je naam").fill("Ruben Overstapper")
    tab.get_by_label("Je e-mailadres").fill("ruben@example.org")
    tab.get_by_label("Je telefoonnummer (niet verplicht)").fill("06 87654321")
    tab.get_by_label("Je postcode").fill("7511 ab")  # Enschede: region Oost
    tab.get_by_label("Ik werk in de techniek").check()
    tab.get_by_label("Je hoogste opleiding").select_option("hbo")
    tab.get_by_label("Hoeveel jaar werk je in de techniek?").fill("12")
    tab.get_by_label("Bellen", exact=True).check()
    tab.get_by_label("Ik geef toestemming").check()
    tab.get_by_role("button", name="Aanmelding versturen").click()
    tab.get_by_role("heading", level=1, name="Bedankt voor je aanmelding").wait_for()
    assert no_sideways_scroll(tab)

    registration = Registration.objects.get()
    assert (registration.name, registration.region.name) == ("Ruben Overstapper", "Oost")
    assert sorted(str(pk) for pk in registration.routes.values_list("pk", flat=True)) == sorted(ticked)

    # The worker sends the region's notification (and the confirmation) through the SMTP server.
    smtp_server.wait_for(2)
    (staff_mail,) = [item for item in smtp_server.messages if "werving.oost@example.org" in item["to"]]
    assert sorted(staff_mail["to"]) == ["loket.oost@example.org", "werving.oost@example.org"]
    text = staff_mail["message"].get_body(("plain",)).get_content()
    assert "Ruben Overstapper" in text
    link = re.search(re.escape(live_server.url) + r"/admin/aanmeldingen/inspect/\d+/", text).group(0)
    assert link.endswith(f"/inspect/{registration.pk}/")

    # A recruitment staff member follows the link: the admin asks to log in first, then opens the registration.
    desk.goto(link)
    desk.wait_for_url(re.compile(r".*/admin/login/.*"))
    desk.fill("#id_username", "werving-oost")
    desk.fill("#id_password", STAFF_PASSWORD)
    desk.click("button[type=submit]")
    desk.wait_for_url(link)
    assert "Ruben Overstapper" in desk.content()
    assert "ruben@example.org" in desk.content()
    desk.get_by_label("Telefoongesprek", exact=True).check()
    desk.get_by_label("Notitie").fill("Gebeld; komt naar de open dag van Windesheim.")
    desk.get_by_label("Contact gehad: we blijven volgen").check()
    desk.get_by_role("button", name="Interactie vastleggen").click()
    desk.wait_for_url(link)
    assert "Contact vastgelegd. Er gaan geen herinneringen meer uit voor" in desk.content()
    assert "Gebeld; komt naar de open dag van Windesheim." in desk.content()

    registration.refresh_from_db()
    assert registration.status == Status.CONTACTED
    follow_up = registration.follow_ups.get()
    assert (follow_up.staff, follow_up.method) == (recruiter, "telefoongesprek")

    # The reminders stop: the scan, with the clock moved past day 7 (and past day 21), sends nothing more.
    wait_until(
        lambda: set(registration.messages.values_list("state", flat=True)) == {MessageState.SENT},
        message="notification and confirmation recorded as sent",
    )
    sent_before = len(smtp_server.messages)
    for days in (8, 22):
        with time_machine.travel(timezone.now() + timedelta(days=days), tick=True):
            result = send_due_reminders.apply().get()
        assert result["planned"] == 0 and result["sent"] == 0, (days, result)
    assert len(smtp_server.messages) == sent_before
    assert not OutgoingMessage.objects.filter(registration=registration, kind=reminder_kind(7)).exists()
    assert not OutgoingMessage.objects.filter(registration=registration, kind__startswith="reminder_").exists()


def test_without_the_contact_the_day_7_reminder_would_go_out(demo_content, smtp_server, celery_worker):  # noqa: F811
    """The counter-proof for the journey's last step: the same registration, not contacted, is reminded on day 8."""
    from recruitment.forms import RegistrationForm
    from recruitment.services import submit_registration

    form = RegistrationForm(
        {
            "name": "Ruben Overstapper",
            "email": "ruben@example.org",
            "postcode": "7511 AB",
            "situation": "techniek",
            "education": "hbo",
            "experience_years": "12",
            "contact_preference": "e-mail",
            "consent": "on",
            "website": "",
        }
    )
    assert form.is_valid(), form.errors
    registration = submit_registration(form.cleaned_data, consent_version="1").registration
    smtp_server.wait_for(2)  # the worker sent the notification and the confirmation
    wait_until(
        lambda: set(OutgoingMessage.objects.values_list("state", flat=True)) == {MessageState.SENT},
        message="notification and confirmation recorded as sent",
    )
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=True):
        result = send_due_reminders.apply().get()
    assert result["sent"] == 1
    assert OutgoingMessage.objects.get(registration=registration, kind=reminder_kind(7)).state == MessageState.SENT
    reminder = smtp_server.messages[-1]
    assert sorted(reminder["to"]) == ["loket.oost@example.org", "werving.oost@example.org"]
