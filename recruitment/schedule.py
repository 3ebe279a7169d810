"""When each message about a registration is due. Days are calendar days in local time (Europe/Amsterdam), so "a
month" ends at the same wall-clock time, also across a change to or from summer time."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .kinds import (
    CONFIRMATION,
    FIRST_WARNING,
    REGION_NOTIFICATION,
    REMINDER,
    STAFF_NOTIFICATION,
    WEEKLY_WARNING,
)
from .kinds import MessageKind as Kind
from .working_days import MAX_SHIFT, is_working_day, next_working_day, on_working_day, previous_working_day

IMMEDIATE_KINDS = (str(Kind(STAFF_NOTIFICATION)), str(Kind(CONFIRMATION)))


def region_notification_kind(region):
    """The notification to a region that an updated registration moved to (once per region)."""
    return str(Kind(REGION_NOTIFICATION, region.pk))


def reminder_kind(day):
    return str(Kind(REMINDER, day))


def escalation_kind(week):
    """The first warning at the contact deadline is ``escalation_day_30``; then ``escalation_week_1``, 2, ..."""
    if week == 0:
        return str(Kind(FIRST_WARNING, settings.RECRUITMENT_CONTACT_DAYS))
    return str(Kind(WEEKLY_WARNING, week))


def local_days_later(moment, days):
    """The same local wall-clock time, a number of calendar days later."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    return local.replace(tzinfo=zone)


def contact_due_at(created_at):
    return local_days_later(created_at, settings.RECRUITMENT_CONTACT_DAYS)


def reminder_days():
    return sorted(day for day in set(settings.RECRUITMENT_REMINDER_DAYS) if 0 < day < settings.RECRUITMENT_CONTACT_DAYS)


def last_warning_week():
    """The coordinator is warned at the deadline (week 0) and then weekly, up to this week."""
    return max(settings.RECRUITMENT_ESCALATION_MAX_REPEATS, 0)


def expires_at(created_at):
    """When a registration nobody contacted stops being warned about and shows as expired ("verlopen"): a repeat
    interval after the last weekly warning."""
    repeat = settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
    return local_days_later(created_at, settings.RECRUITMENT_CONTACT_DAYS + repeat * (last_warning_week() + 1))


def expired_before(now):
    """Registrations made at or before this moment and still awaiting contact have expired (``expires_at``)."""
    repeat = settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
    return local_days_later(now, -(settings.RECRUITMENT_CONTACT_DAYS + repeat * (last_warning_week() + 1)))


def reminder_due_at(created_at, day):
    """When the reminder of a day is due: that day, moved to the next working day when it is a weekend day or a
    public holiday, but never at or past the contact deadline (then the last working day before it)."""
    return on_working_day(local_days_later(created_at, day), before=contact_due_at(created_at))


def due_follow_up_kind(created_at, now):
    """The one follow-up message that is due now for a registration nobody has contacted yet, or None.

    Only the latest due step counts: after an outage the scan sends the current reminder (or warning), not every one
    it missed. Before the deadline that is a reminder to the region's staff, on a working day; from the deadline on,
    a warning to the coordinator, repeated weekly up to ``RECRUITMENT_ESCALATION_MAX_REPEATS`` times; after that,
    nothing."""
    deadline = contact_due_at(created_at)
    if now >= deadline:
        if now >= expires_at(created_at):
            return None
        repeat = settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
        week = 0
        while local_days_later(deadline, repeat * (week + 1)) <= now:
            week += 1
        return escalation_kind(week)
    due = [day for day in reminder_days() if reminder_due_at(created_at, day) <= now]
    return reminder_kind(due[-1]) if due else None


ONE_MICROSECOND = timedelta(microseconds=1)  # the database's resolution: turns (lower, upper] into [lower, upper)


def moved_reminder_date(created_on, day):
    """The local date a reminder of this day falls on for a registration made on this local date (its wall-clock time
    does not change the date: ``reminder_due_at`` keeps the time)."""
    target = created_on + timedelta(days=day)
    if is_working_day(target):
        return target
    deadline = created_on + timedelta(days=settings.RECRUITMENT_CONTACT_DAYS)
    moved = next_working_day(target)
    return moved if moved < deadline else previous_working_day(deadline)


def reminder_windows(now):
    """``[lower, upper)`` creation times per reminder kind, for the registrations still before their deadline whose
    latest due step is that reminder. Built per local creation date (the date decides where a reminder moves; the
    time of day only whether a reminder due today has come), so they are exact, without gaps or overlap."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local_now = now.astimezone(zone)
    today = local_now.date()
    wall_clock = local_now.time().replace(tzinfo=None)
    days = reminder_days()
    contact = settings.RECRUITMENT_CONTACT_DAYS
    before_deadline = local_days_later(now, -contact) + ONE_MICROSECOND  # made later than this: deadline not yet
    windows = []
    for offset in range(contact + 1, -1, -1):  # the oldest creation date first
        created_on = today - timedelta(days=offset)
        moved = {day: moved_reminder_date(created_on, day) for day in days}
        midnight = datetime.combine(created_on, time(0)).replace(tzinfo=zone)
        split = datetime.combine(created_on, wall_clock).replace(tzinfo=zone) + ONE_MICROSECOND
        next_midnight = datetime.combine(created_on + timedelta(days=1), time(0)).replace(tzinfo=zone)
        for lower, upper, made_by_now in ((midnight, split, True), (split, next_midnight, False)):
            due = [day for day in days if moved[day] < today or (moved[day] == today and made_by_now)]
            lower = max(lower, before_deadline)
            if not due or lower >= upper:
                continue
            kind = reminder_kind(due[-1])
            if windows and windows[-1][0] == kind and windows[-1][2] == lower:
                windows[-1] = (kind, windows[-1][1], upper)
            else:
                windows.append((kind, lower, upper))
    return windows


def follow_up_windows(now, oldest_created_at):
    """The follow-up kinds that can be due now, each with the creation times ``[lower, upper)`` of the registrations
    whose latest due step it is: the same answer as ``due_follow_up_kind``, turned around so that the scan can ask
    the database per window instead of looking at every registration. The windows do not overlap; they reach back to
    the oldest registration still awaiting contact or the last warning, whichever is younger."""
    contact = settings.RECRUITMENT_CONTACT_DAYS
    windows = reminder_windows(now)
    repeat = settings.RECRUITMENT_ESCALATION_REPEAT_DAYS
    week = 0
    while (
        week <= last_warning_week()
        and (upper := local_days_later(now, -(contact + repeat * week))) >= oldest_created_at
    ):
        lower = local_days_later(now, -(contact + repeat * (week + 1)))
        windows.append((escalation_kind(week), lower + ONE_MICROSECOND, upper + ONE_MICROSECOND))
        week += 1
    return windows


def earliest_follow_up_age():
    """No follow-up is due for registrations younger than this (with a day's margin for summer time, and the days a
    reminder can move to an earlier working day before the deadline)."""
    days = reminder_days()[:1] or [settings.RECRUITMENT_CONTACT_DAYS]
    return timedelta(days=days[0] - 1) - MAX_SHIFT


# Staff log a contact moment to the minute; a clock a few minutes ahead of the server's must not block them.
CONTACT_FUTURE_MARGIN = timedelta(minutes=5)


def earliest_contact_moment(registration):
    """The first moment staff can have made contact: the registration's minute (the form's field has no seconds)."""
    return timezone.localtime(registration.created_at).replace(second=0, microsecond=0)


def contact_moment_allowed(registration, moment, now):
    """The one rule for a logged contact moment, used by the staff form and by the service that stores it: not
    before the registration, not in the future."""
    return earliest_contact_moment(registration) <= moment <= now + CONTACT_FUTURE_MARGIN


def next_action_due_at(day):
    """When the reminder of a next-action date is due: that day at the morning hour (local), moved to the next working
    day when it is a weekend day or a public holiday."""
    zone = ZoneInfo(settings.TIME_ZONE)
    morning = datetime.combine(day, time(settings.RECRUITMENT_NEXT_ACTION_HOUR)).replace(tzinfo=zone)
    return on_working_day(morning)
