"""Celery tasks of the routes app. Like the recruitment tasks, they are idempotent: the database says what is done."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from django.db import transaction
from django.utils import timezone

from .facts_check import due_routes, facts_check, reminder_email
from .models import RoutePage

logger = logging.getLogger(__name__)

SENT, SKIPPED, FAILED = "sent", "skipped", "failed"


# Time limits (seconds): a daily run over a few dozen routes, one e-mail each (at most EMAIL_TIMEOUT per SMTP
# session). Each route is reminded in its own transaction, so a run stopped by the soft limit leaves the rest for
# tomorrow's run.
REMINDER_TIME_LIMITS = {"soft_time_limit": 10 * 60, "time_limit": 12 * 60}


@shared_task(**REMINDER_TIME_LIMITS)
def remind_stale_route_facts():
    """Daily (celery beat): one e-mail per route due for a check of its facts, to its editors, once per due period.
    One route that cannot be reminded is logged and does not stop the others; nothing is recorded for it, so the
    next run tries again."""
    today = timezone.localdate()
    report = {SENT: 0, SKIPPED: 0, FAILED: 0}
    for route_id in list(due_routes(today).values_list("pk", flat=True)):
        try:
            outcome = remind_editors(route_id, today)
        except SoftTimeLimitExceeded:  # the time is up: the remaining routes wait for the next run
            raise
        except Exception:  # an SMTP refusal, a broken row: this route only; the next run retries it
            logger.exception("Could not remind the editors of route %s to check its facts", route_id)
            outcome = FAILED
        report[outcome] += 1
    if report[SENT] or report[FAILED]:
        logger.info("Route facts check: %(sent)s reminded, %(failed)s failed, %(skipped)s skipped", report)
    return report


def remind_editors(route_id, today):
    """Remind the editors of one route, if it is still due and not yet reminded for this due period. The route's row
    is locked while the e-mail goes out, so two runs at once never send it twice (the second skips it)."""
    with transaction.atomic():
        route = due_routes(today).select_for_update(of=("self",), skip_locked=True).filter(pk=route_id).first()
        if route is None:  # no longer due or live, or another run holds it
            return SKIPPED
        check = facts_check(route, today)
        if not check.needs_reminder:
            return SKIPPED
        email = reminder_email(check)
        if email is None:
            logger.warning(
                "Route %s is due for a check of its facts, but has no editor or content team address to "
                "remind (set ROUTES_CONTENT_TEAM_EMAILS)",
                route_id,
            )
            return FAILED
        email.send()
        RoutePage.objects.filter(pk=route_id).update(facts_reminder_sent_on=today)
    return SENT
