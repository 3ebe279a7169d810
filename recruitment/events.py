"""Signing up for an event and cancelling: places held under concurrency, a waiting list, and the messages.

Every change to an event's sign-ups happens in one transaction that first locks the event's row
(``SELECT ... FOR UPDATE``), so two visitors who take the last place at the same moment are counted one after the
other: never more confirmed sign-ups than places. A freed place goes to the first on the waiting list (by the
moment they signed up), once. Each message is an ``OutgoingMessage`` row written in the same transaction, unique per
(sign-up, kind), and sent by the same outbox as the registrations' messages (recruitment/delivery.py)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from content.models import EventPage

from .kinds import EVENT_CANCELLED, EVENT_CONFIRMATION, EVENT_PROMOTED, EVENT_WAITING, MessageKind
from .models import EventSignUp, OutgoingMessage, SignUpStatus
from .services import months_before

# Sent inside the transaction that stored a sign-up's new messages (keyword argument ``sign_up_id``);
# recruitment/event_tasks.py enqueues their delivery once the transaction commits.
sign_up_messages_ready = Signal()

SIGN_UP_FIELDS = ("name", "email", "phone", "needs", "answers")


@dataclass(frozen=True)
class SignUpOutcome:
    """What the visitor is told. It depends only on the event's places at that moment, never on what is stored for
    the address: a post with a known address gets the answer a new one would have had (and changes nothing)."""

    sign_up: EventSignUp  # the stored sign-up for this address (for the services and tests, never shown)
    created: bool
    status: str  # SignUpStatus.CONFIRMED or SignUpStatus.WAITING
    waiting_place: int | None = None

    @property
    def is_waiting(self):
        return self.status == SignUpStatus.WAITING


def lock_event(event_pk):
    """Lock the event's row for the rest of the transaction (every change to its sign-ups takes this lock first: signing
    up, cancelling, checking in); its number of places (None: no limit)."""
    return (
        EventPage.objects.select_for_update(of=("self",)).filter(pk=event_pk).values_list("capacity", flat=True).get()
    )


def _queue(sign_up, family, now):
    created = OutgoingMessage.objects.bulk_create(
        [OutgoingMessage(sign_up=sign_up, kind=str(MessageKind(family)), created_at=now, next_attempt_at=now)],
        ignore_conflicts=True,
    )
    sign_up_messages_ready.send(sender=EventSignUp, sign_up_id=sign_up.pk)
    return created


def _fill_free_places(event_pk, capacity, now):
    """Give each free place to the first on the waiting list (the event's row is locked). Returns who moved up."""
    if capacity is None:
        waiting = list(EventSignUp.objects.waiting().filter(event_id=event_pk))
    else:
        free = capacity - EventSignUp.objects.confirmed().filter(event_id=event_pk).count()
        waiting = list(EventSignUp.objects.waiting().filter(event_id=event_pk)[: max(free, 0)])
    for sign_up in waiting:
        sign_up.status = SignUpStatus.CONFIRMED
        sign_up.promoted_at = now
        sign_up.save(update_fields=["status", "promoted_at"])
        _queue(sign_up, EVENT_PROMOTED, now)
    return waiting


def _answer_for_a_new_sign_up(event_pk, capacity):
    """The outcome a new sign-up would get now: a place, or the next place on the waiting list."""
    confirmed = EventSignUp.objects.confirmed().filter(event_id=event_pk).count()
    if capacity is None or confirmed < capacity:
        return SignUpStatus.CONFIRMED, None
    return SignUpStatus.WAITING, EventSignUp.objects.waiting().filter(event_id=event_pk).count() + 1


def sign_up(event, data, *, consent_version="", now=None):
    """Sign someone up for ``event`` with the form's cleaned ``data`` (name, email, phone, needs, answers): a place
    while there are places, else the waiting list. The same address twice for one event keeps the first sign-up and
    gets the same answer as anyone else would."""
    fields = {field: data.get(field) or ("" if field != "answers" else {}) for field in SIGN_UP_FIELDS}
    with transaction.atomic():
        capacity = lock_event(event.pk)
        # The moment is taken under the lock: the waiting list's order (created_at) is the order places were given.
        now = now or timezone.now()
        _fill_free_places(event.pk, capacity, now)  # places added by an editor go to those waiting first
        existing = EventSignUp.objects.active().filter(event_id=event.pk, email__iexact=fields["email"]).first()
        status, place = _answer_for_a_new_sign_up(event.pk, capacity)
        if existing is not None:
            return SignUpOutcome(existing, created=False, status=status, waiting_place=place)
        try:
            with transaction.atomic():
                new = EventSignUp.objects.create(
                    event_id=event.pk,
                    status=status,
                    created_at=now,
                    consented_at=now,
                    consent_version=consent_version,
                    **fields,
                )
        except IntegrityError:  # the same address in another case, stored meanwhile: it is the same person
            existing = EventSignUp.objects.active().filter(event_id=event.pk, email__iexact=fields["email"]).get()
            return SignUpOutcome(existing, created=False, status=status, waiting_place=place)
        _queue(new, EVENT_CONFIRMATION if status == SignUpStatus.CONFIRMED else EVENT_WAITING, now)
    return SignUpOutcome(new, created=True, status=status, waiting_place=place)


def cancel(sign_up, *, now=None):
    """Cancel a sign-up (once: cancelling again changes nothing) and give a freed place to the first on the waiting
    list. Returns the sign-ups that moved up."""
    now = now or timezone.now()
    with transaction.atomic():
        capacity = lock_event(sign_up.event_id)
        current = EventSignUp.objects.select_for_update().get(pk=sign_up.pk)
        if current.status == SignUpStatus.CANCELLED:
            return []
        current.status = SignUpStatus.CANCELLED
        current.cancelled_at = now
        current.save(update_fields=["status", "cancelled_at"])
        _queue(current, EVENT_CANCELLED, now)
        promoted = _fill_free_places(current.event_id, capacity, now)
    sign_up.status, sign_up.cancelled_at = current.status, current.cancelled_at
    return promoted


def find_by_token(event, token):
    """The sign-up behind a cancel link or check-in code, or None."""
    if not token or len(token) > 64:
        return None
    return EventSignUp.objects.filter(event_id=event.pk, token=token).first()


def delete_past_sign_ups(now=None):
    """Delete the sign-ups (and their messages) of events that took place longer ago than the registrations'
    retention period (``RECRUITMENT_RETENTION_MONTHS``). Returns how many sign-ups were deleted."""
    now = now or timezone.now()
    cutoff = timezone.localdate(months_before(now, settings.RECRUITMENT_RETENTION_MONTHS))
    _total, per_model = EventSignUp.objects.filter(event__start_date__lt=cutoff).delete()
    return per_model.get(EventSignUp._meta.label, 0)
