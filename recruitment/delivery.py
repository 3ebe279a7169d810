"""Sending the messages about registrations, each exactly once.

Every message is a row (``OutgoingMessage``, unique per registration and kind) before it is sent. A sender claims
one pending row at a time with ``SELECT ... FOR UPDATE SKIP LOCKED``, sends it while holding the lock, and records
the outcome in the same transaction. Two workers, a retried task and the periodic scan can all run at once: each
row is sent by exactly one of them, and a row that could not be sent stays pending for the next try."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone

from .emails import build_email
from .models import MessageState, OutgoingMessage, Registration, Status
from .schedule import CONFIRMATION, STAFF_NOTIFICATION, follow_up_windows, is_follow_up_kind

logger = logging.getLogger(__name__)



@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    deferred: int = 0
    retry_in: float | None = None

    @property
    def should_retry(self):
        return self.deferred > 0


def backoff(attempts):
    """Seconds to wait after the given number of failed attempts: doubling, capped."""
    seconds = settings.RECRUITMENT_SEND_RETRY_BACKOFF * 2 ** max(attempts - 1, 0)
    return min(seconds, settings.RECRUITMENT_SEND_RETRY_BACKOFF_MAX)


def is_permanent(error):
    """A 5xx refusal of every recipient will not change by trying again; anything else might."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _ in error.recipients.values())
    return False


def is_connection_error(error):
    """The mail server (or the way to it) is unavailable, so the next message would fail too."""
    if isinstance(error, (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def still_wanted(message, registration):
    if registration.status == Status.WITHDRAWN or registration.erased_at:
        return False
    if is_follow_up_kind(message.kind):
        return registration.status == Status.NEW
    return True


def plan_follow_ups(now=None):
    """Create the pending row for each reminder or warning that is due now. Returns how many were new.

    One query per kind that can be due (the reminder days, and the weekly warnings back to the oldest open
    registration), each asking only for registrations in its window that do not have that message yet: the work
    does not grow with the number of registrations, only with how many messages are due."""
    now = now or timezone.now()
    awaiting = Registration.objects.awaiting_contact().order_by()
    oldest = awaiting.aggregate(oldest=Min("created_at"))["oldest"]
    if oldest is None:
        return 0
    new = []
    for kind, lower, upper in follow_up_windows(now, oldest):
        due = (
            awaiting.filter(created_at__gt=lower, created_at__lte=upper)
            .exclude(Exists(OutgoingMessage.objects.filter(registration=OuterRef("pk"), kind=kind)))
            .values_list("pk", flat=True)
        )
        new += [OutgoingMessage(registration_id=pk, kind=kind, created_at=now, next_attempt_at=now) for pk in due]
    # A concurrent scan may create the same rows: the unique constraint keeps one of each.
    OutgoingMessage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def deliver_pending(*, registration_id=None, now=None):
    """Send every pending message that is due (of one registration, or all), each claimed under a row lock."""
    now = now or timezone.now()
    report = DeliveryReport()
    while True:
        with transaction.atomic():
            pending = OutgoingMessage.objects.select_for_update(skip_locked=True).filter(
                state=MessageState.PENDING, next_attempt_at__lte=now
            )
            if registration_id is not None:
                pending = pending.filter(registration_id=registration_id)
            message = pending.order_by("next_attempt_at", "pk").first()
            if message is None:
                break
            error = _deliver(message, report)
        if error is not None and is_connection_error(error):
            break  # the mail server is unreachable: the rest waits for the retry or the next scan
    if registration_id is not None:
        # Rows of this registration that wait for a later attempt (left by an earlier failure) also need a retry.
        waiting = OutgoingMessage.objects.filter(
            registration_id=registration_id, state=MessageState.PENDING
        ).order_by("next_attempt_at").first()
        if waiting:
            report.deferred = max(report.deferred, 1)
            report.retry_in = max((waiting.next_attempt_at - timezone.now()).total_seconds(), 1)
    return report


def _deliver(message, report):
    registration = Registration.objects.select_related("region").get(pk=message.registration_id)
    if not still_wanted(message, registration):
        message.state = MessageState.SKIPPED
        message.save(update_fields=["state"])
        report.skipped += 1
        return None
    email = build_email(message.kind, registration)
    if email is None:
        message.state = MessageState.FAILED
        message.last_error = "Geen ontvanger: stel e-mailadressen in bij de regio of in de site-instellingen."
        message.save(update_fields=["state", "last_error"])
        logger.error("No recipient for %s of registration %s", message.kind, registration.pk)
        report.failed += 1
        return None
    message.attempts += 1
    try:
        email.send()
    except (smtplib.SMTPException, OSError) as error:
        message.last_error = f"{type(error).__name__}: {error}"[:1000]
        if is_permanent(error):
            message.state = MessageState.FAILED
            report.failed += 1
            logger.error("Permanent failure sending %s for registration %s: %s", message.kind, registration.pk, error)
        else:
            delay = backoff(message.attempts)
            message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
            report.deferred += 1
            report.retry_in = min(report.retry_in or delay, delay)
            logger.warning("Could not send %s for registration %s (attempt %s), retrying in %ss: %s",
                           message.kind, registration.pk, message.attempts, delay, error)
        message.save(update_fields=["state", "attempts", "last_error", "next_attempt_at"])
        return error
    sent_at = timezone.now()
    message.state = MessageState.SENT
    message.sent_at = sent_at
    message.recipients = ", ".join(email.to + email.cc)
    message.last_error = ""
    message.save(update_fields=["state", "attempts", "sent_at", "recipients", "last_error"])
    stamp = {STAFF_NOTIFICATION: "notified_at", CONFIRMATION: "confirmed_at"}.get(message.kind)
    if stamp:
        Registration.objects.filter(pk=registration.pk).update(**{stamp: sent_at})
    report.sent += 1
    return None
