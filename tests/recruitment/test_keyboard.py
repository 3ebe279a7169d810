"""The registration form completed by keyboard alone, with htmx and with JavaScript switched off."""

import pytest

from recruitment.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def active(tab):
    return tab.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName.toLowerCase(), name: e.name || '',"
        " type: e.type || '', value: e.value || '', checked: !!e.checked}; }"
    )


def tab_to(tab, name, limit=60):
    """Press Tab until the field called `name` has the focus."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if active(tab)["name"] == name:
            return active(tab)
    raise AssertionError(f"Tab never reached {name}; focus is on {active(tab)}")


def choose_with_arrows(tab, value, limit=12):
    """In a focused radio group or select, press ArrowDown until `value` is chosen."""
    for _ in range(limit):
        if active(tab)["value"] == value and (active(tab)["tag"] == "select" or active(tab)["checked"]):
            return
        tab.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value}; focus is on {active(tab)}")


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-javascript"])
def test_the_form_can_be_completed_by_keyboard_alone(live_server, browser, routes, regions, javascript):
    context = browser.new_context(locale="nl-NL", java_script_enabled=javascript)
    tab = context.new_page()
    tab.set_default_timeout(15000)
    tab.goto(live_server.url + f"/aanmelding/?route={routes[0].pk}")

    tab_to(tab, "name")
    tab.keyboard.type("Sanne de Vries")
    tab_to(tab, "email")
    tab.keyboard.type("sanne.toetsenbord@example.org")
    tab_to(tab, "postcode")
    tab.keyboard.type("7511 AB")
    tab_to(tab, "situation")
    tab.keyboard.press("Space")
    choose_with_arrows(tab, "techniek")
    tab_to(tab, "education")
    choose_with_arrows(tab, "hbo")
    tab_to(tab, "experience_years")
    tab.keyboard.type("6")
    tab_to(tab, "contact_preference")
    tab.keyboard.press("Space")
    choose_with_arrows(tab, "e-mail")
    tab_to(tab, "consent")
    tab.keyboard.press("Space")
    assert active(tab)["checked"]
    for _ in range(10):
        tab.keyboard.press("Tab")
        if active(tab)["tag"] == "button":
            break
    assert active(tab)["type"] == "submit"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/aanmelding/bedankt/")
    assert tab.get_by_role("heading", name="Bedankt voor je aanmelding").is_visible()
    assert "Uiterlijk op" in tab.content()

    registration = Registration.objects.get(email="sanne.toetsenbord@example.org")
    assert registration.name == "Sanne de Vries"
    assert list(registration.routes.all()) == [routes[0]]
    assert (registration.situation, registration.education, registration.contact_preference) == (
        "techniek",
        "hbo",
        "e-mail",
    )
    context.close()
