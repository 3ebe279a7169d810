"""The registrant's own page in a real browser (Chromium, JavaScript off): register through the form, open the page
from the link in the confirmation e-mail (a real SMTP server, sent by a real Celery worker), change the phone number
and confirm it, download the data, withdraw. axe-core finds no WCAG 2.2 A/AA problems on the pages."""

import json
import re
from pathlib import Path

import pytest

from recruitment.models import Registration, Status
from tests.browser.conftest import axe_on, axe_violations
from tests.helpers import browser_tab, wait_until

from .test_browser import fill_valid

pytestmark = [pytest.mark.browser, pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_a_registrant_uses_their_own_page_from_the_confirmation_e_mail(
    live_server, browser, scriptless, routes, regions, smtp_server, celery_worker, settings, tmp_path
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the links in the e-mails lead to this server
    east = regions["east"]
    east.contact_email, east.phone, east.website = "loket-oost@example.org", "053 123 4567", "https://oost.example.org/"
    east.save()
    tab = scriptless
    tab.set_default_timeout(15_000)

    # Register through the form, without JavaScript.
    tab.goto(live_server.url + "/aanmelding/")
    fill_valid(tab)
    tab.get_by_label("Je telefoonnummer (niet verplicht)").fill("06 12345678")
    tab.get_by_role("button", name="Aanmelding versturen").click()
    tab.get_by_role("heading", level=1, name="Bedankt voor je aanmelding").wait_for()

    # The worker sends the confirmation; its link opens the page.
    messages = smtp_server.wait_for(2)
    (confirmation,) = [item["message"] for item in messages if "sanne@example.org" in item["to"]]
    text = confirmation.get_body(("plain",)).get_content()
    link = re.search(rf"{re.escape(live_server.url)}/aanmelding/mijn-pagina/[^/\s]+/", text).group(0)
    tab.goto(link)
    tab.get_by_role("heading", level=1, name="Je eigen pagina").wait_for()
    main = tab.locator("main").inner_text()
    assert "Je aanmelding is binnen." in main and "Uiterlijk op" in main
    assert "loket-oost@example.org" in main and "053 123 4567" in main
    assert axe_on(browser, link, "h1") == []
    assert axe_on(browser, live_server.url + "/aanmelding/mijn-pagina/", "h1") == []

    # Change the phone number: shown back first, changed only once confirmed.
    tab.get_by_role("link", name="Mijn gegevens wijzigen").click()
    tab.get_by_role("heading", level=1, name="Mijn gegevens wijzigen").wait_for()
    assert axe_on(browser, tab.url, "h1") == []
    with browser_tab(browser) as checked:  # the "Klopt dit?" step answers a post: axe-core needs JavaScript there
        checked.goto(tab.url)
        checked.get_by_role("button", name="Verder: controleren").click()
        checked.get_by_role("heading", level=1, name="Klopt dit?").wait_for()
        assert axe_violations(checked) == []
    phone = tab.get_by_label("Je telefoonnummer (niet verplicht)")
    assert phone.input_value() == "06 12345678", "the form holds the current details"
    phone.fill("06 11112222")
    tab.get_by_role("button", name="Verder: controleren").click()
    tab.get_by_role("heading", level=1, name="Klopt dit?").wait_for()
    assert "06 11112222" in tab.locator("main").inner_text()
    assert Registration.objects.get().phone == "06 12345678", "nothing changes before the registrant confirms"
    tab.get_by_role("button", name="Ja, dit klopt").click()
    tab.get_by_role("heading", level=1, name="Je eigen pagina").wait_for()
    assert "Je nieuwe gegevens staan bij je aanmelding" in tab.get_by_role("status").inner_text()
    assert Registration.objects.get().phone == "06 11112222"

    # Staff hear of it, as of a confirmed new post of the form.
    wait_until(
        lambda: any(item["message"]["Subject"].startswith("Opnieuw aangemeld") for item in smtp_server.messages),
        message="the region's notice of the new details",
    )

    # Download the data: the new number is in it.
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Mijn gegevens downloaden").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(Path(saved).read_text(encoding="utf-8"))
    assert data["aanmelding"]["telefoonnummer"] == "06 11112222"
    assert data["aanmelding"]["e_mailadres"] == "sanne@example.org"

    # Withdraw, through the existing flow; the link then stops working.
    tab.get_by_role("link", name="Mijn aanmelding intrekken").click()
    tab.get_by_role("button", name="Ja, trek mijn aanmelding in").click()
    tab.get_by_role("heading", level=1, name="Je aanmelding is ingetrokken").wait_for()
    registration = Registration.objects.get()
    assert registration.status == Status.WITHDRAWN and registration.phone == ""
    response = tab.goto(link)
    assert response.status == 404
    tab.get_by_role("heading", level=1, name="Deze link werkt niet (meer)").wait_for()
    assert axe_on(browser, link, "h1") == []
