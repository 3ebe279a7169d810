"""Check-in at the door: staff mark who came (from the QR code in the confirmation, or by name) and add walk-ins.

Every check-in runs in one transaction that first locks the event's row, as signing up and cancelling do
(recruitment/events.py), and then the sign-up's row: two staff phones that check the same person in at the same
moment are served one after the other, and the second is told "al ingecheckt". Whoever shows up at the door gets in:
a sign-up on the waiting list or a cancelled one is confirmed on the spot (``promoted_at``), without a message.

Attendance is an interaction on the attendee's open registration (matched by e-mail address), logged once per
sign-up in the same transaction as the check-in. Without an open registration nothing is logged: the thank-you
message after the event offers to register."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .events import lock_event  # the same row lock as signing up and cancelling
from .models import EventSignUp, InteractionKind, SignUpStatus
from .services import log_contact, open_registration_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckIn:
    """What staff are told after a check-in."""

    sign_up: EventSignUp
    already: bool = False  # was checked in before: nothing changed
    admitted: bool = False  # was on the waiting list or cancelled, and got a place at the door
    existing: bool = False  # a walk-in whose address had signed up: that sign-up was checked in

    @property
    def message(self):
        name = self.sign_up.name
        if self.already:
            return _("%(name)s is al ingecheckt.") % {"name": name}
        if self.existing:
            return _("%(name)s had zich al aangemeld en is nu ingecheckt.") % {"name": name}
        if self.admitted:
            return _("%(name)s is ingecheckt en heeft alsnog een plaats gekregen.") % {"name": name}
        if self.sign_up.walk_in:
            return _("%(name)s is toegevoegd en ingecheckt.") % {"name": name}
        return _("%(name)s is ingecheckt.") % {"name": name}


def attendance_note(event):
    with translation.override(settings.LANGUAGE_CODE):
        day = formats.date_format(event.start_date, "j F Y")
    return _("Aanwezig bij %(event)s op %(date)s") % {"event": event.title, "date": day}


def record_attendance(sign_up, *, user, now):
    """Mark a locked sign-up as present and log the attendance on the attendee's open registration, if any."""
    sign_up.attended_at = now
    sign_up.checked_in_by = user
    registration = open_registration_for(sign_up.email) if sign_up.email else None
    if registration is not None:
        try:
            with transaction.atomic():
                log_contact(
                    registration,
                    user=user,
                    contacted_at=now,
                    method=InteractionKind.INFORMATION_MEETING,
                    note=attendance_note(sign_up.event),
                )
        except ValueError:  # withdrawn meanwhile, or registered after this moment: no interaction to log
            logger.info("Attendance of sign-up %s not logged on registration %s", sign_up.pk, registration.pk)
            registration = None
    sign_up.registration = registration
    sign_up.save(update_fields=["status", "promoted_at", "attended_at", "checked_in_by", "registration"])


def check_in(sign_up, *, user, now=None):
    """Check a sign-up in at the door (once: a second check-in changes nothing). Returns a ``CheckIn``."""
    with transaction.atomic():
        lock_event(sign_up.event_id)
        now = now or timezone.now()
        current = EventSignUp.objects.select_for_update(of=("self",)).select_related("event").get(pk=sign_up.pk)
        if current.attended:
            return CheckIn(current, already=True)
        admitted = not current.is_confirmed
        if current.is_cancelled:
            # The address may have signed up again after cancelling: then that sign-up is the one at the door.
            again = active_sign_up(current.event_id, current.email)
            if again is not None:
                return check_in(again, user=user, now=now)
        if admitted:
            current.status = SignUpStatus.CONFIRMED
            current.promoted_at = now
        record_attendance(current, user=user, now=now)
    return CheckIn(current, admitted=admitted)


def active_sign_up(event_pk, email):
    return EventSignUp.objects.active().filter(event_id=event_pk, email__iexact=email).first()


def add_walk_in(event, data, *, user, consent_version="", now=None):
    """Add someone who came without signing up (``data``: the walk-in form's name and email) and check them in. An
    address that already has a sign-up for this event is that person: their sign-up is checked in instead."""
    with transaction.atomic():
        lock_event(event.pk)
        now = now or timezone.now()
        existing = active_sign_up(event.pk, data["email"])
        if existing is not None:
            outcome = check_in(existing, user=user, now=now)
            return CheckIn(outcome.sign_up, already=outcome.already, admitted=outcome.admitted, existing=True)
        walk_in = EventSignUp(
            event=event,
            name=data["name"],
            email=data["email"],
            status=SignUpStatus.CONFIRMED,
            walk_in=True,
            created_at=now,
            consented_at=now,
            consent_version=consent_version,
        )
        walk_in.save()
        record_attendance(walk_in, user=user, now=now)
    return CheckIn(walk_in)
