"""What happens to a registration: submitted, posted again, contacted, withdrawn, anonymised. Each in one
transaction; the messages it causes are rows written in the same transaction and sent after the commit."""

import calendar
import logging
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from routes.models import Region, RoutePage

from .addresses import email_key
from .attribution import attribution_fields
from .kinds import RESUBMISSION_CHECK, RESUBMISSION_NOTICE, MessageKind
from .models import (
    OPEN_STATUSES,
    SUBMITTED_TEXT_FIELDS,
    FollowUp,
    MessageState,
    OutgoingMessage,
    Phase,
    PhaseChange,
    Registration,
    Resubmission,
    Status,
)
from .schedule import IMMEDIATE_KINDS, contact_due_at, contact_moment_allowed
from .signals import messages_ready

logger = logging.getLogger(__name__)


@dataclass
class Submission:
    """What a post to the form did. The visitor is told the same whatever it was: whether an address is known is
    never shown to whoever posts it."""

    registration: Registration
    created: bool  # a new registration (a new address, or one whose earlier registrations are all closed)
    resubmission: Resubmission | None = None  # the post waits for the owner of the known address to confirm it


def open_registration_for(email, *, lock=False):
    """The open registration with this (canonical) address, compared as the unique constraint compares."""
    queryset = Registration.objects.open().alias(email_key=Lower("email")).filter(email_key=email_key(email))
    if lock:
        queryset = queryset.select_for_update()
    return queryset.order_by("pk").first()


def form_data(data):
    """The form's cleaned data as JSON (route pages as ids), as a resubmission keeps it until it is confirmed."""
    stored = {field: data.get(field) or "" for field in SUBMITTED_TEXT_FIELDS}
    stored.update(
        experience_years=data.get("experience_years"),
        roles=list(data.get("roles") or []),
        routes=sorted(route.pk for route in data.get("routes") or []),
        finder_answers=dict(data.get("finder_answers") or {}),
    )
    return stored


def registration_data(registration):
    return form_data(
        {
            **{field: getattr(registration, field) for field in SUBMITTED_TEXT_FIELDS},
            "experience_years": registration.experience_years,
            "roles": registration.roles,
            "routes": list(registration.routes.all()),
            "finder_answers": registration.finder_answers,
        }
    )


def submit_registration(data, *, consent_version, origin=None):
    """Store a post of the form (its cleaned data). A new address makes a registration with its contact deadline and
    its two first messages (the staff notification and the confirmation). An address with an open registration
    changes nothing yet: the post is kept as a resubmission, and the known address is asked to confirm it, so that
    nobody who merely knows an address can read or overwrite what its owner gave. ``origin``: where the visitor came
    from (recruitment/attribution.py), stored with a new registration. Returns a ``Submission``."""
    region = Region.for_postcode(data["postcode"])
    for attempt in range(2):
        try:
            with transaction.atomic():
                submission, new_messages = _save(data, region, consent_version, origin or {})
                if new_messages:
                    messages_ready.send(sender=Registration, registration_id=submission.registration.pk)
                return submission
        except IntegrityError:
            # The same address was registered at the same moment by a second request: treat this post as a
            # resubmission of that one.
            if attempt:
                raise
            logger.info("Concurrent registration for the same e-mail address; handling it as a resubmission")
    raise AssertionError("unreachable")


def _save(data, region, consent_version, origin):
    now = timezone.now()
    # Every registration with this address in one query, locked: the open one (as open_registration_for finds it),
    # else the newest, which a new registration follows.
    known = list(
        Registration.objects.alias(email_key=Lower("email"))
        .filter(email_key=email_key(data["email"]))
        .select_for_update()
        .order_by("-created_at", "-pk")
    )
    registration = min((item for item in known if item.status in OPEN_STATUSES), key=lambda item: item.pk, default=None)
    if registration is None:
        registration = Registration(created_at=now, contact_due_at=contact_due_at(now), last_activity_at=now)
        registration.previous = known[0] if known else None
        for field, value in attribution_fields(origin, finder_answers=data.get("finder_answers")).items():
            setattr(registration, field, value)
        _apply(registration, data, region, consent_version, now, new=True)
        _add_messages(registration, IMMEDIATE_KINDS, now)
        return Submission(registration, created=True), True
    return _resubmit(registration, data, consent_version, now)


def _resubmit(registration, data, consent_version, now):
    stored = form_data(data)
    pending = [item for item in registration.resubmissions.filter(confirmed_at__isnull=True) if item.is_usable(now)]
    if stored == registration_data(registration) or any(item.form_data == stored for item in pending):
        return Submission(registration, created=False), False  # the same post again (a double click): nothing new
    if len(pending) >= settings.RECRUITMENT_RESUBMISSION_MAX_PENDING:
        logger.warning(
            "Registration %s already has %s unconfirmed resubmissions; this one is dropped",
            registration.pk,
            len(pending),
        )
        return Submission(registration, created=False), False
    resubmission = Resubmission.objects.create(
        registration=registration, created_at=now, data={**stored, "consent_version": consent_version}
    )
    _add_messages(registration, [str(MessageKind(RESUBMISSION_CHECK, resubmission.pk))], now)
    return Submission(registration, created=False, resubmission=resubmission), True


def _apply(registration, data, region, consent_version, now, *, new=False):
    """Store the posted details on a registration. ``new``: it was never saved, so its routes are inserted
    (no query when none were ticked) instead of compared with the stored ones."""
    for field in SUBMITTED_TEXT_FIELDS:
        setattr(registration, field, data.get(field) or "")
    registration.experience_years = data.get("experience_years")
    registration.roles = list(data.get("roles") or [])
    registration.finder_answers = dict(data.get("finder_answers") or {})
    registration.region = region
    registration.consent_version = consent_version
    registration.consented_at = now
    registration.last_activity_at = now
    registration.save()
    routes = data.get("routes") or []
    if not new:
        registration.routes.set(routes)
    elif routes:
        through = Registration.routes.through
        through.objects.bulk_create([through(registration=registration, routepage=route) for route in routes])


def _add_messages(registration, kinds, now):
    OutgoingMessage.objects.bulk_create(
        [OutgoingMessage(registration=registration, kind=kind, created_at=now, next_attempt_at=now) for kind in kinds],
        ignore_conflicts=True,
    )


def starts_new_cycle(registration, now):
    """A confirmed resubmission starts a new follow-up cycle when the last contact is long enough ago."""
    return (
        registration.status == Status.CONTACTED
        and registration.contacted_at is not None
        and registration.contacted_at <= now - timedelta(days=settings.RECRUITMENT_NEW_CYCLE_AFTER_DAYS)
    )


def confirm_resubmission(resubmission):
    """The owner of the address confirmed a post of the form: its details replace the registration's, and the
    region hears of it. When the last contact was long ago, the old registration is closed and a new one starts a
    new follow-up cycle with its own deadline, counted from the post. Returns the registration that now follows the
    registrant up, or None when the link can no longer be used."""
    now = timezone.now()
    with transaction.atomic():
        resubmission = (
            Resubmission.objects.select_for_update().select_related("registration").filter(pk=resubmission.pk).first()
        )
        if resubmission is None or not resubmission.is_usable(now):
            return None
        registration = Registration.objects.select_for_update().get(pk=resubmission.registration_id)
        if registration.status not in (Status.NEW, Status.CONTACTED):
            return None
        data = dict(resubmission.form_data)
        data["routes"] = list(RoutePage.objects.live().public().filter(pk__in=data.get("routes") or []))
        consent_version = resubmission.data.get("consent_version") or ""
        region = Region.for_postcode(data["postcode"])
        resubmission.confirmed_at = now
        resubmission.save(update_fields=["confirmed_at"])
        if starts_new_cycle(registration, now):
            registration.status = Status.CLOSED
            registration.closed_at = registration.last_activity_at = now
            registration.save(update_fields=["status", "closed_at", "last_activity_at", "updated_at"])
            started = resubmission.created_at
            follow_up = Registration(created_at=started, contact_due_at=contact_due_at(started), previous=registration)
            _apply(follow_up, data, region, consent_version, now)
            resubmission.registration = follow_up
            resubmission.save(update_fields=["registration"])
            _add_messages(follow_up, IMMEDIATE_KINDS, now)
        else:
            _apply(registration, data, region, consent_version, now)  # a new postcode may move it to a new region
            _add_messages(registration, [str(MessageKind(RESUBMISSION_NOTICE, resubmission.pk))], now)
            follow_up = registration
        messages_ready.send(sender=Registration, registration_id=follow_up.pk)
    return follow_up


def stop_follow_ups(registration):
    """Reminders and warnings that are still waiting are no longer needed. A message that a sender holds right now
    is left alone (never waited for): it is recorded as sent when it was, and the next sender skips it otherwise."""
    pending = registration.messages.select_for_update(skip_locked=True).filter(state=MessageState.PENDING)
    ids = [message.pk for message in pending if MessageKind.parse(message.kind).stops_on_contact]
    OutgoingMessage.objects.filter(pk__in=ids, state=MessageState.PENDING).update(state=MessageState.SKIPPED)


def check_contact_moment(registration, contacted_at, now=None):
    """A contact moment staff may log: not before the registration, not in the future (a few minutes' leeway)."""
    if not contact_moment_allowed(registration, contacted_at, now or timezone.now()):
        raise ValueError("a contact moment lies between the registration and now")


def staff_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def record_phase(registration, phase, *, user, now, stop_reason=None, note=""):
    """Put the registration in a phase and log the step (the funnel counts these). Saves nothing else."""
    registration.phase = phase
    registration.phase_changed_at = now
    PhaseChange.objects.create(
        registration=registration,
        phase=phase,
        changed_at=now,
        staff=user,
        staff_name=staff_name(user),
        stop_reason=stop_reason,
        note=note,
    )


def log_contact(registration, *, user, contacted_at, method, note="", status_after=Status.CONTACTED):
    """Staff logged an interaction (or closed the registration): who, when, what kind. The first one is the first
    contact: it stops the reminders and puts a new registration "in gesprek". Never waits for a message that is
    being sent at this moment."""
    if status_after not in (Status.CONTACTED, Status.CLOSED):
        raise ValueError(f"not a status after contact: {status_after}")
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.WITHDRAWN:
            raise ValueError("a withdrawn registration cannot be followed up")
        now = timezone.now()
        check_contact_moment(registration, contacted_at, now)
        follow_up = FollowUp.objects.create(
            registration=registration,
            staff=user,
            staff_name=staff_name(user),
            contacted_at=contacted_at,
            method=method,
            note=note,
            status_after=status_after,
            created_at=now,
        )
        if registration.contacted_at is None or contacted_at < registration.contacted_at:
            registration.contacted_at = contacted_at
        if registration.phase == Phase.NEW:
            record_phase(registration, Phase.IN_CONVERSATION, user=user, now=now)
        if status_after == Status.CLOSED and registration.status != Status.CLOSED:
            registration.closed_at = now
            registration.next_action_on = None
            if registration.phase != Phase.STOPPED:
                record_phase(registration, Phase.STOPPED, user=user, now=now, note=note)
        registration.status = status_after
        registration.last_activity_at = now
        registration.save(
            update_fields=[
                "contacted_at",
                "status",
                "closed_at",
                "phase",
                "phase_changed_at",
                "next_action_on",
                "last_activity_at",
                "updated_at",
            ]
        )
        stop_follow_ups(registration)
    return follow_up


class PathError(ValueError):
    """A step on the path that cannot be taken; the message says why, in Dutch, for staff."""


def change_path(
    registration,
    *,
    user,
    phase,
    stop_reason=None,
    preparation_steps=(),
    working_as="",
    next_action_on=None,
    next_action_note="",
    note="",
):
    """Staff moved a candidate along their path: the phase (logged when it changes), what they prepare, where they
    work, why they stopped, and the next action with its date (the reminder machinery reminds the assigned staff
    member on that day). A candidate nobody has contacted yet needs an interaction first: only that is a contact."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.WITHDRAWN or registration.erased_at:
            raise PathError(_("Deze aanmelding is ingetrokken of verwijderd."))
        if registration.status == Status.NEW or phase == Phase.NEW:
            raise PathError(_("Leg eerst een interactie vast: dat is het eerste contact."))
        if phase == Phase.STOPPED and stop_reason is None:
            raise PathError(_("Kies waarom deze persoon gestopt is."))
        now = timezone.now()
        stopping = phase == Phase.STOPPED
        if phase != registration.phase or (stopping and stop_reason != registration.stop_reason):
            record_phase(
                registration, phase, user=user, now=now, stop_reason=stop_reason if stopping else None, note=note
            )
        registration.stop_reason = stop_reason if stopping else None
        registration.preparation_steps = list(preparation_steps) if phase == Phase.PREPARING else []
        registration.working_as = working_as if phase == Phase.WORKING else ""
        registration.next_action_on = None if stopping else next_action_on
        registration.next_action_note = "" if stopping else next_action_note
        if stopping:
            registration.status = Status.CLOSED
            registration.closed_at = registration.closed_at or now
        else:
            registration.status = Status.CONTACTED
            registration.closed_at = None
        registration.last_activity_at = now
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # reopening while the same address registered again meanwhile
            raise PathError(
                _("Deze persoon heeft een nieuwere aanmelding die nog loopt. Volg die op in plaats van deze.")
            ) from error
    return registration


def assign(registration, *, assignee, user=None):
    """Give a registration to one staff member (None: to the whole region). Reminders go to them first."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.assigned_to = assignee
        registration.save(update_fields=["assigned_to", "updated_at"])
    return registration


def withdraw(registration):
    """The registrant withdrew: erase their personal data and stop everything."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        now = timezone.now()
        registration.status = Status.WITHDRAWN
        registration.withdrawn_at = now
        registration.erase_personal_data(now)
    return registration


def months_before(moment, months):
    """The same local date and time a number of calendar months earlier (the last day of a shorter month)."""
    local = timezone.localtime(moment)
    month_index = local.year * 12 + (local.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(local.day, calendar.monthrange(year, month + 1)[1])
    return local.replace(year=year, month=month + 1, day=day)


def anonymise_expired(now=None):
    """Erase the personal data of every registration, whatever its status, whose last activity is longer ago than
    the retention period; and delete posts for known addresses that were never confirmed in time. Returns the
    number of registrations anonymised. One registration that cannot be erased is logged and does not stop the rest.
    """
    now = now or timezone.now()
    cutoff = months_before(now, settings.RECRUITMENT_RETENTION_MONTHS)
    Resubmission.objects.filter(
        confirmed_at__isnull=True,
        created_at__lte=now - timedelta(days=settings.RECRUITMENT_RESUBMISSION_VALID_DAYS),
    ).delete()
    ids = list(
        Registration.objects.filter(last_activity_at__lte=cutoff, erased_at__isnull=True).values_list("pk", flat=True)
    )
    count = 0
    for pk in ids:
        try:
            with transaction.atomic():
                registration = Registration.objects.select_for_update().get(pk=pk)
                if registration.erased_at is None and registration.last_activity_at <= cutoff:
                    registration.erase_personal_data(now)
                    count += 1
        except SoftTimeLimitExceeded:  # the task's time is up: the rest waits for the next night
            raise
        except Exception:  # one bad row never keeps the others' personal data
            logger.exception("Could not anonymise registration %s", pk)
    return count
