"""The Celery app, configured from Django settings (``CELERY_*``). Without DJANGO_SETTINGS_MODULE it runs production
(see config/__init__.py, which is imported first)."""

from celery import Celery

app = Celery("techniekdocent")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
