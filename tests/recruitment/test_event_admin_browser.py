"""The events in figures and the mailing to attendees in a real browser (Chromium): a staff member logs in, opens
"Evenementen in cijfers" from the reports menu, reads an event's figures, goes to its mailing form, writes a
message, sees how many people will get it and sends it; axe-core finds no WCAG A/AA problems on the figures, the
form or the confirmation, and the admin's Content Security Policy blocks nothing."""

import datetime as dt

import pytest

from django.utils import timezone

from recruitment.models import EventMailing, EventSignUp, OutgoingMessage, SignUpStatus
from tests.browser.conftest import axe_violations

from .test_event_sign_up import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_read_an_event_s_figures_and_mail_its_attendees(
    live_server, page, client, settings, home, regions, staff_user
):
    event = make_event(home, title="Open avond Hengelo", start_date=timezone.localdate() - dt.timedelta(days=3))
    came = event.starts_at + dt.timedelta(minutes=2)
    EventSignUp.objects.create(event=event, name="Anna", email="anna@example.org", attended_at=came)
    EventSignUp.objects.create(event=event, name="Bram", email="bram@example.org")
    EventSignUp.objects.create(event=event, name="Cas", email="cas@example.org", status=SignUpStatus.CANCELLED)
    EventSignUp.objects.create(event=event, name="Dewi", email="", attended_at=came, walk_in=True)

    page.set_default_timeout(15_000)
    client.force_login(staff_user)  # the login form itself is tested in test_report_browser.py
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + "/admin/")
    page.get_by_role("button", name="Rapporten").click()
    page.get_by_role("link", name="Evenementen in cijfers").click()
    page.wait_for_url(live_server.url + "/admin/evenementaanmeldingen/cijfers/")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Evenementen in cijfers"
    row = page.locator("#tabel-evenementen tbody tr").filter(has_text="Open avond Hengelo")
    # Aangemeld, wachtlijst, afgemeld, aanwezig, binnengelopen, niet gekomen, daarna aangemeld bij het regioloket.
    assert row.locator("td").all_inner_texts()[:7] == ["2", "0", "1", "2", "1", "1", "0"]
    assert not axe_violations(page)
    assert not page.csp_errors, page.csp_errors

    row.get_by_role("link", name="Bericht sturen aan de deelnemers van Open avond Hengelo").click()
    page.wait_for_url(f"{live_server.url}/admin/evenementaanmeldingen/bericht/{event.pk}/")
    page.get_by_label("Iedereen die aanwezig was").check()
    page.locator("#id_subject").fill("Dank voor je komst")
    page.locator("#id_body").fill("Hierbij de dia's van vanavond.")
    assert not axe_violations(page)
    page.get_by_role("button", name="Verder: controleren").click()

    assert page.locator("#aantal-ontvangers").inner_text().startswith("Dit bericht gaat naar 1 persoon")
    assert not axe_violations(page)
    page.get_by_role("button", name="Verstuur naar 1 persoon").click()
    page.wait_for_url(f"{live_server.url}/admin/evenementaanmeldingen/bericht/{event.pk}/")
    assert "Het bericht gaat naar 1 persoon." in page.content()
    assert page.locator("#tabel-berichten tbody th").all_inner_texts() == ["Dank voor je komst"]
    assert not axe_violations(page)
    assert not page.csp_errors, page.csp_errors

    mailing = EventMailing.objects.get()
    assert list(OutgoingMessage.objects.filter(sign_up__event=event).values_list("sign_up__name", flat=True)) == [
        "Anna"
    ]
    assert mailing.subject == "Dank voor je komst"
