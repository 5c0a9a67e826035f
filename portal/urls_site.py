from django.urls import path, re_path

from . import membership_views, my_data, views

app_name = "portal"

urlpatterns = [
    path("compte/profil/", views.profile_edit, name="profile"),
    path(
        "compte/organisations/demandes/",
        membership_views.membership_requests,
        name="membership_requests",
    ),
    path(
        "compte/organisations/<id:pk>/membres/",
        membership_views.organisation_members,
        name="organisation_members",
    ),
    path(
        "compte/organisations/quitter/<id:pk>/",
        membership_views.leave_organisation,
        name="leave_organisation",
    ),
    path("compte/mes-donnees/", my_data.my_data, name="my_data"),
    re_path(
        r"^compte/mes-donnees/export\.(?P<fmt>json|csv)$",
        my_data.download,
        name="my_data_download",
    ),
    path("compte/supprimer/", my_data.delete_account, name="delete_account"),
    path("donnees-personnelles/", my_data.privacy, name="privacy"),
    path("annuaire/", views.directory, name="directory"),
    path("ce-qui-a-change/", views.legal_changes, name="legal_changes"),
    path("plan-du-site/", views.site_map, name="site_map"),
]
