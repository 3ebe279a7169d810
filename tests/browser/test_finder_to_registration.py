"""From the route finder to the registration form in a real browser without JavaScript: the result's "Aanmelden" link
brings the answers along; the form shows them, has the education, the roles and the best routes filled in, and sends
the answers to staff unless the visitor unticks the box. The form then passes axe (in a context with JavaScript,
which axe needs).
"""

import pytest

from tests.browser.conftest import axe_on
from tests.browser.test_finder_new_cases import SWITCH_TO_SUPPORT, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_answers_reach_the_registration_and_its_staff(demo_content, live_server, scriptless, browser):
    from recruitment.models import Registration
    from routes.models import RouteFinderPage

    finder = RouteFinderPage.objects.live().filter(locale__language_code="nl").get()
    hrefs, _reasons = walk(scriptless, live_server.url + finder.url, SWITCH_TO_SUPPORT)
    with scriptless.expect_navigation():
        scriptless.get_by_role("link", name="Aanmelden voor deze routes").click()
    tab = scriptless
    assert "rw-opleiding=mbo4" in tab.url and "rw-rol=ondersteunend" in tab.url

    summary = tab.locator(".registration-form__finder")
    assert summary.get_by_role("heading", name="Je antwoorden uit de routewijzer").is_visible()
    assert "Je antwoorden uit de routewijzer sturen we mee met je aanmelding." in summary.inner_text()
    assert [text.strip() for text in summary.locator("dd").all_inner_texts()] == [
        label for _q, label in SWITCH_TO_SUPPORT
    ]
    send = tab.get_by_label("Stuur mijn antwoorden uit de routewijzer mee")
    assert send.is_checked()
    # Filled in where the finder asked the same: the education, the supporting roles, the best routes.
    assert tab.get_by_label("Je hoogste opleiding").input_value() == "mbo4"
    roles = tab.locator('input[name="roles"]')
    assert {
        roles.nth(index).get_attribute("value"): roles.nth(index).is_checked() for index in range(roles.count())
    } == {
        "docent": False,
        "instructeur": True,
        "onderwijsassistent": True,
        "hybride-docent": False,
        "gastdocent": False,
    }
    assert tab.locator('input[name="routes"]:checked').count() == min(3, len(hrefs))

    tab.get_by_label("Je naam").fill("Sanne de Vries")
    tab.get_by_label("Je e-mailadres").fill("sanne.routewijzer@example.org")
    tab.get_by_label("Je postcode").fill("7511 AB")
    tab.get_by_label("Ik werk in de techniek").check()
    tab.get_by_label("Hoeveel jaar werk je in de techniek?").fill("8")
    tab.get_by_label("E-mail", exact=True).check()
    tab.get_by_label("Ik geef toestemming", exact=False).check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Aanmelding versturen").click()
    assert tab.get_by_role("heading", name="Bedankt voor je aanmelding").is_visible()

    registration = Registration.objects.get(email="sanne.routewijzer@example.org")
    assert registration.education == "mbo4"
    assert registration.finder_answers == {
        "opleiding": "mbo4",
        "ervaring": "lang",
        "baan": "nee",
        "sector": "geen-voorkeur",
        "rol": "ondersteunend",
    }
    assert sorted(registration.roles) == ["instructeur", "onderwijsassistent"]

    form_url = (
        live_server.url
        + "/aanmelding/?"
        + "&".join(f"rw-{key}={value}" for key, value in registration.finder_answers.items())
    )
    assert axe_on(browser, form_url, "#routewijzer-titel") == []
