"""Celery tasks. They take primary keys, are idempotent, and never trust the broker with the only copy of work:
the database rows are the source of truth, and the periodic scan picks up whatever a lost task left behind."""

import functools
import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .delivery import deliver_pending, plan_follow_ups
from .event_schedule import plan_event_messages
from .hybrid.services import (
    delete_past,
    delete_unconfirmed,
    hybrid_messages_ready,
    plan_introduction_reminders,
    plan_renewal_requests,
)
from .services import anonymise_expired
from .signals import messages_ready

logger = logging.getLogger(__name__)

# A retried send waits at most this long in the broker; after that the periodic scan takes over.
MAX_RETRY_COUNTDOWN = 15 * 60

# Time limits (seconds; soft: SoftTimeLimitExceeded in the task, hard: the worker process is killed). Each message
# is sent in its own transaction, so a task stopped mid-way leaves the message pending for the next scan; nothing
# is lost. One registration's messages: a few SMTP sessions of at most EMAIL_TIMEOUT each. The scan: ends before
# the next scan starts (RECRUITMENT_SCAN_INTERVAL_MINUTES, 5). The nightly anonymisation: generous, it runs alone.
DELIVERY_TIME_LIMITS = {"soft_time_limit": 2 * 60, "time_limit": 3 * 60}
SCAN_TIME_LIMITS = {"soft_time_limit": 4 * 60, "time_limit": 4 * 60 + 30}
ANONYMISE_TIME_LIMITS = {"soft_time_limit": 10 * 60, "time_limit": 12 * 60}


class BestEffortEnqueueTask(DjangoTask):
    """``delay_on_commit`` that never breaks or hangs the request: when the broker is down (the connection and socket
    timeouts in the broker settings bound the wait), the failure is logged and the work is left to the scan."""

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(functools.partial(self.enqueue_or_leave_to_scan, *args, **kwargs))

    def enqueue_or_leave_to_scan(self, *args, **kwargs):
        try:
            return self.apply_async(args, kwargs, retry=False)
        except Exception:  # any broker failure: the database row stays pending and the next scan sends it
            logger.warning("Could not enqueue %s%r; the next scan will do it", self.name, args, exc_info=True)
            return None


@shared_task(bind=True, base=BestEffortEnqueueTask, max_retries=8, **DELIVERY_TIME_LIMITS)
def deliver_registration_messages(self, registration_id):
    """Send the pending messages of one registration (the staff notification and the confirmation after posting).
    On SMTP or connection errors, retried with a growing delay."""
    report = deliver_pending(registration_id=registration_id)
    if report.should_retry:
        if self.request.retries >= self.max_retries:
            logger.warning("Giving up retrying registration %s; the periodic scan will keep trying", registration_id)
        else:
            raise self.retry(countdown=min(report.retry_in or 1, MAX_RETRY_COUNTDOWN))
    return report.sent


@receiver(messages_ready, dispatch_uid="recruitment.tasks.deliver_after_commit")
def deliver_after_commit(sender, registration_id, **kwargs):
    """The services stored new messages for a registration: send them from the worker once the transaction commits
    (if the broker is down, the periodic scan sends them)."""
    deliver_registration_messages.delay_on_commit(registration_id)


HYBRID_OWNERS = ("offer", "need", "introduction")


@shared_task(bind=True, base=BestEffortEnqueueTask, max_retries=8, **DELIVERY_TIME_LIMITS)
def deliver_hybrid_messages(self, owner, pk):
    """Send the pending messages about one hybrid offer, need or introduction (``owner``: "offer", "need" or
    "introduction"; ``pk``: its primary key). On SMTP or connection errors, retried with a growing delay."""
    if owner not in HYBRID_OWNERS:
        raise ValueError(f"not a hybrid owner: {owner!r}")
    report = deliver_pending(**{f"{owner}_id": pk})
    if report.should_retry:
        if self.request.retries >= self.max_retries:
            logger.warning("Giving up retrying %s %s; the periodic scan will keep trying", owner, pk)
        else:
            raise self.retry(countdown=min(report.retry_in or 1, MAX_RETRY_COUNTDOWN))
    return report.sent


@receiver(hybrid_messages_ready, dispatch_uid="recruitment.tasks.deliver_hybrid_after_commit")
def deliver_hybrid_after_commit(sender, owner, pk, **kwargs):
    deliver_hybrid_messages.delay_on_commit(owner, pk)


@shared_task(base=BestEffortEnqueueTask, **SCAN_TIME_LIMITS)
def send_due_reminders():
    """The periodic scan (celery beat, a fixed interval): create the reminders and warnings that are due (also the
    messages before and after an event), then send every pending message, including any that never went out because
    the broker or the mail server was down."""
    now = timezone.now()
    planned = plan_follow_ups(now)
    planned += plan_event_messages(now)  # the event reminders, video links and messages after events that are due
    planned += plan_introduction_reminders(now)  # reminders about hybrid introductions without an outcome
    planned += plan_renewal_requests(now)  # hybrid offers and needs about to expire: their contact renews them
    report = deliver_pending(now=now)
    if planned or report.sent or report.deferred or report.failed:
        logger.info(
            "Scan: %s planned, %s sent, %s deferred, %s failed, %s skipped",
            planned,
            report.sent,
            report.deferred,
            report.failed,
            report.skipped,
        )
    return {"planned": planned, "sent": report.sent, "deferred": report.deferred, "failed": report.failed}


@shared_task(base=BestEffortEnqueueTask, **ANONYMISE_TIME_LIMITS)
def anonymise_expired_registrations():
    """Daily: erase the personal data of registrations closed longer ago than the retention period."""
    count = anonymise_expired()
    if count:
        logger.info("Anonymised %s registration(s) past the retention period", count)
    return count


@shared_task(base=BestEffortEnqueueTask, **ANONYMISE_TIME_LIMITS)
def delete_unconfirmed_hybrid_posts():
    """Daily: delete the hybrid offers and needs whose contact person never confirmed them."""
    count = delete_unconfirmed()
    if count:
        logger.info("Deleted %s unconfirmed hybrid offer(s) and need(s)", count)
    return count


@shared_task(base=BestEffortEnqueueTask, **ANONYMISE_TIME_LIMITS)
def delete_past_hybrid_posts():
    """Daily: delete the hybrid offers and needs that expired or were rejected longer ago than the retention period."""
    count = delete_past()
    if count:
        logger.info("Deleted %s hybrid offer(s) and need(s) past the retention period", count)
    return count
