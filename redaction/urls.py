from django.urls import path

from . import views

app_name = "redaction"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:pk>/", views.draft_detail, name="draft"),
    path("<id:pk>/etape/<slug:slug>/", views.step, name="step"),
    path("<id:pk>/verification/", views.check, name="check"),
    path("<id:pk>/verification/autodiagnostic/", views.to_assessment, name="to_assessment"),
    path("<id:pk>/versions/", views.versions, name="versions"),
    path("<id:pk>/versions/<id:number>/restaurer/", views.restore, name="restore"),
    path("<id:pk>/export.<str:fmt>", views.export, name="export"),
    path("<id:pk>/partage/", views.share, name="share"),
    path("<id:pk>/partage/<id:share_pk>/revoquer/", views.revoke, name="revoke"),
    path("partage/<str:token>/", views.shared, name="shared"),
]
