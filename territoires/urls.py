from django.urls import path

from . import views

app_name = "territoires"

urlpatterns = [
    path("trouver-un-facilitateur/", views.finder, name="finder"),
    path("rendez-vous/<id:pk>.ics", views.event_ics, name="event_ics"),
]
