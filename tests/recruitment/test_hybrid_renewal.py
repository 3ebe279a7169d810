"""Offers and needs expire: before that, the periodic scan asks the contact person once (through the outbox, real
SMTP) to renew; the link renews it only after a button press; a renewed post is asked again before its new date,
and an expired one leaves the overview; expired and rejected posts are deleted after the retention period."""

import datetime as dt
import re

import pytest
import time_machine

from django.utils import timezone

from recruitment.hybrid import services
from recruitment.models import HybridNeed, HybridOffer, HybridStatus, MessageState, OutgoingMessage
from recruitment.tasks import send_due_reminders

from .test_hybrid_forms import make_post

pytestmark = pytest.mark.django_db


def renewal_link(mail):
    text = mail["message"].get_body(("plain",)).get_content()
    return re.search(r"http://testserver(/hybride-match/verlengen/\S+/)", text).group(1)


def test_the_contact_is_asked_once_to_renew_and_the_link_renews_after_the_button(
    client, regions, home, smtp_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    settings.HYBRID_MATCH_RENEWAL_NOTICE_DAYS, settings.HYBRID_MATCH_VALID_DAYS = 14, 182
    now = timezone.now()
    need = make_post(
        HybridNeed,
        regions["east"],
        school_name="Oost College",
        contact_email="karin@example.org",
        expires_at=now + dt.timedelta(days=20),
    )
    make_post(HybridOffer, regions["east"], status=HybridStatus.REJECTED)

    assert send_due_reminders.apply().get()["planned"] == 0
    with time_machine.travel(now + dt.timedelta(days=7), tick=False):
        assert send_due_reminders.apply().get()["sent"] == 1
        assert send_due_reminders.apply().get()["planned"] == 0, "once per expiry date"
    (mail,) = smtp_server.wait_for(1)
    assert mail["to"] == ["karin@example.org"]
    assert str(mail["message"]["Subject"]) == "Verleng je vraag voor de hybride match: Oost College"
    path = renewal_link(mail)
    assert path == f"/hybride-match/verlengen/vraag/{need.renew_token}/"

    page = client.get(path)
    assert page.status_code == 200 and "Ja, verleng mijn vraag" in page.content.decode()
    need.refresh_from_db()
    assert need.expires_at == now + dt.timedelta(days=20), "opening the link renews nothing"
    with time_machine.travel(now + dt.timedelta(days=8), tick=False):
        done = client.post(path)
    assert "Bedankt, het is verlengd" in done.content.decode()
    need.refresh_from_db()
    assert need.expires_at == now + dt.timedelta(days=8 + 182)

    # Before the new date, asked again (a new expiry date is a new request).
    with time_machine.travel(need.expires_at - dt.timedelta(days=3), tick=False):
        assert send_due_reminders.apply().get()["sent"] == 1
    assert need.messages.filter(kind__startswith="hybrid_renewal_").count() == 2


def test_an_expired_post_leaves_the_overview_and_a_stale_request_is_not_sent(client, regions, home, smtp_server):
    now = timezone.now()
    offer = make_post(
        HybridOffer, regions["east"], company_name="Bijna Verlopen", expires_at=now + dt.timedelta(days=5)
    )
    assert services.plan_renewal_requests(now) == 1
    assert services.renew(offer, now=now)  # renewed another way before the request went out
    with time_machine.travel(now + dt.timedelta(minutes=1), tick=False):
        report = send_due_reminders.apply().get()
    assert report["sent"] == 0
    assert OutgoingMessage.objects.get(offer=offer).state == MessageState.SKIPPED

    gone = make_post(HybridOffer, regions["east"], company_name="Al Weg", expires_at=now - dt.timedelta(seconds=1))
    assert "Al Weg" not in client.get("/hybride-match/").content.decode()
    assert services.plan_renewal_requests(now) == 0, "an expired post is not asked"
    assert "Bijna Verlopen" in client.get("/hybride-match/").content.decode()
    assert gone.messages.count() == 0


def test_a_link_for_a_post_that_is_not_approved_does_not_renew(client, regions, home):
    rejected = make_post(HybridNeed, regions["east"], status=HybridStatus.REJECTED)
    assert client.post(f"/hybride-match/verlengen/vraag/{rejected.renew_token}/").status_code == 404
    assert client.get(f"/hybride-match/verlengen/aanbod/{rejected.renew_token}/").status_code == 404
    assert client.get("/hybride-match/verlengen/vraag/te-kort/").status_code == 404
    assert not services.renew(rejected)


def test_posts_expired_or_rejected_longer_ago_than_the_retention_period_are_deleted(
    staff_user, regions, home, settings
):
    from recruitment.tasks import delete_past_hybrid_posts

    settings.RECRUITMENT_RETENTION_MONTHS = 12
    now = timezone.now()
    old = make_post(HybridOffer, regions["east"], expires_at=now - dt.timedelta(days=370))
    old_need = make_post(HybridNeed, regions["east"], expires_at=now - dt.timedelta(days=370))
    services.introduce(old, old_need, user=staff_user)
    rejected = make_post(
        HybridNeed, regions["east"], status=HybridStatus.REJECTED, approved_at=now - dt.timedelta(days=400)
    )
    recent = make_post(HybridOffer, regions["east"], expires_at=now - dt.timedelta(days=300))
    public = make_post(HybridNeed, regions["east"])

    assert delete_past_hybrid_posts.apply().get() == 3
    assert list(HybridOffer.objects.values_list("pk", flat=True)) == [recent.pk]
    assert list(HybridNeed.objects.values_list("pk", flat=True)) == [public.pk]
    assert not OutgoingMessage.objects.filter(introduction__isnull=False).exists()
    assert rejected.pk not in HybridNeed.objects.values_list("pk", flat=True)
