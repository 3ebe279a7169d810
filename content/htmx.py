"""The request type of views that read htmx headers, for annotations (django-htmx's middleware sets ``request.htmx``).

In content, the lowest app, so every app's views can use it."""

from django_htmx.middleware import HtmxDetails

from django.http import HttpRequest


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
