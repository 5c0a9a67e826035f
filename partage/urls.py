from django.urls import path

from . import views
from .feeds import PublicDocumentsFeed

app_name = "partage"

urlpatterns = [
    path("", views.index, name="index"),
    path("flux.atom", PublicDocumentsFeed(), name="feed"),
    path("proposer/", views.contribute, name="contribute"),
    path("mes-contributions/", views.mine, name="mine"),
    path("a-relire/", views.queue, name="queue"),
    path("a-relire/<id:pk>/", views.decide, name="decide"),
    path("a-relire/<id:pk>/publier/", views.publish, name="publish"),
    path("a-relire/<id:pk>/refuser/", views.refuse, name="refuse"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/telecharger/", views.download, name="download"),
    path("<id:pk>/retirer/", views.withdraw, name="withdraw"),
]
