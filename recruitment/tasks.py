"""Celery tasks. They take primary keys, are idempotent, and never trust the broker with the only copy of work:
the database rows are the source of truth, and the periodic scan picks up whatever a lost task left behind."""

import functools
import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask

from django.db import transaction
from django.utils import timezone

from .delivery import deliver_pending, plan_follow_ups
from .services import anonymise_expired

logger = logging.getLogger(__name__)

# A retried send waits at most this long in the broker; after that the periodic scan takes over.
MAX_RETRY_COUNTDOWN = 15 * 60


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


@shared_task(bind=True, base=BestEffortEnqueueTask, max_retries=8)
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


@shared_task(base=BestEffortEnqueueTask)
def send_due_reminders():
    """The periodic scan (celery beat, a fixed interval): create the reminders and warnings that are due, then send
    every pending message, including any that never went out because the broker or the mail server was down."""
    now = timezone.now()
    planned = plan_follow_ups(now)
    report = deliver_pending(now=now)
    if planned or report.sent or report.deferred or report.failed:
        logger.info("Scan: %s planned, %s sent, %s deferred, %s failed, %s skipped",
                    planned, report.sent, report.deferred, report.failed, report.skipped)
    return {"planned": planned, "sent": report.sent, "deferred": report.deferred, "failed": report.failed}


@shared_task(base=BestEffortEnqueueTask)
def anonymise_expired_registrations():
    """Daily: erase the personal data of registrations closed longer ago than the retention period."""
    count = anonymise_expired()
    if count:
        logger.info("Anonymised %s registration(s) past the retention period", count)
    return count
