from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, path
from django.urls.resolvers import RoutePattern
from django.utils.translation import pgettext_lazy

from . import checkin_views, registrant_views, views
from .hybrid import views as hybrid_views

app_name = "recruitment"


# What the registrant sees: the form, the thank-you page, withdrawal, confirming a new post, their own page. In Dutch
# at the root as before, and in English under /en/ (the prefix activates the language: LocaleMiddleware), with the
# paths in the English catalogue (msgctxt "URL": /en/register/thank-you/).
registration_patterns = [
    path(pgettext_lazy("URL", "aanmelding/"), views.register, name="register"),
    path(pgettext_lazy("URL", "aanmelding/bedankt/"), views.thanks, name="thanks"),
    path(pgettext_lazy("URL", "aanmelding/intrekken/<str:token>/"), views.withdraw_registration, name="withdraw"),
    path(pgettext_lazy("URL", "aanmelding/bevestigen/<str:token>/"), views.confirm_resubmission_view, name="confirm"),
    path(pgettext_lazy("URL", "aanmelding/mijn-pagina/"), registrant_views.request_link, name="personal_link"),
    path(
        pgettext_lazy("URL", "aanmelding/mijn-pagina/verstuurd/"), registrant_views.link_sent, name="personal_link_sent"
    ),
    path(
        pgettext_lazy("URL", "aanmelding/mijn-pagina/<str:token>/"),
        registrant_views.personal_page,
        name="personal_page",
    ),
    path(
        pgettext_lazy("URL", "aanmelding/mijn-pagina/<str:token>/wijzigen/"),
        registrant_views.change,
        name="personal_change",
    ),
    path(
        pgettext_lazy("URL", "aanmelding/mijn-pagina/<str:token>/gegevens/"),
        registrant_views.my_data,
        name="personal_data",
    ),
    path(
        pgettext_lazy("URL", "aanmelding/mijn-pagina/<str:token>/gegevens.json"),
        registrant_views.my_data_download,
        name="personal_data_download",
    ),
]

urlpatterns = [
    # Django refuses i18n_patterns as the direct content of an include() (config/urls.py includes this module), so
    # they sit one level down, in the app's one namespace: the staff URLs below keep their Dutch paths only.
    URLResolver(RoutePattern(""), i18n_patterns(*registration_patterns, prefix_default_language=False)),
    path("hybride-match/", hybrid_views.overview, name="hybrid_match"),
    path("hybride-match/aanbieden/", hybrid_views.offer, name="hybrid_offer"),
    path("hybride-match/vragen/", hybrid_views.need, name="hybrid_need"),
    path("hybride-match/check-je-e-mail/", hybrid_views.posted, name="hybrid_posted"),
    path("hybride-match/bevestigen/<str:what>/<str:token>/", hybrid_views.confirm, name="hybrid_confirm"),
    path("hybride-match/verlengen/<str:what>/<str:token>/", hybrid_views.renew, name="hybrid_renew"),
    path("inchecken/<int:event_pk>/", checkin_views.check_in_page, name="check_in"),
    path("inchecken/<int:event_pk>/code/", checkin_views.check_in_code, name="check_in_code"),
    path(
        "inchecken/<int:event_pk>/aanmelding/<int:sign_up_pk>/",
        checkin_views.check_in_sign_up,
        name="check_in_sign_up",
    ),
    path("inchecken/<int:event_pk>/binnenloper/", checkin_views.walk_in, name="check_in_walk_in"),
]
