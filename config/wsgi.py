"""The WSGI application for gunicorn. Without DJANGO_SETTINGS_MODULE it runs production (config/__init__.py, which
Python imports before this module, sets that default for every entry point)."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
