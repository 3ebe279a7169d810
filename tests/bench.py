"""`make bench`: throughput and latency of the site's pages against a bare Django view on the same server.

Starts gunicorn (2 sync workers) on PostgreSQL with the demo content and production settings (tests/bench_settings),
measures each page with wrk with the page cache on and off, and prints each page's throughput as a ratio to the bare
view, plus page weight (HTML + CSS + JS, gzip). Writes the figures to docs/performance.md.

Also measures registration posts per second (the real form, with CSRF, posted from a few threads while a real
Celery worker sends the messages; every accepted post is then checked to be stored and its staff notification
delivered), and the periodic reminder scan over 10,000 and 100,000 registrations (time and SQL queries).

Each page is also measured through Varnish (varnishd with the shipped VCL, deploy/k8s/base/default.vcl, in front of
the page-cache server), and every figure is given as a ratio to the minimal floor project (/work/shared/bench-floor,
a constant 5 KB page from a bare `startproject`, under gunicorn with the same worker count) measured in the same run,
beside the ratio to the in-stack bare view.

Needs PostgreSQL and Redis on 127.0.0.1, wrk (`apt-get install wrk`) and varnishd (`apt-get install varnish`).
"""

import datetime as dt
import gzip
import http.client
import json
import os
import pickle
import platform
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE = "techniekdocent_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
RESULTS = ROOT / "docs" / "performance.md"
MAIL_DIR = ROOT / "var" / "bench-mail"
REGISTRANTS = int(os.environ.get("BENCH_REGISTRANTS", "1000"))
POST_THREADS = 4
SCAN_SIZES = (10_000, 100_000)
UNCACHEABLE = "route finder result"
REGISTRATION_FORM = "registration form"  # carries a CSRF token per visitor: never from a shared cache
FLOOR = Path(os.environ.get("BENCH_FLOOR", "/work/shared/bench-floor"))
WORKERS = 2


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(page_cache):
    static_root = ROOT / "var" / "bench-static"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench_settings",
        "SECRET_KEY": "bench-" + "x" * 60,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": "redis://127.0.0.1:6379/10",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/11",
        "PAGE_CACHE_URL": "redis://127.0.0.1:6379/12",
        "PAGE_CACHE": "true" if page_cache else "false",
        "STATIC_ROOT": str(static_root),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "EMAIL_FILE_PATH": str(MAIL_DIR),
    }


def manage(*args, page_cache=False):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=environment(page_cache), check=True, stdout=subprocess.DEVNULL
    )


def prepare():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    log("· migrating and loading the demo content")
    manage("migrate", "--noinput")
    manage("load_demo_content")
    manage("collectstatic", "--noinput")


class Server:
    def __init__(self, page_cache):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=environment(page_cache),
        )
        self.wait()

    def wait(self):
        """Until the bare view answers (30 s at most)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/__bare__/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)

    def percentile(name):
        value, unit = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s)", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": rps,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def page_weight(base, path):
    """HTML + CSS + JS of the page, each gzipped, in bytes."""
    html = urllib.request.urlopen(base + path, timeout=10).read()
    total = len(gzip.compress(html))
    for asset in set(re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)):
        total += len(gzip.compress(urllib.request.urlopen(base + asset.decode(), timeout=10).read()))
    return total


def pages():
    """The URLs to measure, looked up in the benchmark database."""
    code = (
        "import django; django.setup();"
        "from routes.models import RoutePage, RouteFinderPage; from content.models import ArticlePage;"
        "dutch = {'locale__language_code': 'nl'};"  # the Dutch site's figures (the English pages are translations)
        "print(RoutePage.objects.live().filter(**dutch).first().url);"
        "print(ArticlePage.objects.live().filter(**dutch).first().url);"
        "print(RouteFinderPage.objects.live().filter(**dutch).first().url)"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=environment(False), capture_output=True, text=True, check=True
    ).stdout.split()
    route, article, finder = out
    return {
        "bare Django view": "/__bare__/",
        "home page": "/",
        "route page": route,
        "article": article,
        "search": "/zoeken/?q=techniek",
        UNCACHEABLE: finder + "resultaat/?opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent",
        REGISTRATION_FORM: "/aanmelden/",
    }


def measure_floor():
    """The minimal floor project (its README): gunicorn with the same worker count, its one constant page."""
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "floorsite.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level",
         "warning"],
        cwd=FLOOR,
        env={key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the floor project did not start") from None
                time.sleep(0.3)
        log("· floor project")
        return wrk(f"http://127.0.0.1:{port}/")
    finally:
        process.terminate()
        process.wait(timeout=20)


def measure():
    import tempfile

    from tests.varnishd import Varnish

    urls = pages()
    results = {"floor": measure_floor()}
    for page_cache in (False, True):
        label = "cached" if page_cache else "uncached"
        server = Server(page_cache)
        try:
            for name, path in urls.items():
                for _ in range(3):  # warm up the workers and the cache
                    urllib.request.urlopen(server.base + path, timeout=10).read()
                log(f"· {label}: {name}")
                results[(label, name)] = wrk(server.base + path)
            if not page_cache:
                results["weight"] = {name: page_weight(server.base, path) for name, path in urls.items()}
            else:
                with tempfile.TemporaryDirectory() as workdir:
                    proxy = Varnish([("127.0.0.1", server.port)], Path(workdir), storage="malloc,256M")
                    try:
                        for name, path in urls.items():
                            for _ in range(3):
                                urllib.request.urlopen(proxy.base + path, timeout=10).read()
                            log(f"· through Varnish: {name}")
                            results[("varnish", name)] = wrk(proxy.base + path)
                    finally:
                        proxy.stop()
        finally:
            server.stop()
    results["load"] = os.getloadavg()
    return urls, results


def registration_environment():
    return {**environment(False), "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}


def clear_registrations():
    import psycopg

    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute("TRUNCATE recruitment_registration CASCADE")


def count_delivered(emails):
    """Stored registrations of these addresses, and how many have their staff notification and confirmation sent."""
    import psycopg

    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as connection:
        stored, notified, confirmed = connection.execute(
            "SELECT count(*), count(notified_at), count(confirmed_at) FROM recruitment_registration "
            "WHERE email = ANY(%s)",
            [list(emails)],
        ).fetchone()
        sent = connection.execute(
            "SELECT count(*) FROM recruitment_outgoingmessage m JOIN recruitment_registration r "
            "ON r.id = m.registration_id WHERE r.email = ANY(%s) AND m.kind = 'staff_notification' "
            "AND m.state = 'sent'",
            [list(emails)],
        ).fetchone()[0]
    return {"stored": stored, "notified": notified, "confirmed": confirmed, "notification_rows_sent": sent}


def mails_written():
    separator = "\n" + "-" * 79 + "\n"
    return sum(path.read_text(errors="replace").count(separator) for path in MAIL_DIR.glob("*.log"))


def fetch_form(base, index):
    """One visitor: their own session (CSRF cookie) and the form's token, as a browser gets them."""
    import requests

    session = requests.Session()
    response = session.get(base + "/aanmelding/", timeout=30)
    response.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "name": f"Bench Aanmelder {index}",
        "email": f"bench{index}-{int(time.time())}@bench.example.org",
        "phone": "",
        "postcode": "3511 AB",
        "situation": "techniek",
        "education": "hbo",
        "experience_years": "5",
        "roles": ["docent"],
        "contact_preference": "e-mail",
        "message": "",
        "consent": "on",
        "website": "",
    }
    return session, response.url, data


def post_registrations(worker_nice=0):
    """The real registration form posted by REGISTRANTS distinct visitors from POST_THREADS threads, with gunicorn
    and a Celery worker running; then every accepted post must be stored and its staff notification delivered.

    ``worker_nice``: the worker's scheduling priority (``nice``). On one 2-core machine the worker competes with
    gunicorn for the same cores; deployed, it runs in its own pods (deploy/k8s) with its own CPU. At 19 it gets only
    what the web leaves, as it would on its own machine, and catches up after the burst (the drain column)."""
    clear_registrations()
    shutil.rmtree(MAIL_DIR, ignore_errors=True)
    MAIL_DIR.mkdir(parents=True)
    worker = subprocess.Popen(
        [
            *(["nice", "-n", str(worker_nice)] if worker_nice else []),
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "--quiet",
            "worker",
            "--concurrency",
            "2",
            "--loglevel",
            "warning",
            "--purge",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=registration_environment(),
    )
    server = Server(False)
    try:
        log(f"· registrations: fetching {REGISTRANTS} forms")
        visitors = [fetch_form(server.base, index) for index in range(REGISTRANTS)]
        outcomes = [None] * REGISTRANTS
        latencies = [0.0] * REGISTRANTS

        # Posted with http.client, not requests: the load generator runs on the same 2 cores as the server, and
        # requests' own work per post (about 2.4 ms of CPU, measured) would be taken from the server under test.
        prepared = []
        for session, url, data in visitors:
            cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
            path = urllib.parse.urlsplit(url).path
            prepared.append((path, urllib.parse.urlencode(data, doseq=True), cookie, url))

        def post(indexes):
            for index in indexes:
                path, body, cookie, url = prepared[index]
                started = time.perf_counter()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                try:
                    connection.request(
                        "POST",
                        path,
                        body=body,
                        headers={
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Cookie": cookie,
                            "Referer": url,
                        },
                    )
                    response = connection.getresponse()
                    response.read()
                    outcomes[index] = response.status
                finally:
                    connection.close()
                latencies[index] = (time.perf_counter() - started) * 1000

        log(f"· registrations: posting from {POST_THREADS} threads")
        threads = [
            threading.Thread(target=post, args=(range(n, REGISTRANTS, POST_THREADS),)) for n in range(POST_THREADS)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        post_seconds = time.perf_counter() - started
        accepted = [visitors[i][2]["email"] for i, status in enumerate(outcomes) if status in (302, 303)]
        deadline = time.monotonic() + 180
        while True:
            delivered = count_delivered(accepted)
            if (
                delivered["notified"] >= len(accepted)
                and delivered["confirmed"] >= len(accepted)
                or time.monotonic() > deadline
            ):
                break
            time.sleep(0.5)
        drain_seconds = time.perf_counter() - started
    finally:
        server.stop()
        worker.terminate()
        worker.wait(timeout=30)
    ordered = sorted(latencies)
    statuses = {}
    for status in outcomes:
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "posts": REGISTRANTS,
        "threads": POST_THREADS,
        "worker_nice": worker_nice,
        "accepted": len(accepted),
        "statuses": statuses,
        "post_seconds": post_seconds,
        "posts_per_second": REGISTRANTS / post_seconds,
        "p50": ordered[len(ordered) // 2],
        "p99": ordered[int(len(ordered) * 0.99) - 1],
        "all_delivered_seconds": drain_seconds,
        "mails_written": mails_written(),
        **delivered,
    }


def scan(count):
    output = subprocess.run(
        [PYTHON, "-m", "tests.bench_scan", str(count)],
        cwd=ROOT,
        env=environment(False),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def report(urls, results):
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` on {dt.date.today().isoformat()}: {platform.node()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, gunicorn with 2 sync workers, PostgreSQL and Redis on 127.0.0.1, "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s per page. Ratio = requests/s of the page / requests/s of the bare "
        "Django view (about 5 KB, same middleware stack) on the same server with the page cache off. With the page "
        "cache on, every request first asks Redis for a cached copy, so the bare view itself is slower there (its "
        "row in the cached columns shows by how much).",
        "",
        "| page | uncached req/s | ratio | p50 ms | p99 ms | cached req/s | ratio | p50 ms | p99 ms | "
        "gzip KB (HTML+CSS+JS) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    bare = results[("uncached", "bare Django view")]["rps"]
    for name in urls:
        row = [name]
        for label in ("uncached", "cached"):
            figures = results[(label, name)]
            row += [
                f"{figures['rps']:.0f}",
                f"{figures['rps'] / bare:.2f}",
                f"{figures['p50']:.1f}",
                f"{figures['p99']:.1f}",
            ]
        row.append(f"{results['weight'][name] / 1024:.1f}")
        lines.append("| " + " | ".join(row) + " |")
    errors = {key: value["errors"] for key, value in results.items() if isinstance(key, tuple) and value["errors"]}
    lines += ["", f"Non-2xx responses during the runs: {errors or 'none'}.", ""]
    if "floor" in results:
        lines += proxy_report(urls, results)
    lines += registration_report(results["registrations"]) + scan_report(results["scans"])
    lines += targets_report(urls, results)
    return "\n".join(lines)


def proxy_report(urls, results):
    """Every page uncached, from the page cache and through Varnish, as a ratio to the floor project and to the bare
    view (both measured in this run)."""
    floor = results["floor"]["rps"]
    bare = results[("uncached", "bare Django view")]["rps"]
    load = results.get("load")
    lines = [
        "## Against the floor, and through Varnish",
        "",
        f"The floor: the minimal Django project in /work/shared/bench-floor (a constant 5 KB page from a bare "
        f"`startproject`), gunicorn with {WORKERS} workers, wrk as above: {floor:.0f} requests/s in this run (p50 "
        f"{results['floor']['p50']:.1f} ms; its README gives 2,400–2,800 on an idle machine of this kind, so a lower "
        "figure here means other work was running and every absolute figure below is low by about as much). Through "
        "Varnish: varnishd 7 with the shipped VCL "
        "(deploy/k8s/base/default.vcl; tests/varnishd.py writes the backends) in front of the page-cache server; a "
        "page the app marks shareable (max-age) is answered by Varnish without reaching gunicorn, while the bare view "
        "(no max-age) and the route finder's answers (never shared) are passed to it. Ratios: requests/s of the row / "
        "requests/s of the floor, and / requests/s of the bare view without the page cache"
        + (f". Load average when the page runs ended: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}." if load else "."),
        "",
        "| page | uncached req/s | ÷ floor | ÷ bare | page cache req/s | ÷ floor | ÷ bare | Varnish req/s | ÷ floor | "
        "÷ bare | Varnish p50 ms | Varnish p99 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in urls:
        row = [name]
        for label in ("uncached", "cached", "varnish"):
            rps = results[(label, name)]["rps"]
            row += [f"{rps:.0f}", f"{rps / floor:.2f}", f"{rps / bare:.2f}"]
        row += [f"{results[('varnish', name)]['p50']:.2f}", f"{results[('varnish', name)]['p99']:.2f}"]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    return lines


def registration_report(runs):
    if isinstance(runs, dict):  # a results file from before the runs per worker priority
        runs = [runs]
    first = runs[0]
    lines = [
        "## Registrations",
        "",
        f"The real registration form (CSRF token from the form page, one session per visitor) posted by "
        f"{first['posts']} distinct registrants from {first['threads']} threads against the same gunicorn (2 sync "
        "workers, page cache off, PostgreSQL), with a real Celery worker (`celery -A config worker`, concurrency 2, "
        "Redis broker, file-based e-mail backend) sending the messages. For this run only the per-IP limit "
        "(`RECRUITMENT_RATE_LIMIT`, 10/h in production) is raised to 100000/h in tests/bench_settings.py, as every "
        "post comes from 127.0.0.1. Twice: with the worker at the same priority as gunicorn (both compete for this "
        "machine's 2 cores: sending a registration's two e-mails costs the worker about three times the CPU of the "
        "post), and with the worker at `nice 19`, taking only what the web leaves, as a worker on its own machine "
        "or pods would (deploy/k8s: worker Deployment apart from web).",
        "",
        "| worker priority | posts | accepted (303) | posts/s | p50 ms | p99 ms | stored | staff notified | "
        "confirmed | e-mails written | all delivered after s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for figures in runs:
        nice = figures.get("worker_nice", 0)
        lines.append(
            f"| {'nice ' + str(nice) if nice else 'same as web'} | {figures['posts']} | {figures['accepted']} | "
            f"{figures['posts_per_second']:.1f} | {figures['p50']:.0f} | {figures['p99']:.0f} | {figures['stored']} | "
            f"{figures['notified']} ({figures['notification_rows_sent']} notification rows sent) | "
            f"{figures['confirmed']} | {figures['mails_written']} | {figures['all_delivered_seconds']:.1f} |"
        )
    lines += [
        "",
        "Response codes: "
        + "; ".join(str(figures["statuses"]) for figures in runs)
        + ". Every accepted post stored and notified: "
        + ("yes" if all(f["stored"] == f["notified"] == f["accepted"] for f in runs) else "NO")
        + ".",
        "",
    ]
    return lines


def scan_report(scans):
    lines = [
        "## Reminder scan",
        "",
        "`plan_follow_ups` + `deliver_pending` (what the 5-minute `send_due_reminders` task runs), timed in-process "
        "(tests/bench_scan.py) over registrations spread evenly over the last 40 days, all still awaiting contact "
        "(the worst case), in the state the previous scan 5 minutes earlier left behind. Queries counted with "
        "`CaptureQueriesContext`; e-mail to the local-memory backend.",
        "",
        "| registrations | candidates loaded | planning s | planning queries | newly due, sent | sending s | "
        "sending queries | scan s | scan queries |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for figures in scans:
        lines.append(
            f"| {figures['registrations']:,} | {figures['candidates']:,} | {figures['plan_seconds']:.2f} | "
            f"{figures['plan_queries']} | {figures['sent']} | {figures['send_seconds']:.2f} | "
            f"{figures['send_queries']} | {figures['scan_seconds']:.2f} | {figures['scan_queries']} |"
        )
    largest = scans[-1]
    lines += [
        "",
        f"At {largest['registrations']:,}: loading the {largest['candidates']:,} candidate rows alone takes "
        f"{largest['candidate_fetch_seconds']:.2f} s; the planning queries took {largest['plan_query_ms']} ms. "
        "EXPLAIN (ANALYZE) of the candidate query:",
        "",
        "```",
        largest["explain_candidates"],
        "```",
        "",
    ]
    return lines


def targets_report(urls, results):
    bare = results[("uncached", "bare Django view")]["rps"]
    pages_only = [name for name in urls if name != "bare Django view"]

    def ratios(label):
        return {name: results[(label, name)]["rps"] / bare for name in pages_only}

    def verdict(ok):
        return "met" if ok else "not met"

    cached, uncached = ratios("cached"), ratios("uncached")
    # The finder's answers are never put in the page cache (per-visitor answers), so they have no cached target.
    cached.pop(UNCACHEABLE, None)
    cached.pop(REGISTRATION_FORM, None)  # a CSRF token per visitor: never cached
    home_kb = results["weight"]["home page"] / 1024
    largest = results["scans"][-1]
    queries = [figures["scan_queries"] for figures in results["scans"]]
    plan_queries = [figures["plan_queries"] for figures in results["scans"]]
    low = min(cached, key=cached.get)
    low_uncached = min(uncached, key=uncached.get)
    return [
        "## Targets",
        "",
        f"- Cached pages ≥ 0.6 of the bare view: {verdict(min(cached.values()) >= 0.6)} "
        f"(lowest {cached[low]:.2f}, {low}; the {UNCACHEABLE} is never cached, by design, and left out).",
        f"- Uncached pages ≥ 0.1 of the bare view: {verdict(min(uncached.values()) >= 0.1)} "
        f"(lowest {uncached[low_uncached]:.2f}, {low_uncached}; met by "
        f"{sum(value >= 0.1 for value in uncached.values())} of {len(uncached)}).",
        f"- Home page ≤ 25 KB gzip (HTML+CSS+JS): {verdict(home_kb <= 25)} ({home_kb:.1f} KB).",
        *floor_targets(urls, results),
        f"- Reminder scan over {largest['registrations']:,} registrations < 1 s: "
        f"{verdict(largest['scan_seconds'] < 1)} ({largest['scan_seconds']:.2f} s); with a constant number of queries: "
        f"{verdict(len(set(queries)) == 1)} (scan queries {queries} for "
        f"{[figures['registrations'] for figures in results['scans']]} registrations; "
        f"planning alone {plan_queries}; sending costs a fixed number of queries per due message).",
        "",
    ]


def floor_targets(urls, results):
    """Issue 12's targets, as ratios to the minimal floor project measured in the same run."""
    floor = results["floor"]["rps"]
    if not floor:
        return []
    pages = [name for name in urls if name != "bare Django view"]
    uncached = {name: results[("uncached", name)]["rps"] / floor for name in pages if name != REGISTRATION_FORM}
    proxied = {
        name: results[("varnish", name)]["rps"] / floor
        for name in pages
        if name not in (UNCACHEABLE, REGISTRATION_FORM) and ("varnish", name) in results
    }
    lines = []
    low = min(uncached, key=uncached.get)
    lines.append(
        f"- Uncached pages ≥ 0.1 of the floor: {'met' if uncached[low] >= 0.1 else 'not met'} (lowest "
        f"{uncached[low]:.2f}, {low}; floor {floor:.0f} requests/s)."
    )
    if proxied:
        low = min(proxied, key=proxied.get)
        lines.append(
            f"- Cached pages through Varnish ≥ 1.0 of the floor: {'met' if proxied[low] >= 1 else 'not met'} "
            f"(lowest {proxied[low]:.2f}, {low})."
        )
    if ("uncached", REGISTRATION_FORM) in results:
        form = results[("uncached", REGISTRATION_FORM)]["rps"] / floor
        lines.append(
            f"- Registration form (GET) ≥ 0.3 of the floor: {'met' if form >= 0.3 else 'not met'} ({form:.2f})."
        )
    runs = results.get("registrations") or []
    for run in [runs] if isinstance(runs, dict) else runs:
        nice = run.get("worker_nice", 0)
        priority = f"worker at nice {nice}" if nice else "worker at the web's priority"
        lines.append(
            f"- Registrations ≥ 100 posts/s with a worker running ({priority}): "
            f"{'met' if run['posts_per_second'] >= 100 else 'not met'} ({run['posts_per_second']:.1f}/s; "
            f"{run['stored']} of {run['accepted']} accepted posts stored and notified: "
            f"{'all' if run['stored'] == run['notified'] == run['accepted'] else 'NOT all'})."
        )
    return lines


def main():
    for tool in ("wrk",):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install {tool}")
    from tests.varnishd import available

    if not available():
        sys.exit("varnishd is needed: apt-get install varnish")
    if not (FLOOR / "floorsite" / "wsgi.py").exists():
        sys.exit(f"the floor project is needed in {FLOOR} (BENCH_FLOOR)")
    prepare()
    urls, results = measure()
    log(f"· registrations: {REGISTRANTS} posts")
    results["registrations"] = [post_registrations(), post_registrations(worker_nice=19)]
    results["scans"] = []
    for count in SCAN_SIZES:
        log(f"· reminder scan over {count:,} registrations")
        results["scans"].append(scan(count))
    clear_registrations()
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-results.pickle").write_bytes(pickle.dumps((urls, results)))  # to re-render the report
    text = report(urls, results)
    print(text)
    extra = ROOT / "docs" / "performance-notes.md"
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text + ("\n" + extra.read_text() if extra.exists() else ""))
    log(f"· written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
