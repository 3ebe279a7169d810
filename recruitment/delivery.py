"""Sending the messages about registrations: each at most once per (registration, kind), and one bad message never
stops the others.

Every message is a row (``OutgoingMessage``, unique per registration and kind) before it is sent. A sender claims
one pending row at a time with ``SELECT ... FOR UPDATE SKIP LOCKED``, sends it while holding the lock, and records
the outcome in the same transaction. Two workers, a retried task and the periodic scan can all run at once: each
row is sent by one of them. Whatever goes wrong with one message (a refused or unsendable address, a broken
template, a row the database cannot read) is recorded on that row: the attempt, the error, the next attempt after a
growing pause, and after ``RECRUITMENT_SEND_MAX_ATTEMPTS`` the state "failed" and a warning to the coordinator (of
the registration's region, or of the regions of the event a sign-up is for). Then the round goes on with the next
message. Only an unreachable mail server ends a round early, since every other message would fail the same way.

A worker killed after the mail server accepted a message but before the commit sends it again on the next try (at
least once, never silently lost); every attempt carries the same Message-ID, so it is recognisably one message."""

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone

from .emails import build_email, build_hybrid_email, build_sign_up_email
from .kinds import (
    DELIVERY_FAILURE,
    EVENT_CANCELLED,
    EVENT_DELIVERY_FAILURE,
    EVENT_MAILING,
    EVENT_MISSED,
    EVENT_REMINDER,
    EVENT_THANKS,
    EVENT_VIDEO_LINK,
    EVENT_WAITING,
    FAILURE_WARNINGS,
    HYBRID_CONFIRM,
    HYBRID_DELIVERY_FAILURE,
    HYBRID_INTRODUCTION,
    HYBRID_INTRODUCTION_REMINDER,
    HYBRID_RENEWAL,
    HYBRID_STAFF_NOTIFICATION,
    NEXT_ACTION_REMINDER,
    PERSONAL_PAGE_LINK,
    RESUBMISSION_CHECK,
    Audience,
    MessageKind,
)
from .models import (
    MESSAGE_OWNERS,
    EventSignUp,
    HybridNeed,
    HybridOffer,
    HybridStatus,
    Introduction,
    MailingAudience,
    MessageState,
    OutgoingMessage,
    Registration,
    SignUpStatus,
    Status,
)
from .schedule import due_follow_up_kind, follow_up_windows, next_action_due_at

logger = logging.getLogger(__name__)

NO_RECIPIENT = "Geen ontvanger: stel e-mailadressen in bij de regio of in de site-instellingen."


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


ADDRESS_RE = re.compile(r"<?[^\s<>@]+@[^\s<>]+>?")


def describe(error):
    """The error for staff and logs, without the addresses that SMTP errors quote."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = {f"{code} {reply.decode(errors='replace')}" for code, reply in error.recipients.values()}
        text = "; ".join(sorted(replies))
    elif isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = f"{error.smtp_code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
    else:
        return type(error).__name__  # other errors may quote an address anywhere: only their type is kept
    return f"{type(error).__name__}: {ADDRESS_RE.sub('<adres>', text).strip()}"[:1000]


def still_wanted(kind, registration):
    if registration.status == Status.WITHDRAWN or registration.erased_at:
        return False
    if kind.stops_on_contact:
        return registration.status == Status.NEW
    if kind.family is PERSONAL_PAGE_LINK:  # only while the link can work: an open registration, not erased
        return bool(registration.withdrawal_token) and registration.status in (Status.NEW, Status.CONTACTED)
    if kind.family is RESUBMISSION_CHECK:
        resubmission = registration.resubmissions.filter(pk=kind.number).first()
        return resubmission is not None and resubmission.is_usable()
    if kind.family is NEXT_ACTION_REMINDER:  # not when staff moved the date, or the candidate stopped meanwhile
        return registration.status == Status.CONTACTED and registration.next_action_on == kind.next_action_on
    return True


def sign_up_message_still_wanted(kind, sign_up):
    """A sign-up's message is not sent once it no longer says what is true: a confirmation or promotion after the
    cancellation, a waiting-list notice after the promotion, a reminder or video link once the event has started
    (or the event is no longer online), a thank-you or "sorry we missed you" once the attendance says otherwise.
    A warning to staff that one of its messages failed is always sent."""
    if kind.family is EVENT_DELIVERY_FAILURE:
        return True
    if kind.family is EVENT_CANCELLED:
        return sign_up.status == SignUpStatus.CANCELLED
    if kind.family is EVENT_WAITING:
        return sign_up.status == SignUpStatus.WAITING
    if kind.family is EVENT_THANKS:
        return sign_up.attended_at is not None and sign_up.status != SignUpStatus.CANCELLED
    if kind.family is EVENT_MISSED:
        return sign_up.status == SignUpStatus.CONFIRMED and sign_up.attended_at is None
    if kind.family is EVENT_MAILING:  # to whom the mailing was for, as they are now (not after they cancelled)
        mailing = sign_up.event.mailings.filter(pk=kind.number).first()
        if mailing is None:
            return False
        if mailing.audience == MailingAudience.ATTENDED:
            return sign_up.attended_at is not None
        return sign_up.status == SignUpStatus.CONFIRMED
    if kind.family in (EVENT_REMINDER, EVENT_VIDEO_LINK):  # about the event to come: nothing once it has started
        if timezone.now() >= sign_up.event.starts_at:
            return False
        if kind.family is EVENT_VIDEO_LINK and not (sign_up.event.online and sign_up.event.video_link):
            return False
    return sign_up.status == SignUpStatus.CONFIRMED


def hybrid_message_still_wanted(kind, subject):
    """A message about a hybrid offer or need, or an introduction, is not sent once it no longer says what is true:
    the request to confirm once it was confirmed, the request to approve once staff decided, the request to renew
    once it was renewed or has expired, a reminder about an
    introduction once its outcome is logged. The introduction itself, and a warning that a message failed, are
    always sent."""
    if kind.family is HYBRID_DELIVERY_FAILURE:
        return True
    if isinstance(subject, Introduction):
        if kind.family is HYBRID_INTRODUCTION:
            return True
        return kind.family is HYBRID_INTRODUCTION_REMINDER and not subject.outcome
    status = getattr(subject, "status", None)  # an introduction has none
    if kind.family is HYBRID_CONFIRM:
        return status == HybridStatus.UNCONFIRMED
    if kind.family is HYBRID_STAFF_NOTIFICATION:
        return status == HybridStatus.CONFIRMED
    if kind.family is HYBRID_RENEWAL:  # only while it is public with the expiry date the request is about
        return subject.is_public() and timezone.localdate(subject.expires_at).toordinal() == kind.number
    return False


def plan_follow_ups(now=None):
    """Create the pending row for each reminder or warning that is due now. Returns how many were new.

    One query per kind that can be due (the reminder days, and the weekly warnings back to the oldest open
    registration, up to the last one), each asking only for registrations in its window that do not have that
    message yet: the work does not grow with the number of registrations, only with how many messages are due."""
    now = now or timezone.now()
    awaiting = Registration.objects.awaiting_contact().order_by()
    oldest = awaiting.aggregate(oldest=Min("created_at"))["oldest"]
    new = []
    for kind, lower, upper in follow_up_windows(now, oldest) if oldest is not None else ():
        candidates = (
            awaiting.filter(created_at__gte=lower, created_at__lt=upper)
            .exclude(Exists(OutgoingMessage.objects.filter(registration=OuterRef("pk"), kind=kind)))
            .values_list("pk", "created_at")
        )
        new += [
            OutgoingMessage(registration_id=pk, kind=kind, created_at=now, next_attempt_at=now)
            for pk, created_at in candidates
            if due_follow_up_kind(created_at, now) == kind  # the windows are exact; this keeps it so if one is not
        ]
    new += plan_next_action_reminders(now)
    # A concurrent scan may create the same rows: the unique constraint keeps one of each.
    OutgoingMessage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def plan_next_action_reminders(now):
    """The unsaved rows for the next-action dates that have come (on a working day, from the morning's hour on),
    once per registration and date."""
    rows = []
    due = (
        Registration.objects.filter(status=Status.CONTACTED, next_action_on__lte=timezone.localdate(now))
        .order_by()
        .values_list("pk", "next_action_on")
    )
    for pk, day in due:
        if next_action_due_at(day) <= now:
            rows.append(
                OutgoingMessage(
                    registration_id=pk,
                    kind=str(MessageKind(NEXT_ACTION_REMINDER, day.toordinal())),
                    created_at=now,
                    next_attempt_at=now,
                )
            )
    existing = set(
        OutgoingMessage.objects.filter(
            registration_id__in=[row.registration_id for row in rows], kind__startswith=NEXT_ACTION_REMINDER.stored
        ).values_list("registration_id", "kind")
    )
    return [row for row in rows if (row.registration_id, row.kind) not in existing]


def deliver_pending(*, now=None, **owner):
    """Send every pending message that is due (all of them, or those of one owner: ``registration_id=``,
    ``sign_up_id=``, ``offer_id=``, ``need_id=`` or ``introduction_id=``), each claimed under a row lock."""
    now = now or timezone.now()
    owner = {field: pk for field, pk in owner.items() if pk is not None}
    unknown = set(owner) - {f"{field}_id" for field in MESSAGE_OWNERS}
    if unknown:
        raise TypeError(f"deliver_pending() got unknown owners {sorted(unknown)}")
    report = DeliveryReport()
    while True:
        with transaction.atomic():
            pending = OutgoingMessage.objects.select_for_update(skip_locked=True).filter(
                state=MessageState.PENDING, next_attempt_at__lte=now, **owner
            )
            message = pending.order_by("next_attempt_at", "pk").first()
            if message is None:
                break
            error = _deliver(message, report, now)
        if error is not None and is_connection_error(error):
            break  # the mail server is unreachable: the rest waits for the retry or the next scan
    if owner:
        # Rows of this owner that wait for a later attempt (left by an earlier failure) also need a retry.
        waiting = (
            OutgoingMessage.objects.filter(**owner, state=MessageState.PENDING).order_by("next_attempt_at").first()
        )
        if waiting:
            report.deferred = max(report.deferred, 1)
            report.retry_in = max((waiting.next_attempt_at - timezone.now()).total_seconds(), 1)
    return report


def _deliver(message, report, now):
    """Try one claimed message and record the outcome on its row. Returns the error, if any."""
    try:
        with transaction.atomic():  # a savepoint: a database error in here leaves the row's lock and record usable
            kind = MessageKind.parse(message.kind)
            field, _pk = message.owner
            outcome, email = SENDERS[field](message, kind)
    except LookupError:  # what the message was about is gone (a resubmission erased with its registration)
        outcome, email = MessageState.SKIPPED, None
    except SoftTimeLimitExceeded:  # the task's time is up: the message stays pending for the next scan
        raise
    except Exception as error:  # any failure of one message is recorded on it, and the round goes on
        _record_failure(message, error, report, now)
        return error

    if outcome == MessageState.SKIPPED:
        message.state = MessageState.SKIPPED
        message.save(update_fields=["state"])
        report.skipped += 1
    elif outcome == MessageState.FAILED:
        _fail(message, NO_RECIPIENT, report, now)
    else:
        message.attempts += 1
        message.state = MessageState.SENT
        message.sent_at = timezone.now()
        message.recipients = ", ".join(email.to + email.cc)
        message.last_error = ""
        message.save(update_fields=["state", "attempts", "sent_at", "recipients", "last_error"])
        if kind.family.stamp and message.registration_id is not None:
            Registration.objects.filter(pk=message.registration_id).update(**{kind.family.stamp: message.sent_at})
        report.sent += 1
    return None


def _send_registration_message(message, kind):
    """Send one claimed message about a registration (inside ``_deliver``'s savepoint): ``(outcome, email)``."""
    registration = Registration.objects.select_related("region", "assigned_to").get(pk=message.registration_id)
    if not still_wanted(kind, registration):
        return MessageState.SKIPPED, None
    email = build_email(kind, registration, message_id=message.message_id)
    if email is None:
        return MessageState.FAILED, None
    email.send()
    return MessageState.SENT, email


def _send_sign_up_message(message, kind):
    """Send one claimed message about an event sign-up (inside ``_deliver``'s savepoint): ``(outcome, email)``. A
    message to an attendee who gave no address (a walk-in) is skipped; a warning to staff with nobody to send it to
    has failed, as a registration's message does."""
    sign_up = EventSignUp.objects.select_related("event").get(pk=message.sign_up_id)
    if not kind.family.about_sign_up or not sign_up_message_still_wanted(kind, sign_up):
        return MessageState.SKIPPED, None
    email = build_sign_up_email(kind, sign_up, message_id=message.message_id)
    if email is None:
        return (MessageState.SKIPPED if kind.family.audience == Audience.ATTENDEE else MessageState.FAILED), None
    email.send()
    return MessageState.SENT, email


def _send_hybrid_message(message, kind):
    """Send one claimed message about a hybrid offer or need, or an introduction between the two (inside
    ``_deliver``'s savepoint): ``(outcome, email)``. Nobody to send it to has failed, as a registration's message
    does."""
    field, pk = message.owner
    subject = HYBRID_SUBJECTS[field]().get(pk=pk)
    if not kind.family.about_hybrid or not hybrid_message_still_wanted(kind, subject):
        return MessageState.SKIPPED, None
    email = build_hybrid_email(kind, subject, message_id=message.message_id)
    if email is None:
        return MessageState.FAILED, None
    email.send()
    return MessageState.SENT, email


# What a hybrid message is about, read with what its e-mail needs.
HYBRID_SUBJECTS = {
    "offer": lambda: HybridOffer.objects.select_related("region"),
    "need": lambda: HybridNeed.objects.select_related("region"),
    "introduction": lambda: Introduction.objects.select_related("offer__region", "need__region"),
}


# How a message is sent, by what it is about (``OutgoingMessage.owner``).
SENDERS = {
    "registration": _send_registration_message,
    "sign_up": _send_sign_up_message,
    "offer": _send_hybrid_message,
    "need": _send_hybrid_message,
    "introduction": _send_hybrid_message,
}


def _owner(message):
    """What a message is about, for the logs (by id, never by address)."""
    field, pk = message.owner
    return f"{field.replace('_', '-')} {pk}"


def _record_failure(message, error, report, now):
    message.attempts += 1
    description = describe(error)
    if is_permanent(error) or message.attempts >= settings.RECRUITMENT_SEND_MAX_ATTEMPTS:
        _fail(message, description, report, now)
        return
    delay = backoff(message.attempts)
    message.last_error = description
    message.next_attempt_at = timezone.now() + timedelta(seconds=delay)
    message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    report.deferred += 1
    report.retry_in = min(report.retry_in or delay, delay)
    logger.warning(
        "Could not send message %s (%s) of %s, attempt %s, retrying in %ss: %s",
        message.pk,
        message.kind,
        _owner(message),
        message.attempts,
        delay,
        description,
    )


def _fail(message, description, report, now):
    """Give up on a message, and warn the coordinator (or, for a sign-up's message, the coordinators of the event's
    regions), unless this was that warning."""
    message.state = MessageState.FAILED
    message.last_error = description
    message.save(update_fields=["state", "attempts", "last_error"])
    report.failed += 1
    logger.error(
        "Gave up on message %s (%s) of %s after %s attempt(s): %s",
        message.pk,
        message.kind,
        _owner(message),
        message.attempts,
        description,
    )
    warning = _failure_warning(message, now)
    if warning is not None:  # a concurrent failure of the same message plans it too: the unique constraint keeps one
        OutgoingMessage.objects.bulk_create([warning], ignore_conflicts=True)


# The warning that one of an owner's messages failed, as a message about the same owner.
WARNING_FAMILIES = {
    "registration": DELIVERY_FAILURE,
    "sign_up": EVENT_DELIVERY_FAILURE,
    "offer": HYBRID_DELIVERY_FAILURE,
    "need": HYBRID_DELIVERY_FAILURE,
    "introduction": HYBRID_DELIVERY_FAILURE,
}


def _failure_warning(message, now):
    """The unsaved warning that a message was given up on: to the coordinator of the registration's region, or to
    the coordinators of the sign-up's event (a row about the same sign-up, never sent to the attendee). None when
    the failed message was such a warning itself, so a failing warning does not warn again."""
    try:
        family = MessageKind.parse(message.kind).family
    except ValueError:  # a kind no family knows: still worth a warning
        family = None
    if family in FAILURE_WARNINGS:
        return None
    field, pk = message.owner
    warning_family = WARNING_FAMILIES.get(field, DELIVERY_FAILURE)
    owner = {f"{field}_id": pk}
    return OutgoingMessage(
        **owner, kind=str(MessageKind(warning_family, message.pk)), created_at=now, next_attempt_at=now
    )
