"""Production settings for `make bench`: served over plain http on 127.0.0.1, with a bare Django view beside
the site to compare against. Never used outside the benchmark."""

import os

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench_urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# The registration benchmark posts a few hundred registrations from one address (127.0.0.1): the per-IP limit
# (10/h in production) is raised for it, and only for it. docs/performance.md says so.
RECRUITMENT_RATE_LIMIT = "100000/h"

# The registration benchmark's Celery worker writes its mail to files (another process than the benchmark).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
