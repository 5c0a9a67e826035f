from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("compte/profil/", views.profile_edit, name="profile"),
    path("annuaire/", views.directory, name="directory"),
    path("sante/", views.health, name="health"),
    path("ce-qui-a-change/", views.legal_changes, name="legal_changes"),
]
