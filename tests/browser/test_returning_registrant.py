"""A registrant who fills in the form again, in a real browser without JavaScript: the thank-you page, the
confirmation page behind the link from the e-mail (axe-core WCAG 2.2 AA, keyboard only), and what staff then have."""

import re

import pytest

from recruitment.models import Registration
from tests.helpers import browser_tab

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_in(tab, *, name, phone, message):
    tab.get_by_label("Je naam").fill(name)
    tab.get_by_label("Je e-mailadres").fill("ruben@example.org")
    tab.get_by_label("Je telefoonnummer (niet verplicht)").fill(phone)
    tab.get_by_label("Je postcode").fill("7511 ab")
    tab.get_by_label("Ik werk in de techniek").check()
    tab.get_by_label("Je hoogste opleiding").select_option("hbo")
    tab.get_by_label("Hoeveel jaar werk je in de techniek?").fill("12")
    tab.get_by_label("Bellen", exact=True).check()
    tab.get_by_label("Wil je nog iets kwijt? (niet verplicht)").fill(message)
    tab.get_by_label("Ik geef toestemming").check()
    tab.get_by_role("button", name="Aanmelding versturen").click()
    tab.get_by_role("heading", level=1, name="Bedankt voor je aanmelding").wait_for()


def test_a_returning_registrant_confirms_new_details_by_keyboard_without_javascript(
    demo_content, live_server, page, browser
):
    page.goto(live_server.url + "/aanmelding/")
    fill_in(page, name="Ruben Overstapper", phone="06 87654321", message="")
    first_thanks = page.locator("main").inner_text()

    page.goto(live_server.url + "/aanmelding/")
    fill_in(page, name="Ruben Overstapper", phone="06 11112222", message="Nu wil ik echt, bel me")
    assert page.locator("main").inner_text() == first_thanks, "the second answer looks exactly like the first"
    assert axe_violations(page) == []
    registration = Registration.objects.get()
    assert registration.phone == "06 87654321", "nothing changes before the owner confirms"

    # The link from the e-mail to the known address (its token, as the e-mail carries it).
    confirm_url = f"{live_server.url}/aanmelding/bevestigen/{registration.resubmissions.get().token}/"
    page.goto(confirm_url)
    page.get_by_role("heading", level=1, name="Je nieuwe gegevens bevestigen").wait_for()
    assert axe_violations(page) == []

    # Without JavaScript, by keyboard alone: Tab to the button, press Enter.
    with browser_tab(browser, java_script_enabled=False) as tab:
        tab.goto(confirm_url)
        assert "Nu wil ik echt, bel me" in tab.locator("main").inner_text()
        focused = tab.locator(":focus")
        for _ in range(60):
            tab.keyboard.press("Tab")
            if focused.count() and focused.inner_text().strip() == "Ja, dit heb ik ingevuld":
                break
        else:
            raise AssertionError("Tab never reached the confirm button")
        tab.keyboard.press("Enter")
        tab.get_by_role("heading", level=1, name="Je nieuwe gegevens staan bij je aanmelding").wait_for()
        done = tab.locator("main").inner_text()
        assert re.search(r"Uiterlijk op \w+ \d+ \w+ \d{4}", done), done

    registration.refresh_from_db()
    assert (registration.phone, registration.message) == ("06 11112222", "Nu wil ik echt, bel me")
    page.goto(confirm_url)  # used once: the link now says so, accessibly
    page.get_by_role("heading", level=1, name="Je nieuwe gegevens bevestigen").wait_for()
    assert "Deze link werkt niet (meer)" in page.locator("main").inner_text()
    assert axe_violations(page) == []
