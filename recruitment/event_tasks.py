"""The Celery tasks that send a sign-up's messages right after the sign-up or cancellation commits, and a mailing to
an event's attendees right after staff sent it. If the broker is down, the periodic scan
(``recruitment.tasks.send_due_reminders``) sends them: the rows are the source of truth."""

import logging

from celery import shared_task

from django.dispatch import receiver

from .delivery import deliver_pending
from .events import delete_past_sign_ups, sign_up_messages_ready
from .kinds import EVENT_MAILING, MessageKind
from .models import MessageState, OutgoingMessage
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


@shared_task(bind=True, base=BestEffortEnqueueTask, max_retries=8, **DELIVERY_TIME_LIMITS)
def deliver_event_mailing(self, mailing_id):
    """Send a mailing to each of its recipients (their pending messages, each claimed under its row lock as always,
    so a second run or the periodic scan never sends one twice). A recipient whose message must wait does not hold
    up the others; the task is retried for them with a growing delay."""
    kind = str(MessageKind(EVENT_MAILING, mailing_id))
    recipients = OutgoingMessage.objects.filter(kind=kind, state=MessageState.PENDING).values_list(
        "sign_up_id", flat=True
    )
    sent, retry_in = 0, None
    for sign_up_id in list(recipients):
        report = deliver_pending(sign_up_id=sign_up_id)
        sent += report.sent
        if report.should_retry:
            wait = report.retry_in or 1
            retry_in = wait if retry_in is None else min(retry_in, wait)
    if retry_in is not None:
        if self.request.retries >= self.max_retries:
            logger.warning("Giving up retrying mailing %s; the periodic scan will keep trying", mailing_id)
        else:
            raise self.retry(countdown=min(retry_in, MAX_RETRY_COUNTDOWN))
    return sent


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
