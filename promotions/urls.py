from django.urls import path

from .views import mentor, participant, public

app_name = "promotions"

urlpatterns = [
    path("", public.promotion_list, name="index"),
    path("mes-promotions/", participant.my_promotions, name="mine"),
    path("mes-promotions/agenda/regenerer/", participant.regenerate_feed, name="regenerate_feed"),
    path("agenda/<str:token>.ics", participant.feed, name="feed"),
    path("<slug:slug>/", public.promotion_detail, name="detail"),
    path("<slug:slug>/candidater/", public.apply, name="apply"),
    path("<slug:slug>/espace/", participant.space, name="space"),
    path("<slug:slug>/espace/membres/", participant.members, name="members"),
    path("<slug:slug>/espace/seances/<id:pk>/", participant.session_detail, name="session"),
    path(
        "<slug:slug>/espace/seances/<id:pk>/seance.ics",
        participant.session_ics,
        name="session_ics",
    ),
    path("<slug:slug>/espace/seances/<id:pk>/presences/", mentor.attendance, name="attendance"),
    path("<slug:slug>/espace/seances/<id:pk>/fiche/", participant.recap_detail, name="recap"),
    path(
        "<slug:slug>/espace/seances/<id:pk>/fiche/modifier/", mentor.recap_edit, name="recap_edit"
    ),
    path("<slug:slug>/espace/fiches/", participant.recap_list, name="recaps"),
    path("<slug:slug>/espace/documents/", participant.documents, name="documents"),
    path("<slug:slug>/espace/documents/<id:pk>/", participant.document_download, name="document"),
    path("<slug:slug>/espace/questionnaire/", participant.survey, name="survey"),
    path(
        "<slug:slug>/espace/questionnaire/resultats/", mentor.survey_results, name="survey_results"
    ),
    path("<slug:slug>/espace/questionnaire/resultats.csv", mentor.survey_csv, name="survey_csv"),
]
