"""Introductions in the hybride match: staff introduce a proposed pair with one action, both contact persons get one
e-mail through the outbox (real SMTP, the staff in copy), once however often it is clicked; the periodic scan reminds
the region's staff on the set days until an outcome is logged, and the outcome stops it."""

import datetime as dt

import pytest
import time_machine

from django.utils import timezone

from recruitment.delivery import deliver_pending
from recruitment.hybrid import services
from recruitment.models import HybridNeed, HybridOffer, Introduction, MessageState, OutgoingMessage, RegionAssignment
from recruitment.tasks import send_due_reminders

from .test_hybrid_forms import make_post

pytestmark = pytest.mark.django_db
INTRODUCE = "/admin/hybride-voorstellen/voorstellen/"


@pytest.fixture
def pair(regions, home):
    offer = make_post(
        HybridOffer,
        regions["east"],
        company_name="Oost Elektro",
        contact_name="Petra",
        contact_email="petra@example.org",
    )
    need = make_post(
        HybridNeed, regions["east"], school_name="Oost College", contact_name="Karin", contact_email="karin@example.org"
    )
    return offer, need


def test_staff_introduce_a_pair_once_and_both_get_one_email(client, staff_user, pair, smtp_server, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://techniekdocent.example.org"
    offer, need = pair
    client.force_login(staff_user)
    response = client.post(INTRODUCE, {"offer": offer.pk, "need": need.pk}, follow=True)
    assert "zijn aan elkaar voorgesteld" in response.content.decode()
    again = client.post(INTRODUCE, {"offer": offer.pk, "need": need.pk}, follow=True)
    assert "waren al aan elkaar voorgesteld" in again.content.decode()

    introduction = Introduction.objects.get()
    assert (introduction.offer, introduction.need, introduction.introduced_by) == (offer, need, staff_user)
    assert list(introduction.messages.values_list("kind", flat=True)) == ["hybrid_introduction"]
    assert deliver_pending().sent == 1
    (mail,) = smtp_server.wait_for(1)
    assert mail["message"]["To"] == "petra@example.org, karin@example.org"
    assert mail["message"]["Cc"] == "oost-1@example.org, oost-2@example.org"
    assert sorted(mail["to"]) == sorted(
        ["petra@example.org", "karin@example.org", "oost-1@example.org", "oost-2@example.org"]
    )
    assert mail["message"]["Subject"] == "Kennismaking: Oost Elektro en Oost College"
    body = mail["message"].get_body(("plain",)).get_content()
    assert "Hallo Petra en Karin," in body and "Contactpersoon: Karin, karin@example.org" in body
    assert "maandagochtend, dinsdagmiddag" in body
    assert mail["message"]["Message-ID"].startswith(f"<introduction-{introduction.pk}.message-")

    proposals = client.get("/admin/hybride-voorstellen/").content.decode()
    assert "Oost Elektro" not in proposals, "an introduced pair is no longer proposed"


def test_a_pair_that_does_not_fit_or_is_out_of_reach_is_not_introduced(client, staff_user, editor_user, pair, regions):
    offer, need = pair
    other_field = make_post(HybridNeed, regions["east"], school_name="ICT College", field="ict")
    other_region = make_post(HybridNeed, regions["national"], school_name="Landelijk College")
    client.force_login(staff_user)
    refused = client.post(INTRODUCE, {"offer": offer.pk, "need": other_field.pk}, follow=True)
    assert "passen niet bij elkaar" in refused.content.decode()
    assert client.post(INTRODUCE, {"offer": offer.pk, "need": "x"}).status_code == 404
    assert client.get(INTRODUCE).status_code == 405

    RegionAssignment.objects.create(user=staff_user).regions.set([regions["national"]])
    assert client.post(INTRODUCE, {"offer": offer.pk, "need": other_region.pk}).status_code == 404

    client.force_login(editor_user)
    assert client.post(INTRODUCE, {"offer": offer.pk, "need": need.pk}).status_code in (302, 403)
    assert not Introduction.objects.exists()


def test_staff_are_reminded_until_an_outcome_is_logged(client, staff_user, pair, smtp_server, settings):
    settings.HYBRID_MATCH_REMINDER_DAYS = (7, 14)
    offer, need = pair
    introduction, _created = services.introduce(offer, need, user=staff_user)
    assert send_due_reminders.apply().get()["sent"] == 1  # the introduction itself

    with time_machine.travel(timezone.now() + dt.timedelta(days=6), tick=False):
        assert send_due_reminders.apply().get() == {"planned": 0, "sent": 0, "deferred": 0, "failed": 0}
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1), tick=False):
        assert send_due_reminders.apply().get()["sent"] == 1
        assert send_due_reminders.apply().get()["planned"] == 0, "once per day"
    reminder = smtp_server.wait_for(2)[1]
    assert sorted(reminder["to"]) == ["oost-1@example.org", "oost-2@example.org"]
    assert str(reminder["message"]["Subject"]) == (
        "Herinnering: hoe ging de kennismaking tussen Oost Elektro en Oost College?"
    )
    assert "7 dagen geleden" in reminder["message"].get_body(("plain",)).get_content()

    client.force_login(staff_user)
    page = client.get("/admin/hybride-kennismakingen/").content.decode()
    assert "Oost Elektro en Oost College" in page and "Uitkomst vastleggen" in page
    url = f"/admin/hybride-kennismakingen/{introduction.pk}/uitkomst/"
    prefix = f"uitkomst-{introduction.pk}"
    refused = client.post(url, {f"{prefix}-outcome": "geen-match", f"{prefix}-reason": ""})
    assert "Schrijf op waarom het geen match is." in refused.content.decode()
    done = client.post(url, {f"{prefix}-outcome": "gesprek-gepland"}, follow=True)
    assert "Uitkomst vastgelegd: gesprek gepland." in done.content.decode()
    introduction.refresh_from_db()
    assert introduction.outcome == "gesprek-gepland" and introduction.outcome_by == staff_user

    with time_machine.travel(timezone.now() + dt.timedelta(days=15), tick=False):
        assert send_due_reminders.apply().get() == {"planned": 0, "sent": 0, "deferred": 0, "failed": 0}
    assert len(smtp_server.messages) == 2


def test_a_reminder_planned_before_the_outcome_is_not_sent_after_it(staff_user, pair, smtp_server, settings):
    settings.HYBRID_MATCH_REMINDER_DAYS = (7,)
    introduction, _created = services.introduce(*pair, user=staff_user)
    deliver_pending()
    later = timezone.now() + dt.timedelta(days=8)
    assert services.plan_introduction_reminders(later) == 1
    services.log_outcome(introduction, outcome="afspraak-gemaakt", user=staff_user)
    report = deliver_pending(now=later)
    assert (report.sent, report.skipped) == (0, 1)
    assert OutgoingMessage.objects.get(kind="hybrid_introduction_reminder_day_7").state == MessageState.SKIPPED


def test_planning_the_reminders_takes_a_query_per_day_however_many_introductions(staff_user, regions, home, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.HYBRID_MATCH_REMINDER_DAYS = (7, 14, 21)
    later = timezone.now() + dt.timedelta(days=8)

    def count():
        with CaptureQueriesContext(connection) as captured:
            services.plan_introduction_reminders(later)
        OutgoingMessage.objects.filter(kind__startswith="hybrid_introduction_reminder").delete()
        return len(captured)

    def introduce(number):
        for _ in range(number):
            services.introduce(
                make_post(HybridOffer, regions["east"]), make_post(HybridNeed, regions["east"]), user=staff_user
            )

    introduce(2)
    few = count()
    introduce(30)
    assert count() == few <= 4
