from django.urls import path

from . import feeds, views

app_name = "registre"

urlpatterns = [
    path("", views.index, name="index"),
    path("publier/", views.publish, name="publish"),
    path("flux.rss", feeds.RegistreRssFeed(), name="feed_rss"),
    path("flux.atom", feeds.RegistreAtomFeed(), name="feed_atom"),
    path("registre.csv", views.export_csv, name="export_csv"),
    path("registre.json", views.export_json, name="export_json"),
    path("registre.schema.json", views.json_schema, name="json_schema"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/document/<str:filename>", views.document, name="document"),
    path("<id:pk>/modifier/", views.edit, name="edit"),
    path("<id:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<id:pk>/depublier/", views.unpublish, name="unpublish"),
]
