"""Part of `make bench`: the periodic reminder scan over many registrations, timed in-process with its SQL queries.

Run by tests/bench.py as `python -m tests.bench_scan N` with the benchmark's settings and database; prints JSON.
Fills the (benchmark-only) registration tables with N open registrations spread over the last 40 days, brings them
to the state the scan every 5 minutes leaves behind (the follow-ups due 5 minutes ago planned and sent), then times
one scan: planning what became due since, and sending it."""

import json
import random
import sys
import time
from datetime import timedelta

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from recruitment.delivery import deliver_pending, plan_follow_ups  # noqa: E402
from recruitment.models import MessageState, OutgoingMessage, Registration, Status  # noqa: E402
from recruitment.schedule import contact_due_at, earliest_follow_up_age  # noqa: E402
from routes.models import Region  # noqa: E402

SPREAD_DAYS = 40
SCAN_INTERVAL = timedelta(minutes=5)


def fill(count, now):
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE recruitment_registration CASCADE")
    regions = list(Region.objects.all()) or [None]
    rng = random.Random(count)
    batch = []
    for i in range(count):
        created_at = now - timedelta(seconds=rng.uniform(0, SPREAD_DAYS * 86400))
        batch.append(
            Registration(
                name=f"Aanmelder {i}",
                email=f"aanmelder{i}@bench.example.org",
                postcode="3511 AB",
                situation="techniek",
                education="hbo",
                experience_years=rng.randint(0, 30),
                roles=["docent"],
                contact_preference="e-mail",
                region=rng.choice(regions),
                status=Status.NEW,
                created_at=created_at,
                contact_due_at=contact_due_at(created_at),
                consent_version="1",
                consented_at=created_at,
                notified_at=created_at,
                confirmed_at=created_at,
            )
        )
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)
    # The state the previous scan (5 minutes ago) left: everything then due planned and sent.
    before = now - SCAN_INTERVAL
    plan_follow_ups(before)
    OutgoingMessage.objects.update(state=MessageState.SENT, sent_at=before, attempts=1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE recruitment_registration")
        cursor.execute("ANALYZE recruitment_outgoingmessage")


def explain(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main(count):
    now = timezone.now()
    started = time.perf_counter()
    fill(count, now)
    fill_seconds = time.perf_counter() - started

    with CaptureQueriesContext(connection) as plan_queries:
        started = time.perf_counter()
        planned = plan_follow_ups(now)
        plan_seconds = time.perf_counter() - started
    with CaptureQueriesContext(connection) as send_queries:
        started = time.perf_counter()
        report = deliver_pending(now=now)
        send_seconds = time.perf_counter() - started

    candidates = (
        Registration.objects.awaiting_contact()
        .filter(created_at__lte=now - earliest_follow_up_age())
        .values_list("pk", "created_at")
    )
    started = time.perf_counter()
    candidate_rows = len(list(candidates))
    fetch_seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "registrations": count,
                "fill_seconds": fill_seconds,
                "candidates": candidate_rows,
                "candidate_fetch_seconds": fetch_seconds,
                "planned": planned,
                "sent": report.sent,
                "failed": report.failed,
                "plan_seconds": plan_seconds,
                "plan_queries": len(plan_queries.captured_queries),
                "send_seconds": send_seconds,
                "send_queries": len(send_queries.captured_queries),
                "scan_seconds": plan_seconds + send_seconds,
                "scan_queries": len(plan_queries.captured_queries) + len(send_queries.captured_queries),
                "plan_query_ms": [round(float(q["time"]) * 1000, 1) for q in plan_queries.captured_queries],
                "explain_candidates": explain(candidates),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
