from django.urls import path

from . import registrant_views, views

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
]
