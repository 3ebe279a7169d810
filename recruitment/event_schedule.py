"""The time-based messages about an event, planned by the periodic scan (``recruitment.tasks.send_due_reminders``)
and sent by the outbox (recruitment/delivery.py).

Before the event, to those with a confirmed place:

- The reminder (``event_reminder``): from 19:00 Amsterdam time on the day before the event, whatever the offset
  from UTC that day. Someone who gets a place after that moment still gets it, once, unless the event starts
  within ``REMINDER_LAST_CALL``.
- The video link (``event_video_link``): for an online event with a video link, from ``VIDEO_LINK_BEFORE`` before
  the start.

After the event, from 10:00 Amsterdam time on the day after (so late check-ins and walk-ins entered that evening
count), and only for events where check-in was used (someone was checked in: without it, everyone would be told
they were missed):

- The thank-you (``event_thanks``) to each who came, walk-ins included.
- The "sorry we missed you" (``event_missed``) to each with a confirmed place who did not come.

Neither is planned for events more than ``AFTER_EVENT_WINDOW`` ago, so turning this on never mails old events; a
waiting-list sign-up that never got a place and did not come gets neither, a cancelled one nothing at all.

Each is a row in the outbox, unique per (sign-up, kind): a scan that runs twice, or two scans at once, plan it once.
Someone promoted from the waiting list later is planned at the next scan. Nothing is planned for a sign-up without
an e-mail address (a walk-in who gave none). The reminder and video link are not planned once the event has
started, and the outbox skips what is still pending then."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from content.models import EventPage
from content.models.events import EVENT_TIME_ZONE

from .kinds import EVENT_MISSED, EVENT_REMINDER, EVENT_THANKS, EVENT_VIDEO_LINK, MessageKind
from .models import EventSignUp, OutgoingMessage

REMINDER_TIME = dt.time(19, 0)  # local time on the day before the event
REMINDER_LAST_CALL = dt.timedelta(hours=2)  # a reminder this close to the start is no longer planned
VIDEO_LINK_BEFORE = dt.timedelta(hours=1)
AFTER_EVENT_TIME = dt.time(10, 0)  # local time on the day after the event
AFTER_EVENT_WINDOW = dt.timedelta(days=7)  # events longer ago than this get no messages after the event


def reminder_due_at(event):
    """The moment the reminder of an event is due: 19:00 in Amsterdam on the day before."""
    return dt.datetime.combine(event.start_date - dt.timedelta(days=1), REMINDER_TIME, tzinfo=EVENT_TIME_ZONE)


def reminder_is_due(event, now):
    return reminder_due_at(event) <= now < event.starts_at - REMINDER_LAST_CALL


def video_link_is_due(event, now):
    return bool(event.online and event.video_link) and event.starts_at - VIDEO_LINK_BEFORE <= now < event.starts_at


def after_event_due_at(event):
    """The moment the messages after an event are due: 10:00 in Amsterdam on the day after."""
    return dt.datetime.combine(event.start_date + dt.timedelta(days=1), AFTER_EVENT_TIME, tzinfo=EVENT_TIME_ZONE)


def after_event_is_due(event, now):
    """Whether the thank-you and the "sorry we missed you" of an event are due: from 10:00 the day after, for an
    event where someone was checked in, until it is more than ``AFTER_EVENT_WINDOW`` ago."""
    today = timezone.localtime(now, EVENT_TIME_ZONE).date()
    return event.checked_in and after_event_due_at(event) <= now and event.start_date >= today - AFTER_EVENT_WINDOW


def addressees(family):
    """The sign-ups a message of this family is for; never one without an e-mail address (a walk-in who gave none)."""
    sign_ups = EventSignUp.objects.exclude(email="")
    if family is EVENT_THANKS:  # who came, walk-ins and anyone checked in from the waiting list included
        return sign_ups.active().attended()
    if family is EVENT_MISSED:  # who had a place and did not come
        return sign_ups.confirmed().filter(attended_at__isnull=True)
    return sign_ups.confirmed()


def plan_event_messages(now=None):
    """Create the pending row for each reminder, video link, thank-you and "sorry we missed you" that is due now.
    Returns how many were new.

    One query for the events that can have a message due (from ``AFTER_EVENT_WINDOW`` ago to tomorrow, Amsterdam
    time, with whether anyone was checked in), then one per kind for the sign-ups of the events it is due for that
    do not have it yet: the number of queries does not grow with the number of events or sign-ups."""
    now = now or timezone.now()
    today = timezone.localtime(now, EVENT_TIME_ZONE).date()
    events = list(
        EventPage.objects.live()
        .filter(start_date__gte=today - AFTER_EVENT_WINDOW, start_date__lte=today + dt.timedelta(days=1))
        .annotate(checked_in=Exists(EventSignUp.objects.attended().filter(event=OuterRef("pk"))))
        .only("pk", "start_date", "start_time", "online", "video_link")
        .order_by()
    )
    after_event = [event.pk for event in events if after_event_is_due(event, now)]
    due = {
        EVENT_REMINDER: [event.pk for event in events if reminder_is_due(event, now)],
        EVENT_VIDEO_LINK: [event.pk for event in events if video_link_is_due(event, now)],
        EVENT_THANKS: after_event,
        EVENT_MISSED: after_event,
    }
    new = []
    for family, event_pks in due.items():
        if not event_pks:
            continue
        kind = str(MessageKind(family))
        candidates = (
            addressees(family)
            .filter(event_id__in=event_pks)
            .exclude(Exists(OutgoingMessage.objects.filter(sign_up=OuterRef("pk"), kind=kind)))
            .order_by()
            .values_list("pk", flat=True)
        )
        new += [OutgoingMessage(sign_up_id=pk, kind=kind, created_at=now, next_attempt_at=now) for pk in candidates]
    # A concurrent scan may create the same rows: the unique constraint keeps one of each.
    OutgoingMessage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
