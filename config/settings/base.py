"""Settings shared by every environment. Every value that differs per deployment comes from the environment;
``.env.example`` lists them all."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "content",
    "routes",
    "recruitment",
    "config",  # the page cache's rules (config/wagtail_hooks.py)
    "wagtail_localize",
    "wagtail_localize.locales",  # the admin's locale management, in place of wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "csp",
    "axes",
    "wagtailcache",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "config.middleware.BrowserMaxAgeMiddleware",
    "wagtailcache.cache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.FormEncodingMiddleware",  # before anything reads a posted form (CSRF, axes, the views)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "content.middleware.KnownSiteMiddleware",  # after CommonMiddleware has refused hosts the site does not serve
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "wagtailcache.cache.FetchFromCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch is the language of the site and of the admin. English pages are translations of Dutch ones, under /en/
# (config/urls.py); Dutch pages keep their URLs without a prefix. docs/i18n.md describes the set-up.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks Dutch unless an editor chooses English in their own account settings.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Uploaded images and documents: local disk by default; S3-compatible storage when a bucket is configured,
# so several web servers can share them.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }

# Cache: Redis when REDIS_URL is set (shared by all web servers: rate limits), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions (the thank-you page's copy of a post, staff logins) live in that Redis when there is one: it keeps its
# data (docker-compose.yml: append-only, no eviction), and a form post then costs one Redis write instead of a
# database transaction. Without Redis, in the database.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Page cache (wagtail-cache): anonymous GET responses, purged whenever a page is published or unpublished or a
# snippet that pages show is saved (only the URLs concerned, content/cache.py). Its own Redis in production
# (docker-compose.yml gives it a memory limit and LRU eviction, apart from the broker's Redis, which never evicts),
# per-process local memory otherwise. Browsers may keep a page only briefly, so a purge is seen quickly.
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", "")
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "3600"))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "60"))
if PAGE_CACHE_URL:
    CACHES["pagecache"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "TIMEOUT": PAGE_CACHE_TIMEOUT,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
else:
    CACHES["pagecache"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pagecache",
        "TIMEOUT": PAGE_CACHE_TIMEOUT,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
WAGTAIL_CACHE = env_bool("PAGE_CACHE", True)
WAGTAIL_CACHE_BACKEND = "pagecache"
# A publish purges only the URLs it affects (content/cache.py): the keyring maps each URL to its cache entries.
WAGTAIL_CACHE_KEYRING = True
# Varnish in front (deploy/k8s/base/default.vcl): a publish sends it a PURGE per affected URL, to this address (its
# purge listener). Unset: no proxy to purge.
VARNISH_PURGE_URL = os.environ.get("VARNISH_PURGE_URL", "")
if VARNISH_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": VARNISH_PURGE_URL}
    }
# Only what every visitor can reach is stored (config/wagtail_hooks.py), so made-up URLs cannot fill the cache:
# 200 responses, to requests without a session or CSRF cookie or htmx header, whose query parameters are ones the
# pages read. Other requests are served but not stored. Tracking parameters (utm_*, fbclid, …: wagtail-cache's
# WAGTAIL_CACHE_IGNORE_QS) are left out of the cache key.
PAGE_CACHE_QUERY_PARAMETERS = {
    "pagina",  # search results page (content/views.py)
    "q",  # search query (content/views.py)
    "thema",  # toolkit and practice-examples filters (content/models/)
    "regio",  # practice-examples and agenda filters (content/models/practice.py, events.py)
    "vorm",  # agenda filter: online or on location (content/models/events.py)
    "sector",  # routes overview filter (routes/models/pages.py)
}

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Word techniekdocent <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production and tests; the embedded default uses kombu's filesystem transport.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# A broker that refuses connections costs a form post no wait: one reconnect, at once (then the scan sends).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 3,
    "max_retries": 1,
    "interval_start": 0,
}

# Recruitment: the one-month follow-up promise (recruitment/). Days are counted in local time (TIME_ZONE).
RECRUITMENT_CONTACT_DAYS = 30  # contact_due_at = created_at + 30 days; the coordinator is warned then
RECRUITMENT_REMINDER_DAYS = (7, 14, 21, 27)  # reminders to the region's staff while nobody has made contact
# Reminders fall on working days (weekends and Dutch public holidays move them); a next-action reminder at this hour.
RECRUITMENT_NEXT_ACTION_HOUR = 9
RECRUITMENT_ESCALATION_REPEAT_DAYS = 7  # after day 30, the coordinator is warned again weekly while overdue
RECRUITMENT_ESCALATION_MAX_REPEATS = 4  # weekly warnings after the first; then the registration shows as expired
RECRUITMENT_RETENTION_MONTHS = 12  # every registration is anonymised this long after its last activity
# A registrant already contacted longer ago than this who posts the form again (and confirms it) starts a new
# follow-up cycle with a new deadline; a more recent contact only tells the region.
RECRUITMENT_NEW_CYCLE_AFTER_DAYS = 90
RECRUITMENT_RESUBMISSION_VALID_DAYS = 7  # the link that confirms a post for a known address works this long
RECRUITMENT_RESUBMISSION_MAX_PENDING = 3  # unconfirmed posts (and e-mails) per registration at a time
RECRUITMENT_SEND_MAX_ATTEMPTS = 8  # attempts at one e-mail before it is marked failed and the coordinator warned
RECRUITMENT_SCAN_INTERVAL_MINUTES = 5  # the beat task that sends due reminders and anything never sent
RECRUITMENT_RATE_LIMIT = "10/h"  # form submissions per IP address (django-ratelimit, in the default cache)
EVENT_SIGNUP_RATE_LIMIT = "10/h"  # event sign-ups per IP address (recruitment/event_views.py)
RECRUITMENT_PERSONAL_PAGE_DAYS = 30  # the link to a registrant's own page (in their e-mails) works this long
RECRUITMENT_PERSONAL_LINK_RATE_LIMITS = {"ip": "10/h", "address": "3/h"}  # requests for a new link to that page
# Proxies (load balancer, TLS terminator) in front of the web server whose X-Forwarded-For is trusted for the
# visitor's IP; with 0 behind a proxy, every visitor would share one rate limit.
RECRUITMENT_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
RECRUITMENT_SEND_RETRY_BACKOFF = 60  # seconds before a failed e-mail is retried; doubled each attempt
RECRUITMENT_SEND_RETRY_BACKOFF_MAX = 60 * 60
# Hybride match (recruitment/hybrid/): offers of a professional's hours and schools' needs for them.
HYBRID_MATCH_RATE_LIMIT = "10/h"  # offers and needs posted per IP address
HYBRID_MATCH_UNCONFIRMED_DAYS = 3  # a post whose e-mail link was not clicked is deleted after this many days
HYBRID_MATCH_VALID_DAYS = 182  # an approved offer or need is public this long (about half a year)
HYBRID_MATCH_RENEWAL_NOTICE_DAYS = 14  # its contact person is asked to renew it this long before it expires
# Days after an introduction on which the region's staff are reminded, while no outcome is logged.
HYBRID_MATCH_REMINDER_DAYS = (7, 14, 21, 28, 42, 56)
# Routes: the facts a visitor compares are checked against their sources at least this often (routes/facts_check.py).
# A live route never checked, checked longer ago, or missing a source is listed in the admin (Rapporten, "Routes te
# controleren"), and its editors get one reminder per due period; without editors, the content team gets it.
ROUTES_FACTS_CHECK_MONTHS = int(os.environ.get("ROUTES_FACTS_CHECK_MONTHS", "12"))
ROUTES_CONTENT_TEAM_EMAILS = env_list("ROUTES_CONTENT_TEAM_EMAILS")  # else the site's contact address (SiteSettings)
# The conversation tool (gesprekskaarten, content/conversation_views.py): a conversation nobody opened or changed for
# this many days is deleted by a daily beat task; starting one is rate limited per IP address.
CONVERSATION_RETENTION_DAYS = 90
CONVERSATION_START_RATE_LIMIT = "20/h"
CELERY_BEAT_SCHEDULE = {
    "recruitment-send-due-reminders": {
        "task": "recruitment.tasks.send_due_reminders",
        "schedule": timedelta(minutes=RECRUITMENT_SCAN_INTERVAL_MINUTES),
        "options": {"expires": RECRUITMENT_SCAN_INTERVAL_MINUTES * 60},
    },
    "recruitment-anonymise-expired-registrations": {
        "task": "recruitment.tasks.anonymise_expired_registrations",
        "schedule": crontab(hour=3, minute=30),
    },
    "recruitment-delete-past-event-sign-ups": {
        "task": "recruitment.event_tasks.delete_past_event_sign_ups",
        "schedule": crontab(hour=3, minute=40),
    },
    "recruitment-delete-unconfirmed-hybrid-posts": {
        "task": "recruitment.tasks.delete_unconfirmed_hybrid_posts",
        "schedule": crontab(hour=3, minute=50),
    },
    "recruitment-delete-past-hybrid-posts": {
        "task": "recruitment.tasks.delete_past_hybrid_posts",
        "schedule": crontab(hour=3, minute=55),
    },
    "routes-remind-stale-route-facts": {
        "task": "routes.tasks.remind_stale_route_facts",
        "schedule": crontab(hour=9, minute=15),  # CELERY_TIMEZONE: a working morning in Amsterdam
    },
    "content-delete-inactive-conversations": {
        "task": "content.tasks.delete_inactive_conversations",
        "schedule": crontab(hour=3, minute=50),
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Word techniekdocent"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail 7.4 runs its index and reference updates as immediate django-tasks, logging each at INFO.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Security: a strict Content-Security-Policy on public pages (htmx is loaded from our own static files and runs
# without eval or inline styles); the Wagtail admin gets a workable one (see config/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# A page's preview (Wagtail renders it through the middleware again, for the page's public URL) keeps the public
# policy, but the editor's preview panel, an iframe in the admin, may show it. Wagtail's preview views set
# X-Frame-Options: SAMEORIGIN themselves.
PREVIEW_CONTENT_SECURITY_POLICY = {"frame-ancestors": ["'self'"]}
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The dashboard would ask releases.wagtail.org for new versions: outside connect-src, and not the editors' concern.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Admin login brute force: django-axes locks an IP + username after 5 failures for one hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
