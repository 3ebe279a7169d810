"""`python -m tests.bench_registrations`: only the registration benchmark of tests/bench.py (the real form posted
from a few threads while gunicorn and a real Celery worker run; every accepted post checked to be stored and its
staff notification delivered). Prints the figures and the machine's load; writes nothing to docs/."""

import os

from tests import bench


def main():
    bench.prepare()
    bench.log(f"· registrations: {bench.REGISTRANTS} posts")
    figures = bench.post_registrations()
    bench.clear_registrations()
    print("\n".join(bench.registration_report(figures)))
    print(f"Load average (1, 5, 15 min): {', '.join(f'{value:.2f}' for value in os.getloadavg())}")
    ok = figures["stored"] == figures["notified"] == figures["accepted"] == figures["posts"]
    raise SystemExit(0 if ok else "Not every post was accepted, stored and notified")


if __name__ == "__main__":
    main()
