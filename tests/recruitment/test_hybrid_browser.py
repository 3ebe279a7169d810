"""The hybride match in a real browser (Chromium): the forms and the overview on a phone pass axe, with htmx and
without JavaScript; and the whole journey: a company and a school each post on a phone, confirm by the link in
the e-mail (read from a real SMTP server), staff approve both in the admin, and the match appears in the staff's
proposals with its reasons, staff introduce them and both receive the introduction, a reminder follows while no
outcome is logged (the clock moved on), and the outcome stops it."""

import datetime as dt
import re

import pytest
import time_machine

from django.utils import timezone

from recruitment.delivery import deliver_pending
from recruitment.models import HybridNeed, HybridOffer, HybridStatus
from recruitment.tasks import send_due_reminders
from tests.browser.conftest import axe_on, axe_violations

from .test_hybrid_forms import make_post, start_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_common(tab, *, field, hours, day_parts, name, email):
    tab.get_by_label("Vakgebied").select_option(label=field)
    tab.get_by_label("Uren per week").fill(str(hours))
    for part in day_parts:
        tab.get_by_label(part, exact=True).check()
    tab.get_by_label("Vanaf wanneer?").fill(start_date().isoformat())
    tab.get_by_label("Postcode").fill("7511 AB")
    tab.get_by_label("Naam contactpersoon").fill(name)
    tab.get_by_label("E-mailadres contactpersoon").fill(email)
    tab.get_by_label("Ik geef toestemming").check()


def post_offer(tab, url):
    tab.goto(url + "/hybride-match/aanbieden/")
    tab.get_by_label("Naam van het bedrijf").fill("Installatiebedrijf Jansen")
    fill_common(
        tab,
        field="Elektrotechniek",
        hours=4,
        day_parts=["maandagochtend", "dinsdagmiddag", "woensdagmiddag"],
        name="Petra Jansen",
        email="petra@example.org",
    )
    tab.get_by_role("button", name="Aanbod versturen").click()


def post_need(tab, url):
    tab.goto(url + "/hybride-match/vragen/")
    tab.get_by_label("Naam van de school").fill("Techniek College Oost")
    tab.get_by_label("Vmbo", exact=True).check()
    tab.get_by_label("Vmbo: welk profiel?").select_option(label="Produceren, installeren en energie (PIE)")
    fill_common(
        tab,
        field="Elektrotechniek",
        hours=3,
        day_parts=["maandagochtend", "woensdagmiddag"],
        name="Karin de Boer",
        email="karin@example.org",
    )
    tab.get_by_role("button", name="Vraag versturen").click()


def test_the_forms_and_the_overview_pass_axe_and_work_with_htmx_on_a_phone(live_server, phone, browser, regions, home):
    make_post(HybridOffer, regions["east"], company_name="Oost Installatie", description="Praktijk van nu.")
    make_post(HybridNeed, regions["east"], school_name="Oost College")
    for path, ready in (
        ("/hybride-match/", "#aanbod-titel"),
        ("/hybride-match/aanbieden/", "#hybride-formulier form"),
        ("/hybride-match/vragen/", "#hybride-formulier form"),
    ):
        assert not axe_on(browser, live_server.url + path, ready), path

    phone.set_default_timeout(15_000)
    phone.goto(live_server.url + "/hybride-match/aanbieden/")
    phone.wait_for_function("window.htmx !== undefined")
    phone.get_by_role("button", name="Aanbod versturen").click()  # empty: the messages, in place
    phone.get_by_role("heading", name="Controleer deze").wait_for()
    assert phone.url == live_server.url + "/hybride-match/aanbieden/", "htmx answered in place"
    assert "Kies minstens één dagdeel." in phone.locator("#hybride-formulier").inner_text()
    assert not axe_violations(phone)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the grid fits the phone"

    post_offer(phone, live_server.url)
    phone.get_by_role("heading", name="Check je e-mail").wait_for()
    assert "petra@example.org" in phone.locator("#hybride-formulier").inner_text()
    assert not axe_violations(phone)
    offer = HybridOffer.objects.get(company_name="Installatiebedrijf Jansen")
    assert offer.day_parts == ["ma-ochtend", "di-middag", "wo-middag"] and offer.region == regions["east"]
    no_scroll = phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_scroll, "nothing wider than the phone"


def test_without_javascript_a_post_leads_to_check_your_email_and_the_filter_works(
    live_server, scriptless, browser, regions, home
):
    post_need(scriptless, live_server.url)
    scriptless.get_by_role("heading", name="Check je e-mail").wait_for()
    assert scriptless.url == live_server.url + "/hybride-match/check-je-e-mail/"
    assert HybridNeed.objects.get().status == HybridStatus.UNCONFIRMED

    make_post(HybridOffer, regions["east"], company_name="Oost Elektro")
    make_post(HybridOffer, regions["national"], company_name="Landelijk ICT", field="ict")
    scriptless.goto(live_server.url + "/hybride-match/")
    scriptless.get_by_label("Vakgebied").select_option(label="ICT")
    scriptless.get_by_role("button", name="Toon").click()
    scriptless.wait_for_url(re.compile(r".*vakgebied=ict.*"))
    listed = scriptless.locator(".hybrid-card h3").all_inner_texts()
    assert listed == ["Landelijk ICT"]
    assert not axe_on(browser, scriptless.url, "#aanbod-titel")


def test_a_company_and_a_school_are_matched_introduced_and_followed_up_until_the_outcome(
    live_server, phone, page, regions, home, staff_user, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    phone.set_default_timeout(15_000)
    page.set_default_timeout(15_000)

    # A company and a school each post on a phone, and confirm by the link in their e-mail.
    post_offer(phone, live_server.url)
    phone.get_by_role("heading", name="Check je e-mail").wait_for()
    post_need(phone, live_server.url)
    phone.get_by_role("heading", name="Check je e-mail").wait_for()
    assert deliver_pending().sent == 2
    mails = {mail["to"][0]: mail for mail in smtp_server.wait_for(2)}
    for address, button in (
        ("petra@example.org", "Ja, bevestig mijn aanbod"),
        ("karin@example.org", "Ja, bevestig mijn vraag"),
    ):
        text = mails[address]["message"].get_body(("plain",)).get_content()
        link = re.search(re.escape(live_server.url) + r"/hybride-match/bevestigen/\S+/", text).group(0)
        phone.goto(link)
        phone.get_by_role("button", name=button).click()
        phone.get_by_role("heading", name="Bedankt voor je bevestiging").wait_for()

    # The region's staff are told, once per post, with a link to each in the admin.
    assert deliver_pending().sent == 2
    staff_mails = [mail for mail in smtp_server.wait_for(4)[2:]]
    assert all(sorted(mail["to"]) == ["oost-1@example.org", "oost-2@example.org"] for mail in staff_mails)
    links = [
        re.search(
            re.escape(live_server.url) + r"/admin/hybride-\w+/inspect/\d+/",
            mail["message"].get_body(("plain",)).get_content(),
        ).group(0)
        for mail in staff_mails
    ]

    # Staff log in and approve both.
    page.goto(links[0])
    page.wait_for_url(re.compile(r".*/admin/login/.*"))
    page.fill("#id_username", "opvolger")
    page.fill("#id_password", "geheim-wachtwoord-1")
    page.click("button[type=submit]")
    for link in links:
        page.goto(link)
        page.get_by_label("Goedkeuren: op de openbare lijst").check()
        page.get_by_role("button", name="Besluit vastleggen").click()
        page.get_by_text("staat op de openbare lijst tot").first.wait_for()
    assert HybridOffer.objects.public().count() == 1 and HybridNeed.objects.public().count() == 1

    # The match appears with its reasons.
    page.goto(live_server.url + "/admin/hybride-voorstellen/")
    proposal = page.locator(".hybrid-proposals li").first.inner_text()
    assert "Installatiebedrijf Jansen" in proposal and "Techniek College Oost" in proposal
    assert "Zelfde vakgebied: elektrotechniek" in proposal
    assert "2 dagdelen overlappen: maandagochtend, woensdagmiddag" in proposal
    assert "Uren: 4 aangeboden, 3 gevraagd (genoeg, 1 uur over)" in proposal

    # Staff introduce them with one action: both get one e-mail (the staff in copy).
    page.get_by_role("button", name="Stel voor aan elkaar").first.click()
    page.get_by_text("zijn aan elkaar voorgesteld").wait_for()
    assert deliver_pending().sent == 1
    introduction_mail = smtp_server.wait_for(5)[4]
    assert introduction_mail["message"]["To"] == "petra@example.org, karin@example.org"
    assert introduction_mail["message"]["Subject"] == "Kennismaking: Installatiebedrijf Jansen en Techniek College Oost"

    # While no outcome is logged, the scan reminds the staff (the clock moved a week on); the outcome stops it.
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1), tick=True):
        assert send_due_reminders.apply().get()["sent"] == 1
    reminder = smtp_server.wait_for(6)[5]
    assert sorted(reminder["to"]) == ["oost-1@example.org", "oost-2@example.org"]
    assert str(reminder["message"]["Subject"]).startswith("Herinnering: hoe ging de kennismaking")
    page.goto(live_server.url + "/admin/hybride-kennismakingen/")
    page.get_by_label("Gesprek gepland").check()
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    page.get_by_text("Uitkomst vastgelegd: gesprek gepland.").wait_for()
    with time_machine.travel(timezone.now() + dt.timedelta(days=15), tick=True):
        assert send_due_reminders.apply().get()["sent"] == 0
    assert len(smtp_server.messages) == 6

    # And both are on the public overview, without the contact persons.
    phone.goto(live_server.url + "/hybride-match/")
    overview = phone.locator("main").inner_text()
    assert "Installatiebedrijf Jansen" in overview and "Techniek College Oost" in overview
    assert "Petra" not in overview and "karin@example.org" not in overview
    assert HybridOffer.objects.get().approved_at <= timezone.now()
