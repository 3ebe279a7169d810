from django.urls import path

from . import checkin_views, registrant_views, views
from .hybrid import views as hybrid_views

app_name = "recruitment"

urlpatterns = [
    path("aanmelding/", views.register, name="register"),
    path("aanmelding/bedankt/", views.thanks, name="thanks"),
    path("aanmelding/intrekken/<str:token>/", views.withdraw_registration, name="withdraw"),
    path("aanmelding/bevestigen/<str:token>/", views.confirm_resubmission_view, name="confirm"),
    path("aanmelding/mijn-pagina/", registrant_views.request_link, name="personal_link"),
    path("aanmelding/mijn-pagina/verstuurd/", registrant_views.link_sent, name="personal_link_sent"),
    path("aanmelding/mijn-pagina/<str:token>/", registrant_views.personal_page, name="personal_page"),
    path("aanmelding/mijn-pagina/<str:token>/wijzigen/", registrant_views.change, name="personal_change"),
    path("aanmelding/mijn-pagina/<str:token>/gegevens/", registrant_views.my_data, name="personal_data"),
    path(
        "aanmelding/mijn-pagina/<str:token>/gegevens.json",
        registrant_views.my_data_download,
        name="personal_data_download",
    ),
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
