"""A translator in Chromium whose browser asks for English: the admin is Dutch, the report "Vertalingen" under
Rapporten filters on "Alleen verouderd", and the out-of-date translation's edit view warns and leads to the Dutch
page."""

import re

import pytest

from django.contrib.auth.models import Group, User

from tests.helpers import browser_tab
from tests.site.test_translation_status import (
    DUTCH_CHANGED,
    DUTCH_WRITTEN,
    TRANSLATED,
    dutch_page,
    publish,
    translate,
)

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_translator_finds_the_out_of_date_translation_and_its_dutch_source(home_page, live_server, browser):
    publish(home_page, DUTCH_WRITTEN)
    translate(home_page, "Become a teacher in technology", "", TRANSLATED)
    translate(
        dutch_page(home_page, "Over ons", "over-ons"), "About us", "We help technicians into teaching.", TRANSLATED
    )
    contact = dutch_page(home_page, "Contact", "contact")
    english_contact = translate(contact, "Contact us", "Write to us.", TRANSLATED)
    publish(contact, DUTCH_CHANGED)
    translator = User.objects.create_user("vertaler", "vertaler@example.org", "Vertaal-wachtwoord-1")
    translator.groups.add(Group.objects.get(name="Editors"))

    with browser_tab(browser, locale="en-GB", extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"}) as page:
        page.goto(live_server.url + "/admin/login/")
        assert page.locator("html").get_attribute("lang") == "nl"
        page.fill("#id_username", "vertaler")
        page.fill("#id_password", "Vertaal-wachtwoord-1")
        page.click("button[type=submit]")
        page.wait_for_url(live_server.url + "/admin/")
        assert page.locator("html").get_attribute("lang") == "nl"

        page.get_by_role("button", name="Rapporten").click()
        assert page.get_by_role("link", name="Vertalingen in wagtail-localize").is_visible()
        page.get_by_role("link", name="Vertalingen", exact=True).click()
        page.wait_for_url(live_server.url + "/admin/reports/vertalingen/")
        assert page.locator("h1").inner_text().strip() == "Vertalingen"
        results = page.locator("#listing-results tbody tr")
        assert results.count() == 3
        assert results.first.inner_text().startswith("Contact us")
        assert "verouderd" in results.first.inner_text()
        assert page.get_by_role("heading", name="Nog niet vertaald").is_visible()
        assert axe_violations(page) == []

        page.get_by_role("button", name="Filter").click()
        page.get_by_role("button", name="Alleen verouderd").click()
        page.get_by_role("radio", name="ja").check()
        page.wait_for_url(re.compile(r"alleen_verouderd=ja"))
        page.wait_for_function("document.querySelectorAll('#listing-results tbody tr').length === 1")
        assert results.first.inner_text().startswith("Contact us")

        results.first.get_by_role("link", name="Vertaling bewerken").click()
        page.wait_for_url(f"{live_server.url}/admin/pages/{english_contact.pk}/edit/")
        warning = page.locator(".messages li.warning")
        assert "De Nederlandse versie is gewijzigd op 1 oktober 2026, 14:30" in warning.inner_text()
        warning.get_by_role("link", name="Bekijk de Nederlandse versie").click()
        page.wait_for_url(f"{live_server.url}/admin/pages/{contact.pk}/edit/")
        assert page.locator("html").get_attribute("lang") == "nl"
