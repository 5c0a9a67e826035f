from django.urls import path

from . import views

app_name = "redaction"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.draft_detail, name="draft"),
    path("<int:pk>/etape/<slug:slug>/", views.step, name="step"),
    path("<int:pk>/verification/", views.check, name="check"),
    path("<int:pk>/verification/autodiagnostic/", views.to_assessment, name="to_assessment"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/versions/<int:number>/restaurer/", views.restore, name="restore"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/partage/", views.share, name="share"),
    path("<int:pk>/partage/<int:share_pk>/revoquer/", views.revoke, name="revoke"),
    path("partage/<str:token>/", views.shared, name="shared"),
]
