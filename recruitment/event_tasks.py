"""The Celery task that sends a sign-up's messages right after the sign-up or cancellation commits. If the broker is
down, the periodic scan (``recruitment.tasks.send_due_reminders``) sends them: the rows are the source of truth."""

import logging

from celery import shared_task

from django.dispatch import receiver

from .delivery import deliver_pending
from .events import delete_past_sign_ups, sign_up_messages_ready
from .tasks import ANONYMISE_TIME_LIMITS, DELIVERY_TIME_LIMITS, MAX_RETRY_COUNTDOWN, BestEffortEnqueueTask

logger = logging.getLogger(__name__)


@shared_task(bind=True, base=BestEffortEnqueueTask, max_retries=8, **DELIVERY_TIME_LIMITS)
def deliver_sign_up_messages(self, sign_up_id):
    """Send the pending messages of one event sign-up; on SMTP or connection errors, retried with a growing delay."""
    report = deliver_pending(sign_up_id=sign_up_id)
    if report.should_retry:
        if self.request.retries >= self.max_retries:
            logger.warning("Giving up retrying sign-up %s; the periodic scan will keep trying", sign_up_id)
        else:
            raise self.retry(countdown=min(report.retry_in or 1, MAX_RETRY_COUNTDOWN))
    return report.sent


@receiver(sign_up_messages_ready, dispatch_uid="recruitment.event_tasks.deliver_after_commit")
def deliver_after_commit(sender, sign_up_id, **kwargs):
    deliver_sign_up_messages.delay_on_commit(sign_up_id)


@shared_task(base=BestEffortEnqueueTask, **ANONYMISE_TIME_LIMITS)
def delete_past_event_sign_ups():
    """Daily: delete the sign-ups of events that took place longer ago than the retention period."""
    count = delete_past_sign_ups()
    if count:
        logger.info("Deleted %s sign-up(s) of events past the retention period", count)
    return count
