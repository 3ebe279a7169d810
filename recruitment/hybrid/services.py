"""What happens to a hybrid offer or need: posted, confirmed by its contact person, approved or rejected by staff,
deleted when never confirmed; and to an introduction between the two: made by staff (one message to both), the
region's staff reminded until its outcome is logged. Each in one transaction; the messages it causes are
``OutgoingMessage`` rows written in the same transaction (unique per owner and kind) and sent after the commit by
the outbox (recruitment/delivery.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.dispatch import Signal
from django.utils import timezone

from routes.models import Region

from ..kinds import (
    HYBRID_CONFIRM,
    HYBRID_INTRODUCTION,
    HYBRID_INTRODUCTION_REMINDER,
    HYBRID_RENEWAL,
    HYBRID_STAFF_NOTIFICATION,
    MessageKind,
)
from ..models import HybridNeed, HybridOffer, HybridStatus, Introduction, OutgoingMessage
from ..services import months_before

# Sent inside the transaction that stored new messages about an offer or need (keyword arguments ``owner``,
# "offer" or "need", and ``pk``); recruitment/tasks.py enqueues their delivery once the transaction commits.
hybrid_messages_ready = Signal()

# The fields of the two forms that are stored as they are (the rest: region from the postcode, consent).
COMMON_FIELDS = (
    "field",
    "hours_per_week",
    "day_parts",
    "available_from",
    "description",
    "postcode",
    "contact_name",
    "contact_email",
    "contact_phone",
)
OFFER_FIELDS = (*COMMON_FIELDS, "company_name")
NEED_FIELDS = (*COMMON_FIELDS, "school_name", "school_type", "vmbo_profile", "mbo_programme")


def owner_field(subject):
    """The ``OutgoingMessage`` field the messages about an offer, a need or an introduction hang on."""
    if isinstance(subject, Introduction):
        return "introduction"
    return "offer" if isinstance(subject, HybridOffer) else "need"


def queue(post, family, now):
    """One message of this family about the post (at most once: the unique constraint keeps the first)."""
    field = owner_field(post)
    OutgoingMessage.objects.bulk_create(
        [OutgoingMessage(**{field: post}, kind=str(MessageKind(family)), created_at=now, next_attempt_at=now)],
        ignore_conflicts=True,
    )
    hybrid_messages_ready.send(sender=type(post), owner=field, pk=post.pk)


def submit(model, data, *, consent_version="", now=None):
    """Store a posted offer (``HybridOffer``) or need (``HybridNeed``) from its form's cleaned data, unconfirmed,
    and ask its contact person to confirm it by e-mail."""
    now = now or timezone.now()
    fields = OFFER_FIELDS if model is HybridOffer else NEED_FIELDS
    with transaction.atomic():
        post = model.objects.create(
            **{field: data.get(field) for field in fields if data.get(field) is not None},
            region=Region.for_postcode(data.get("postcode") or ""),
            created_at=now,
            consented_at=now,
            consent_version=consent_version or "",
        )
        queue(post, HYBRID_CONFIRM, now)
    return post


def confirm(post, *, now=None):
    """The contact person clicked the link (and the button): the post waits for staff, who are told once. Returns
    whether this confirmed it (False when it was confirmed before, or is gone)."""
    now = now or timezone.now()
    with transaction.atomic():
        current = type(post).objects.select_for_update().filter(pk=post.pk).first()
        if current is None or current.status != HybridStatus.UNCONFIRMED:
            return False
        current.status = HybridStatus.CONFIRMED
        current.confirmed_at = now
        current.save(update_fields=["status", "confirmed_at"])
        queue(current, HYBRID_STAFF_NOTIFICATION, now)
    post.status, post.confirmed_at = current.status, current.confirmed_at
    return True


def decide(post, *, approve, user, reason="", now=None):
    """Staff approve a confirmed (or earlier rejected) post, which makes it public until it expires, or reject it
    with a reason. Returns whether anything changed: an unconfirmed post cannot be decided on yet."""
    now = now or timezone.now()
    with transaction.atomic():
        current = type(post).objects.select_for_update().filter(pk=post.pk).first()
        if current is None or current.status == HybridStatus.UNCONFIRMED:
            return False
        if approve:
            current.status = HybridStatus.APPROVED
            current.expires_at = now + timedelta(days=settings.HYBRID_MATCH_VALID_DAYS)
            current.rejection_reason = ""
        else:
            current.status = HybridStatus.REJECTED
            current.expires_at = None
            current.rejection_reason = reason
        current.approved_at = now
        current.approved_by = user
        current.save(update_fields=["status", "expires_at", "rejection_reason", "approved_at", "approved_by"])
    for field in ("status", "expires_at", "rejection_reason", "approved_at", "approved_by"):
        setattr(post, field, getattr(current, field))
    return True


def renew(post, *, now=None):
    """The contact person renews an approved offer or need (also one that has just expired): public for another
    ``HYBRID_MATCH_VALID_DAYS``. Returns whether it was renewed (a rejected or unapproved post is not)."""
    now = now or timezone.now()
    with transaction.atomic():
        current = type(post).objects.select_for_update().filter(pk=post.pk).first()
        if current is None or current.status != HybridStatus.APPROVED:
            return False
        current.expires_at = now + timedelta(days=settings.HYBRID_MATCH_VALID_DAYS)
        current.save(update_fields=["expires_at"])
    post.expires_at = current.expires_at
    return True


def plan_renewal_requests(now=None):
    """Create the pending request to renew for each public offer and need that expires within
    ``HYBRID_MATCH_RENEWAL_NOTICE_DAYS``, once per expiry date. Two queries per model, however many there are.
    Returns how many were new."""
    now = now or timezone.now()
    new = []
    for model, field in ((HybridOffer, "offer"), (HybridNeed, "need")):
        due = model.objects.public(now).filter(
            expires_at__lte=now + timedelta(days=settings.HYBRID_MATCH_RENEWAL_NOTICE_DAYS)
        )
        rows = [
            OutgoingMessage(
                **{f"{field}_id": pk},
                kind=str(MessageKind(HYBRID_RENEWAL, timezone.localdate(expires_at).toordinal())),
                created_at=now,
                next_attempt_at=now,
            )
            for pk, expires_at in due.values_list("pk", "expires_at")
        ]
        existing = set(
            OutgoingMessage.objects.filter(
                **{f"{field}_id__in": [getattr(row, f"{field}_id") for row in rows]},
                kind__startswith=HYBRID_RENEWAL.stored,
            ).values_list(f"{field}_id", "kind")
        )
        new += [row for row in rows if (getattr(row, f"{field}_id"), row.kind) not in existing]
    OutgoingMessage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def delete_unconfirmed(now=None):
    """Delete the offers and needs (and their messages) whose contact person did not confirm them within
    ``HYBRID_MATCH_UNCONFIRMED_DAYS``. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.HYBRID_MATCH_UNCONFIRMED_DAYS)
    deleted = 0
    for model in (HybridOffer, HybridNeed):
        _total, per_model = model.objects.filter(status=HybridStatus.UNCONFIRMED, created_at__lt=cutoff).delete()
        deleted += per_model.get(model._meta.label, 0)
    return deleted


def introduce(offer, need, *, user, now=None):
    """Introduce an offer and a need to each other: one message to both contact persons. Once per pair: introducing
    them again (a double click, two staff members at once) returns the first introduction and sends nothing.
    Returns ``(introduction, created)``."""
    now = now or timezone.now()
    existing = Introduction.objects.filter(offer=offer, need=need).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(offer=offer, need=need, introduced_by=user, introduced_at=now)
            queue(introduction, HYBRID_INTRODUCTION, now)
    except IntegrityError:  # introduced meanwhile by someone else
        return Introduction.objects.get(offer=offer, need=need), False
    return introduction, True


def log_outcome(introduction, *, outcome, reason="", user, now=None):
    """Staff log how an introduction turned out: the reminders stop."""
    introduction.outcome = outcome
    introduction.outcome_reason = reason
    introduction.outcome_at = now or timezone.now()
    introduction.outcome_by = user
    introduction.save(update_fields=["outcome", "outcome_reason", "outcome_at", "outcome_by"])
    return introduction


def plan_introduction_reminders(now=None):
    """Create the pending reminder to the region's staff for each introduction without an outcome that has reached
    one of the days of ``HYBRID_MATCH_REMINDER_DAYS`` (the latest day reached, once per day). One query per day,
    however many introductions there are. Returns how many were new."""
    now = now or timezone.now()
    days = sorted(day for day in set(settings.HYBRID_MATCH_REMINDER_DAYS) if day > 0)
    new = []
    for index, day in enumerate(days):
        kind = str(MessageKind(HYBRID_INTRODUCTION_REMINDER, day))
        window = Introduction.objects.filter(outcome="", introduced_at__lte=now - timedelta(days=day))
        if index + 1 < len(days):  # past the next day, that day's reminder is the one due
            window = window.filter(introduced_at__gt=now - timedelta(days=days[index + 1]))
        due = window.exclude(Exists(OutgoingMessage.objects.filter(introduction=OuterRef("pk"), kind=kind)))
        new += [
            OutgoingMessage(introduction_id=pk, kind=kind, created_at=now, next_attempt_at=now)
            for pk in due.values_list("pk", flat=True)
        ]
    OutgoingMessage.objects.bulk_create(new, ignore_conflicts=True)  # a concurrent scan: the constraint keeps one
    return len(new)


def delete_past(now=None):
    """Delete the offers and needs (with their messages and introductions) that expired, or were rejected, longer
    ago than the registrations' retention period (``RECRUITMENT_RETENTION_MONTHS``): the contact persons' data is
    kept no longer than a registrant's. Returns how many were deleted."""
    cutoff = months_before(now or timezone.now(), settings.RECRUITMENT_RETENTION_MONTHS)
    past = Q(status=HybridStatus.APPROVED, expires_at__lt=cutoff) | Q(
        status=HybridStatus.REJECTED, approved_at__lt=cutoff
    )
    deleted = 0
    for model in (HybridOffer, HybridNeed):
        _total, per_model = model.objects.filter(past).delete()
        deleted += per_model.get(model._meta.label, 0)
    return deleted
