from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config import urls as site_urls

BARE_BODY = ("<!DOCTYPE html><html lang='nl'><title>bare</title><p>" + "Techniekdocent " * 330 + "</p></html>").encode()


@never_cache
def bare_view(request):
    """The yardstick: a plain Django view of about 5 KB, through the same middleware stack."""
    return HttpResponse(BARE_BODY)


# The site's own patterns follow as they are: Django refuses i18n_patterns (the pages, config/urls.py) in an include().
urlpatterns = [path("__bare__/", bare_view), *site_urls.urlpatterns]
