"""`make bench`: throughput and latency of the site's pages against a bare Django view on the same server.

Starts gunicorn (2 sync workers) on PostgreSQL with the demo content and production settings (tests/bench_settings),
measures each page with wrk with the page cache on and off, and prints each page's throughput as a ratio to the bare
view, plus page weight (HTML + CSS + JS, gzip). Writes the figures to docs/performance.md.

Needs PostgreSQL and Redis on 127.0.0.1 and wrk (`apt-get install wrk`).
"""

import datetime as dt
import gzip
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE = "techniekdocent_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
RESULTS = ROOT / "docs" / "performance.md"


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
    }


def manage(*args, page_cache=False):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=environment(page_cache), check=True,
                   stdout=subprocess.DEVNULL)


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
            [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--workers", "2", "--bind",
             f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=environment(page_cache),
        )
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
    output = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url],
                            capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)

    def percentile(name):
        value, unit = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s)", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {"rps": rps, "p50": percentile("50"), "p99": percentile("99"), "errors": int(non_2xx.group(1)) if non_2xx
            else 0}


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
        "print(RoutePage.objects.live().first().url); print(ArticlePage.objects.live().first().url);"
        "print(RouteFinderPage.objects.live().first().url)"
    )
    out = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=environment(False), capture_output=True, text=True,
                         check=True).stdout.split()
    route, article, finder = out
    return {
        "bare Django view": "/__bare__/",
        "home page": "/",
        "route page": route,
        "article": article,
        "search": "/zoeken/?q=techniek",
        "route finder result": finder + "resultaat/?opleiding=hbo&ervaring=lang&baan=nee&sector=vmbo&rol=docent",
    }


def measure():
    urls = pages()
    results = {}
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
        finally:
            server.stop()
    return urls, results


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
            row += [f"{figures['rps']:.0f}", f"{figures['rps'] / bare:.2f}", f"{figures['p50']:.1f}",
                    f"{figures['p99']:.1f}"]
        row.append(f"{results['weight'][name] / 1024:.1f}")
        lines.append("| " + " | ".join(row) + " |")
    errors = {key: value["errors"] for key, value in results.items() if key != "weight" and value["errors"]}
    lines += ["", f"Non-2xx responses during the runs: {errors or 'none'}.", ""]
    return "\n".join(lines)


def main():
    for tool in ("wrk",):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install {tool}")
    prepare()
    urls, results = measure()
    text = report(urls, results)
    print(text)
    extra = ROOT / "docs" / "performance-notes.md"
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(text + ("\n" + extra.read_text() if extra.exists() else ""))
    log(f"· written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
