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
    path("a-relire/<int:pk>/", views.decide, name="decide"),
    path("a-relire/<int:pk>/publier/", views.publish, name="publish"),
    path("a-relire/<int:pk>/refuser/", views.refuse, name="refuse"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/telecharger/", views.download, name="download"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
]
