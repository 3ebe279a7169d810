"""What happens to a registration: submitted, contacted, withdrawn, anonymised. Each in one transaction."""

import calendar
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from routes.models import Region

from .models import FollowUp, MessageState, OutgoingMessage, Registration, Status
from .schedule import IMMEDIATE_KINDS, contact_due_at, is_follow_up_kind, region_notification_kind

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("name", "email", "phone", "postcode", "message", "situation", "education", "contact_preference")


def submit_registration(data, *, consent_version):
    """Store a registration from the form's cleaned data. An open registration with the same e-mail address is
    updated instead of making a second one. Returns ``(registration, created)``.

    A new registration gets its contact deadline and its two first messages (the staff notification and the
    confirmation) as pending rows in the same transaction; after commit a task is asked to send them. If the broker
    is down, the rows wait for the next scan."""
    from .tasks import deliver_registration_messages

    region = Region.for_postcode(data["postcode"])
    for attempt in range(2):
        try:
            with transaction.atomic():
                registration, created, new_messages = _save(data, region, consent_version)
                if new_messages:
                    deliver_registration_messages.delay_on_commit(registration.pk)
                return registration, created
        except IntegrityError:
            # The same address was registered at the same moment by a second request: update that one instead.
            if attempt:
                raise
            logger.info("Concurrent registration for the same e-mail address; updating the first one")
    raise AssertionError("unreachable")


def _save(data, region, consent_version):
    now = timezone.now()
    registration = (
        Registration.objects.select_for_update().open().filter(email__iexact=data["email"]).order_by("pk").first()
    )
    created = registration is None
    if created:
        registration = Registration(created_at=now, contact_due_at=contact_due_at(now))
    moved = not created and region is not None and registration.region_id != region.pk
    for field in TEXT_FIELDS:
        setattr(registration, field, data.get(field) or "")
    registration.experience_years = data.get("experience_years")
    registration.roles = list(data.get("roles") or [])
    registration.region = region
    registration.consent_version = consent_version
    registration.consented_at = now
    registration.save()
    registration.routes.set(data.get("routes") or [])
    # A new registration: the region's staff and the registrant hear of it. An update that moves it to another
    # region (a new postcode): that region's staff hear of it; the deadline stays.
    kinds = IMMEDIATE_KINDS if created else [region_notification_kind(region)] if moved else []
    OutgoingMessage.objects.bulk_create(
        [OutgoingMessage(registration=registration, kind=kind, created_at=now, next_attempt_at=now) for kind in kinds],
        ignore_conflicts=True,
    )
    return registration, created, bool(kinds)


def stop_follow_ups(registration):
    """Reminders and warnings that are still waiting are no longer needed."""
    pending = registration.messages.filter(state=MessageState.PENDING)
    ids = [message.pk for message in pending if is_follow_up_kind(message.kind)]
    OutgoingMessage.objects.filter(pk__in=ids).update(state=MessageState.SKIPPED)


def log_contact(registration, *, user, contacted_at, method, note="", status_after=Status.CONTACTED):
    """Staff made contact (or closed the registration): log who, when, how, and stop the reminders."""
    if status_after not in (Status.CONTACTED, Status.CLOSED):
        raise ValueError(f"not a status after contact: {status_after}")
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.WITHDRAWN:
            raise ValueError("a withdrawn registration cannot be followed up")
        now = timezone.now()
        follow_up = FollowUp.objects.create(
            registration=registration,
            staff=user,
            staff_name=(user.get_full_name() or user.get_username()) if user else "",
            contacted_at=contacted_at,
            method=method,
            note=note,
            status_after=status_after,
            created_at=now,
        )
        if registration.contacted_at is None:
            registration.contacted_at = contacted_at
        registration.status = status_after
        if status_after == Status.CLOSED:
            registration.closed_at = now
        registration.save(update_fields=["contacted_at", "status", "closed_at", "updated_at"])
        stop_follow_ups(registration)
    return follow_up


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
    """Erase the personal data of registrations closed longer ago than the retention period. Returns the count."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.RECRUITMENT_RETENTION_MONTHS)
    ids = list(
        Registration.objects.filter(status=Status.CLOSED, closed_at__lte=cutoff, erased_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            registration = Registration.objects.select_for_update().get(pk=pk)
            if registration.erased_at is None:
                registration.erase_personal_data(now)
    return len(ids)
