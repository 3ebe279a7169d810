from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

BARE_BODY = ("<!DOCTYPE html><html lang='nl'><title>bare</title><p>" + "Techniekdocent " * 330 + "</p></html>").encode()


@never_cache
def bare_view(request):
    """The yardstick: a plain Django view of about 5 KB, through the same middleware stack."""
    return HttpResponse(BARE_BODY)


urlpatterns = [path("__bare__/", bare_view), path("", include("config.urls"))]
