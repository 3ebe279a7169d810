"""Production settings for `make bench`: served over plain http on 127.0.0.1, with a bare Django view beside
the site to compare against. Never used outside the benchmark."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench_urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
