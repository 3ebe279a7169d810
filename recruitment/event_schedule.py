"""The time-based messages to those with a confirmed place at an event, planned by the periodic scan
(``recruitment.tasks.send_due_reminders``) and sent by the outbox (recruitment/delivery.py).

- The reminder (``event_reminder``): from 19:00 Amsterdam time on the day before the event, whatever the offset
  from UTC that day. Someone who gets a place after that moment still gets it, once, unless the event starts
  within ``REMINDER_LAST_CALL``.
- The video link (``event_video_link``): for an online event with a video link, from ``VIDEO_LINK_BEFORE`` before
  the start.

Each is a row in the outbox, unique per (sign-up, kind): a scan that runs twice, or two scans at once, plan it once.
Someone promoted from the waiting list later is planned at the next scan. Nothing is planned once the event has
started, and the outbox skips what is still pending then."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from content.models import EventPage
from content.models.events import EVENT_TIME_ZONE

from .kinds import EVENT_REMINDER, EVENT_VIDEO_LINK, MessageKind
from .models import EventSignUp, OutgoingMessage

REMINDER_TIME = dt.time(19, 0)  # local time on the day before the event
REMINDER_LAST_CALL = dt.timedelta(hours=2)  # a reminder this close to the start is no longer planned
VIDEO_LINK_BEFORE = dt.timedelta(hours=1)


def reminder_due_at(event):
    """The moment the reminder of an event is due: 19:00 in Amsterdam on the day before."""
    return dt.datetime.combine(event.start_date - dt.timedelta(days=1), REMINDER_TIME, tzinfo=EVENT_TIME_ZONE)


def reminder_is_due(event, now):
    return reminder_due_at(event) <= now < event.starts_at - REMINDER_LAST_CALL


def video_link_is_due(event, now):
    return bool(event.online and event.video_link) and event.starts_at - VIDEO_LINK_BEFORE <= now < event.starts_at


def plan_event_messages(now=None):
    """Create the pending row for each reminder and video link that is due now. Returns how many were new.

    One query for the events that can have a message due (those of today and tomorrow, Amsterdam time), then one
    per kind for the confirmed sign-ups of the events it is due for that do not have it yet: the number of queries
    does not grow with the number of events or sign-ups."""
    now = now or timezone.now()
    today = timezone.localtime(now, EVENT_TIME_ZONE).date()
    events = list(
        EventPage.objects.live()
        .filter(start_date__gte=today, start_date__lte=today + dt.timedelta(days=1))
        .only("pk", "start_date", "start_time", "online", "video_link")
        .order_by()
    )
    due = {
        EVENT_REMINDER: [event.pk for event in events if reminder_is_due(event, now)],
        EVENT_VIDEO_LINK: [event.pk for event in events if video_link_is_due(event, now)],
    }
    new = []
    for family, event_pks in due.items():
        if not event_pks:
            continue
        kind = str(MessageKind(family))
        candidates = (
            EventSignUp.objects.confirmed()
            .filter(event_id__in=event_pks)
            .exclude(Exists(OutgoingMessage.objects.filter(sign_up=OuterRef("pk"), kind=kind)))
            .order_by()
            .values_list("pk", flat=True)
        )
        new += [OutgoingMessage(sign_up_id=pk, kind=kind, created_at=now, next_attempt_at=now) for pk in candidates]
    # A concurrent scan may create the same rows: the unique constraint keeps one of each.
    OutgoingMessage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)
