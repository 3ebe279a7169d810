"""Test settings: real PostgreSQL and Redis when reachable (the dev machines and CI have them on the standard local
ports). Where one is missing, the tests that need it skip with a reason, or fail when ``REQUIRE_SERVICES=1``."""

import os
import socket

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR


def reachable(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
POSTGRES_AVAILABLE = reachable("127.0.0.1", 5432)
REDIS_AVAILABLE = reachable("127.0.0.1", 6379)

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
elif POSTGRES_AVAILABLE or REQUIRE_SERVICES:
    DATABASES = {"default": dj_database_url.parse("postgres://postgres@127.0.0.1:5432/techniekdocent")}
else:
    DATABASES = {"default": dj_database_url.parse(f"sqlite:///{BASE_DIR / 'var' / 'test.sqlite3'}")}

# Each test run may pick its own Redis database (TEST_REDIS_DB), so parallel runs do not share queues or keys.
TEST_REDIS_URL = f"redis://127.0.0.1:6379/{os.environ.get('TEST_REDIS_DB', '1')}"
REDIS_URL = TEST_REDIS_URL if REDIS_AVAILABLE else ""
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pagecache"},
}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # as in production (config/settings/base.py)
CELERY_BROKER_URL = TEST_REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
AXES_ENABLED = False  # the brute-force tests switch it on with override_settings
WAGTAIL_CACHE = False  # the page-cache tests switch it on

# Recruitment: each test run has its own Celery queue, so runs that share a Redis database never take each other's
# tasks; a failed e-mail is retried after a second instead of a minute.
CELERY_TASK_DEFAULT_QUEUE = f"techniekdocent-tests-{os.getpid()}"
RECRUITMENT_SEND_RETRY_BACKOFF = 1
RECRUITMENT_SEND_RETRY_BACKOFF_MAX = 2
