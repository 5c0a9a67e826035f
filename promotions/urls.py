from django.urls import path

from . import views

app_name = "promotions"

urlpatterns = [
    path("", views.promotion_list, name="index"),
    path("mes-promotions/", views.my_promotions, name="mine"),
    path("mes-promotions/agenda/regenerer/", views.regenerate_feed, name="regenerate_feed"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
    path("<slug:slug>/", views.promotion_detail, name="detail"),
    path("<slug:slug>/candidater/", views.apply, name="apply"),
    path("<slug:slug>/espace/", views.space, name="space"),
    path("<slug:slug>/espace/membres/", views.members, name="members"),
    path("<slug:slug>/espace/seances/<int:pk>/", views.session_detail, name="session"),
    path("<slug:slug>/espace/seances/<int:pk>/seance.ics", views.session_ics, name="session_ics"),
    path("<slug:slug>/espace/seances/<int:pk>/presences/", views.attendance, name="attendance"),
    path("<slug:slug>/espace/seances/<int:pk>/fiche/", views.recap_detail, name="recap"),
    path(
        "<slug:slug>/espace/seances/<int:pk>/fiche/modifier/", views.recap_edit, name="recap_edit"
    ),
    path("<slug:slug>/espace/fiches/", views.recap_list, name="recaps"),
    path("<slug:slug>/espace/documents/", views.documents, name="documents"),
    path("<slug:slug>/espace/documents/<int:pk>/", views.document_download, name="document"),
    path("<slug:slug>/espace/questionnaire/", views.survey, name="survey"),
    path(
        "<slug:slug>/espace/questionnaire/resultats/", views.survey_results, name="survey_results"
    ),
    path("<slug:slug>/espace/questionnaire/resultats.csv", views.survey_csv, name="survey_csv"),
]
