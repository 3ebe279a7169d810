import os

# Every way into the project except a developer's manage.py (which chooses config.settings.dev) runs production
# unless DJANGO_SETTINGS_MODULE says otherwise: gunicorn (config.wsgi) and Celery (`-A config`) both import this
# package first, so the default is set here, once, before the Celery app below reads the settings. Production
# refuses to start without its secrets; nothing falls back to the debug settings with their public secret key.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
