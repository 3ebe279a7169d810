from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("aanmelding/", views.register, name="register"),
    path("aanmelding/bedankt/", views.thanks, name="thanks"),
    path("aanmelding/intrekken/<str:token>/", views.withdraw_registration, name="withdraw"),
    path("aanmelding/bevestigen/<str:token>/", views.confirm_resubmission_view, name="confirm"),
]
