"""`make lighthouse`: Lighthouse (tools/lighthouse, pinned) over one page of each type in the sitemap.

Loads the demo content into its own PostgreSQL database, serves the site with production settings (DEBUG off,
whitenoise static, gunicorn on a free port: tests/bench_settings.py, as `make bench` does), reads /sitemap.xml and
takes the first page of each page type in it, plus a route finder result and a search, and runs Lighthouse on each
with Debian's Chromium (headless, mobile emulation, Lighthouse's default). Writes the four scores per page to
docs/lighthouse.md and exits non-zero, naming page and category, when a score is below MINIMUM_SCORE.

Needs PostgreSQL and Redis on 127.0.0.1, Node 20 and /usr/bin/chromium (`make browser`).
"""

import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.request
import urllib.robotparser
from pathlib import Path

from tests import bench

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
DATABASE = "techniekdocent_lighthouse"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
RESULTS = ROOT / "docs" / "lighthouse.md"
MINIMUM_SCORE = 95
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))  # per page; the median counts
CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
FINDER_RESULT_QUERY = "resultaat/?opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent"
SEARCH = "/zoeken/?q=techniek"

# The live pages by URL path, with their page type's name (run in the site's environment).
PAGE_TYPES = """
import json, django
django.setup()
from wagtail.models import Page
types = {}
for page in Page.objects.live().public().specific().iterator():
    url = page.get_url()
    if url and page.depth > 1:
        types[url] = str(type(page)._meta.verbose_name)
print(json.dumps(types))
"""


def environment():
    return {
        **bench.environment(page_cache=True),
        "DATABASE_URL": DATABASE_URL,
        "STATIC_ROOT": str(ROOT / "var" / "lighthouse-static"),
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/14",
        "PAGE_CACHE_URL": "redis://127.0.0.1:6379/15",
    }


def manage(*args):
    subprocess.run(
        [bench.PYTHON, "manage.py", *args], cwd=ROOT, env=environment(), check=True, stdout=subprocess.DEVNULL
    )


def prepare():
    import psycopg

    if not LIGHTHOUSE.exists():
        bench.log("· installing Lighthouse (tools/lighthouse, npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL, check=True, stdout=subprocess.DEVNULL)
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f'CREATE DATABASE "{DATABASE}"')
    bench.log("· migrating and loading the demo content")
    manage("migrate", "--noinput")
    manage("load_demo_content")
    manage("collectstatic", "--noinput")


class Server(bench.Server):
    """gunicorn as `make bench` starts it, on this runner's database."""

    def __init__(self):
        self.port = bench.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [bench.PYTHON, "-m", "gunicorn", "config.wsgi:application", "--workers", "2"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment())
        self.wait()


def pages(base):
    """(label, path): the first page of each type in the sitemap's order, then a finder result and a search."""
    sitemap = urllib.request.urlopen(base + "/sitemap.xml", timeout=30).read().decode()
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    output = subprocess.run(
        [bench.PYTHON, "-c", PAGE_TYPES], cwd=ROOT, env=environment(), capture_output=True, text=True, check=True
    ).stdout
    types = json.loads(output.strip().splitlines()[-1])
    chosen = {}
    for path in paths:
        kind = types.get(path)
        if kind and kind not in chosen:
            chosen[kind] = path
    finder = next((path for kind, path in chosen.items() if "routewijzer" in kind.lower()), None)
    result = [(kind, path) for kind, path in chosen.items()]
    if finder:
        result.append(("routewijzer: uitslag", finder + FINDER_RESULT_QUERY))
    result.append(("zoeken", SEARCH))
    return result


def kept_out_of_search(base):
    """Paths /robots.txt keeps away from search engines on purpose (the search results): Lighthouse's is-crawlable
    audit would count that against them, so it is skipped for them, and only for them."""
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(urllib.request.urlopen(base + "/robots.txt", timeout=30).read().decode().splitlines())
    return lambda path: not robots.can_fetch("*", base + path)


ATTEMPTS = 3


def lighthouse(url, report, *, crawlable_audit=True):
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        "--quiet",
    ]
    if not crawlable_audit:
        command.append("--skip-audits=is-crawlable")
    for attempt in range(1, ATTEMPTS + 1):
        # Lighthouse itself sometimes fails to record the page load's trace on a busy machine ("NO_NAVSTART ...
        # Please run Lighthouse again"): that run has no scores at all, so it is run again, never scored as zero.
        finished = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
        if finished.returncode == 0:
            break
        print(f"  Lighthouse failed (attempt {attempt} of {ATTEMPTS}, exit status {finished.returncode})", flush=True)
    else:
        raise RuntimeError(f"Lighthouse failed {ATTEMPTS} times on {url}")
    data = json.loads(Path(report).read_text())
    scores = {key: round((data["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}
    below = {}
    for key in CATEGORIES:
        failed = [
            audit["id"]
            for ref in data["categories"][key]["auditRefs"]
            if ref.get("weight") and (audit := data["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
        ]
        if failed:
            below[key] = failed
    return scores, below


def report(results, started):
    machine = f"{platform.node()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    lines = [
        "# Lighthouse",
        "",
        f"`make lighthouse` (tests/lighthouse.py) on {started:%Y-%m-%d %H:%M} UTC, machine: {machine}, load average "
        f"{load}. Lighthouse {lighthouse_version()} (tools/lighthouse), Debian's Chromium headless, mobile "
        "emulation (Lighthouse's default throttling), against gunicorn with production settings (DEBUG off, "
        "whitenoise static files, page cache on) and the demo content in its own PostgreSQL database. One page of "
        f"each type in /sitemap.xml, plus a route finder result and a search; each scored "
        f"{RUNS} time(s), the median counts (`LIGHTHOUSE_RUNS`). A page that robots.txt keeps away from "
        "search engines on purpose (the search results) is not scored on is-crawlable. A score below "
        f"{MINIMUM_SCORE} fails the run.",
        "",
        "| page | path | performance | accessibility | best practices | SEO |",
        "|---|---|---|---|---|---|",
    ]
    for label, path, scores, _ in results:
        lines.append(f"| {label} | `{path}` | " + " | ".join(str(scores[key]) for key in CATEGORIES) + " |")
    lines += ["", "Audits that kept a page below 100:", ""]
    for label, _path, scores, below in results:
        for key, audits in below.items():
            if scores[key] < 100:
                lines.append(f"- {label} ({CATEGORIES[key]}): {', '.join(audits)}")
    return "\n".join(lines) + "\n"


def lighthouse_version():
    lock = json.loads((TOOL / "package-lock.json").read_text())
    return lock["packages"]["node_modules/lighthouse"]["version"]


def main():
    started = dt.datetime.now(dt.UTC)
    prepare()
    server = Server()
    results = []
    try:
        disallowed = kept_out_of_search(server.base)
        for label, path in pages(server.base):
            bench.log(f"· {label}: {path}")
            if disallowed(path):
                label += " (robots.txt: Disallow, is-crawlable not scored)"
            runs = []
            for _run in range(RUNS):
                with tempfile.TemporaryDirectory() as folder:
                    report_path = Path(folder) / "report.json"
                    runs.append(lighthouse(server.base + path, report_path, crawlable_audit=not disallowed(path)))
            # The median run per category (Lighthouse's advice against run-to-run variance, mostly blocking time).
            scores = {key: statistics.median_low(scores[key] for scores, _ in runs) for key in CATEGORIES}
            below = {}
            for key in CATEGORIES:
                for run_scores, run_below in runs:
                    if run_scores[key] == scores[key] and key in run_below:
                        below[key] = run_below[key]
                        break
            bench.log("  " + ", ".join(f"{CATEGORIES[key]} {value}" for key, value in scores.items()))
            results.append((label, path, scores, below))
    finally:
        server.stop()
    RESULTS.write_text(report(results, started))
    bench.log(f"· written to {RESULTS.relative_to(ROOT)}")
    failures = [
        f"{label} ({path}): {CATEGORIES[key]} {value}"
        for label, path, scores, _ in results
        for key, value in scores.items()
        if value < MINIMUM_SCORE
    ]
    if failures:
        sys.exit("Below " + str(MINIMUM_SCORE) + ":\n" + "\n".join(failures))


if __name__ == "__main__":
    main()
