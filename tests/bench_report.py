"""Part of `make bench`: the coordinators' report ("Rapportage opvolging") over 100,000 registrations.

`python -m tests.bench_report` prepares the benchmark database (tests/bench.py's, migrated) and runs itself again in
a process with the benchmark's production settings (`--run N`): fills the registration tables with N registrations
spread over the last 12 months, with their follow-ups and phase changes, then requests the report page (and the CSV
export) in-process with Django's test client as a staff member who sees every region, and prints the time per
request, the number of SQL queries (also for 10 registrations, which must be the same), and the plan of the largest
query (the counts; the medians and the reasons to stop are two smaller ones). The target: under a second at 100,000
registrations."""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta

SIZES = (10, int(os.environ.get("BENCH_REPORT_REGISTRATIONS", "100000")))
RUNS = 5
# A database of its own (the page benchmark's stays as it is), with the same production settings.
DATABASE = "techniekdocent_bench_report"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def log(message):
    print(message, flush=True)


def environment():
    from tests.bench import environment as bench_environment

    return {**bench_environment(False), "DATABASE_URL": DATABASE_URL}


def prepare():
    import psycopg

    from tests.bench import ROOT

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    log("· migrating the report benchmark's database, collecting the static files")
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL
        )


def clear():
    import psycopg

    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute("TRUNCATE recruitment_registration CASCADE")


def fill(count, now):
    from django.db import connection

    from recruitment.models import (
        FUNNEL_PHASES,
        Channel,
        FollowUp,
        InteractionKind,
        Phase,
        PhaseChange,
        Registration,
        Status,
        StopReason,
    )
    from recruitment.schedule import contact_due_at
    from routes.models import Region

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE recruitment_registration CASCADE")
    regions = list(Region.objects.all()) or [Region.objects.create(name=f"Regio {n}") for n in range(5)]
    reasons = [
        StopReason.objects.get_or_create(name=name)[0]
        for name in ("Te weinig tijd", "Salaris", "Andere baan gevonden", "Opleiding te zwaar")
    ]
    rng = random.Random(count)
    channels = list(Channel)
    registrations, paths = [], []
    for _ in range(count):
        created_at = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
        contacted_at = None
        if created_at < now - timedelta(hours=4) and rng.random() < 0.85:
            contacted_at = min(created_at + timedelta(hours=rng.expovariate(1 / 60)), now)
        steps = 0
        if contacted_at:
            steps = rng.choices(range(len(FUNNEL_PHASES)), weights=(5, 30, 25, 20, 12, 8))[0]
        stopped = contacted_at is not None and rng.random() < 0.2
        phase = Phase.STOPPED if stopped else FUNNEL_PHASES[steps]
        paths.append((contacted_at, [*FUNNEL_PHASES[1 : steps + 1], *([Phase.STOPPED] if stopped else [])]))
        registrations.append(
            Registration(
                region=rng.choice(regions),
                status=Status.CONTACTED if contacted_at else Status.NEW,
                created_at=created_at,
                contact_due_at=contact_due_at(created_at),
                contacted_at=contacted_at,
                last_activity_at=contacted_at or created_at,
                phase=phase,
                stop_reason=rng.choice(reasons) if stopped else None,
                channel=rng.choice(channels),
                consent_version="1",
                consented_at=created_at,
                withdrawal_token=None,
            )
        )
    created = Registration.objects.bulk_create(registrations, batch_size=5000)
    follow_ups, changes = [], []
    for registration, (contacted_at, phases) in zip(created, paths, strict=True):
        if contacted_at:
            follow_ups.append(
                FollowUp(
                    registration=registration,
                    contacted_at=contacted_at,
                    method=InteractionKind.PHONE_CALL,
                    status_after=Status.CONTACTED,
                )
            )
        for number, phase in enumerate(phases):
            changes.append(
                PhaseChange(registration=registration, phase=phase, changed_at=contacted_at + timedelta(days=number))
            )
    FollowUp.objects.bulk_create(follow_ups, batch_size=5000)
    PhaseChange.objects.bulk_create(changes, batch_size=5000)
    with connection.cursor() as cursor:  # what autovacuum would have done by the time anyone reads a report
        for table in ("recruitment_registration", "recruitment_phasechange", "recruitment_followup"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    return {"registrations": count, "follow_ups": len(follow_ups), "phase_changes": len(changes)}


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm up
    assert response.status_code == 200, response.status_code
    seconds = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            seconds.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return {
        "min_seconds": min(seconds),
        "median_seconds": statistics.median(seconds),
        "max_seconds": max(seconds),
        "queries": len(queries.captured_queries),
        "slowest_query_ms": max(round(float(query["time"]) * 1000, 1) for query in queries.captured_queries),
        "bytes": len(response.content),
    }


def explain(now):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from recruitment.report import Period, counts_sql, registrations_for, tune_transaction

    user = get_user_model().objects.get(username="bench-report")
    period = Period.last_twelve_months()
    sql, params = counts_sql(registrations_for(user, period), period, now)
    with transaction.atomic(), connection.cursor() as cursor:
        tune_transaction(cursor)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def run(count):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    filled = fill(count, now)
    fill_seconds = time.perf_counter() - started
    user_model = get_user_model()
    user = user_model.objects.filter(username="bench-report").first() or user_model.objects.create_superuser(
        "bench-report", "bench-report@example.org", None
    )
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    result = {
        **filled,
        "fill_seconds": fill_seconds,
        "page": measure(client, "/admin/rapportage-opvolging/"),
        "csv": measure(client, "/admin/rapportage-opvolging/?export=csv"),
        "explain": explain(now),
    }
    print(json.dumps(result))


def main():
    from tests.bench import ROOT

    prepare()
    results = []
    for count in SIZES:
        log(f"· report over {count:,} registrations")
        process = subprocess.run(
            [sys.executable, "-m", "tests.bench_report", "--run", str(count)],
            cwd=ROOT,
            env=environment(),
            capture_output=True,
            text=True,
        )
        if process.returncode:
            sys.exit(process.stderr[-5000:])
        results.append(json.loads(process.stdout.strip().splitlines()[-1]))
    clear()
    log("")
    log("## Coordinators' report (Rapportage opvolging)")
    log("")
    log(
        "In-process (Django test client, production settings, PostgreSQL on 127.0.0.1), a superuser who sees every "
        f"region, the default period (last 12 months), median of {RUNS} requests after one warm-up."
    )
    log("")
    log(
        "| registrations | follow-ups | phase changes | page s (min) | page s (median) | page s (max) | page queries "
        "| CSV s (median) | CSV queries |"
    )
    log("|---|---|---|---|---|---|---|---|---|")
    for figures in results:
        page, export = figures["page"], figures["csv"]
        log(
            f"| {figures['registrations']:,} | {figures['follow_ups']:,} | {figures['phase_changes']:,} | "
            f"{page['min_seconds']:.3f} | {page['median_seconds']:.3f} | {page['max_seconds']:.3f} | "
            f"{page['queries']} | {export['median_seconds']:.3f} | {export['queries']} |"
        )
    largest = results[-1]
    constant = len({figures["page"]["queries"] for figures in results}) == 1
    log("")
    log(
        f"- Report page over {largest['registrations']:,} registrations < 1 s: "
        f"{'met' if largest['page']['median_seconds'] < 1 else 'not met'} ({largest['page']['median_seconds']:.3f} s); "
        f"constant number of queries: {'met' if constant else 'not met'} "
        f"({[figures['page']['queries'] for figures in results]} for {[f['registrations'] for f in results]})."
    )
    log(f"- Load average during the run (1, 5, 15 min): {', '.join(f'{load:.1f}' for load in os.getloadavg())}.")
    log("")
    log("EXPLAIN (ANALYZE) of the counts query:")
    log("")
    log("```")
    log(largest["explain"])
    log("```")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        run(int(sys.argv[2]))
    else:
        main()
