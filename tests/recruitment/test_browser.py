"""The form in a real browser (Chromium): it works with JavaScript off, htmx validates fields inline with it on,
messages are announced, and axe-core finds no WCAG A/AA problems on the form, its errors and the thank-you page."""

import pytest

from recruitment.models import Registration
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_valid(tab):
    tab.get_by_label("Je naam").fill("Sanne de Vries")
    tab.get_by_label("Je e-mailadres").fill("sanne@example.org")
    tab.get_by_label("Je postcode").fill("7511ab")
    tab.get_by_label("Ik werk in de techniek").check()
    tab.get_by_label("Je hoogste opleiding").select_option("hbo")
    tab.get_by_label("Hoeveel jaar werk je in de techniek?").fill("6")
    tab.get_by_label("E-mail", exact=True).check()
    tab.get_by_label("Ik geef toestemming").check()


def test_without_javascript_errors_show_and_a_corrected_form_is_taken(live_server, scriptless, routes, regions):
    tab = scriptless
    tab.set_default_timeout(15000)
    tab.goto(live_server.url + f"/aanmelding/?route={routes[1].pk}")
    assert tab.get_by_label(routes[1].title).is_checked()
    tab.get_by_label("Je naam").fill("Sanne de Vries")
    tab.get_by_label("Je postcode").fill("75")
    tab.get_by_role("button", name="Aanmelding versturen").click()
    summary = tab.get_by_role("alert")
    assert "Controleer deze" in summary.inner_text()
    assert "Dit is geen Nederlandse postcode" in summary.inner_text()
    assert tab.title().startswith("Fout: ")
    postcode = tab.get_by_label("Je postcode")
    assert postcode.get_attribute("aria-invalid") == "true"
    assert "Dit is geen Nederlandse postcode" in tab.locator("#id_postcode_error").inner_text()
    assert tab.get_by_label("Je naam").input_value() == "Sanne de Vries", "what was typed is kept"

    tab.get_by_role("link", name="Je postcode").first.click()
    assert tab.evaluate("location.hash") == "#id_postcode"
    fill_valid(tab)
    tab.get_by_role("button", name="Aanmelding versturen").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Bedankt voor je aanmelding"
    assert "Uiterlijk op" in tab.content()
    registration = Registration.objects.get()
    assert [route.pk for route in registration.routes.all()] == [routes[1].pk]


def test_with_htmx_a_field_is_validated_when_left_and_the_message_announced(live_server, page, home, regions):  # noqa: F811
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/aanmelding/")
    page.wait_for_function("window.htmx !== undefined")
    postcode = page.get_by_label("Je postcode")
    postcode.fill("12")
    page.get_by_label("Je telefoonnummer (niet verplicht)").focus()  # leaving the field fires "change"
    error = page.locator("#id_postcode_error")
    error.wait_for()
    assert error.get_attribute("role") == "alert"
    assert "Dit is geen Nederlandse postcode" in error.inner_text()
    assert page.get_by_label("Je telefoonnummer (niet verplicht)").evaluate("el => el === document.activeElement")
    assert not axe_violations(page)

    page.get_by_label("Je postcode").fill("1234 AB")
    page.get_by_label("Je naam").focus()
    error.wait_for(state="detached")
    assert page.get_by_label("Je postcode").get_attribute("aria-invalid") is None

    page.get_by_role("button", name="Aanmelding versturen").click()  # incomplete: the summary of errors
    page.get_by_role("heading", name="Controleer deze").wait_for()
    assert not axe_violations(page)

    fill_valid(page)
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Bedankt voor je aanmelding").wait_for()
    assert not axe_violations(page)
    assert Registration.objects.count() == 1
    assert not page.csp_errors, page.csp_errors
