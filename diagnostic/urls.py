from django.urls import path

from . import views

app_name = "diagnostic"

urlpatterns = [
    path("", views.index, name="index"),
    path("etape/<slug:slug>/", views.step, name="step"),
    path("resultat/", views.result, name="result"),
    path("resultat/export.<str:fmt>", views.export, name="export"),
    path("recommencer/", views.reset, name="reset"),
    path("enregistrer/", views.save, name="save"),
    path("historique/", views.history, name="history"),
    path("evaluations/<id:pk>/", views.assessment_detail, name="assessment"),
    path(
        "evaluations/<id:pk>/export.<str:fmt>",
        views.assessment_export,
        name="assessment_export",
    ),
    path("import-decp/", views.decp_import, name="decp_import"),
    path("import-decp/<id:pk>/", views.decp_import_detail, name="decp_import_detail"),
    path("import-decp/<id:pk>/etat.json", views.decp_import_status, name="decp_import_status"),
]
