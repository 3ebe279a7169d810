from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from content.sitemaps import SiteInEveryLanguage

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", content_views.search, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": SiteInEveryLanguage}}, name="sitemap"),
    path("robots.txt", content_views.robots_txt, name="robots_txt"),
    path("gezond/", include("config.health")),  # liveness and readiness probes (config/health.py)
    path("", include("recruitment.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The pages: Dutch at the root, English under /en/ (the language's prefix activates it; LocaleMiddleware). Only the
# pages are translated: the other URLs above stay where they are, in Dutch.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
