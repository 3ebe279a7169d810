"""What happens to a hybrid offer or need: posted, confirmed by its contact person, approved or rejected by staff,
deleted when never confirmed. Each in one transaction; the messages it causes are ``OutgoingMessage`` rows written in
the same transaction (unique per post and kind) and sent after the commit by the outbox (recruitment/delivery.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from routes.models import Region

from ..kinds import HYBRID_CONFIRM, HYBRID_STAFF_NOTIFICATION, MessageKind
from ..models import HybridNeed, HybridOffer, HybridStatus, OutgoingMessage

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


def owner_field(post):
    """The ``OutgoingMessage`` field a post's messages hang on."""
    return "offer" if isinstance(post, HybridOffer) else "need"


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


def delete_unconfirmed(now=None):
    """Delete the offers and needs (and their messages) whose contact person did not confirm them within
    ``HYBRID_MATCH_UNCONFIRMED_DAYS``. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.HYBRID_MATCH_UNCONFIRMED_DAYS)
    deleted = 0
    for model in (HybridOffer, HybridNeed):
        _total, per_model = model.objects.filter(status=HybridStatus.UNCONFIRMED, created_at__lt=cutoff).delete()
        deleted += per_model.get(model._meta.label, 0)
    return deleted
