"""Signing up for an event in a real browser (Chromium) on a phone: with htmx the form is swapped for the outcome in
place, without JavaScript the post leads to the outcome page; axe-core finds no WCAG A/AA problems on the way."""

import pytest

from recruitment.models import EventSignUp, SignUpStatus
from tests.browser.conftest import axe_on, axe_violations

from .test_event_sign_up import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(tab, name, email):
    tab.get_by_label("Je naam").fill(name)
    tab.get_by_label("Je e-mailadres").fill(email)
    tab.get_by_label("Heb je iets nodig om mee te kunnen doen? (niet verplicht)").fill("Een plek vooraan")
    tab.get_by_label("Ik geef toestemming").check()


def test_on_a_phone_the_form_is_swapped_for_the_outcome_and_passes_axe(live_server, phone, browser, home):
    event = make_event(home, capacity=1, questions=[("Wat wil je vooral weten?", True)])
    url = live_server.url + event.url
    assert not axe_on(browser, url, "#aanmelden form")

    phone.set_default_timeout(15000)
    phone.goto(url)
    phone.wait_for_function("window.htmx !== undefined")
    phone.get_by_role("button", name="Meld je aan").click()  # empty: the messages, in place
    phone.get_by_role("heading", name="Controleer deze").wait_for()
    assert phone.url == url, "htmx answered in place"
    assert not axe_violations(phone)

    fill(phone, "Sanne de Vries", "sanne@example.org")
    phone.get_by_label("Wat wil je vooral weten?").fill("Hoe combineer ik het met mijn baan?")
    phone.get_by_role("button", name="Meld je aan").click()
    phone.get_by_role("heading", name="Je bent aangemeld").wait_for()
    assert "sanne@example.org" in phone.locator("#aanmelden").inner_text()
    assert not axe_violations(phone)
    sign_up = EventSignUp.objects.get()
    assert sign_up.status == SignUpStatus.CONFIRMED and sign_up.needs == "Een plek vooraan"


def test_without_javascript_the_post_leads_to_the_outcome_page(live_server, scriptless, home):
    from recruitment.events import sign_up

    event = make_event(home, capacity=1)
    sign_up(event, {"name": "Eerste", "email": "eerste@example.org"})  # the place is taken: the waiting list
    tab = scriptless
    tab.goto(live_server.url + event.url)
    fill(tab, "Sanne de Vries", "sanne@example.org")
    tab.get_by_role("button", name="Meld je aan").click()
    tab.get_by_role("heading", name="Je staat op de wachtlijst").wait_for()
    assert tab.url == live_server.url + event.url + "aanmelden/"
    assert "op plaats 1" in tab.content()
    tab.reload()  # the outcome page can be reloaded without posting again
    assert EventSignUp.objects.filter(status=SignUpStatus.WAITING).count() == 1
