from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("moderation/", views.moderation, name="moderation"),
    path(
        "moderation/message/<id:pk>/<slug:action>/",
        views.moderate_post,
        name="moderate_post",
    ),
    path(
        "moderation/sujet/<id:pk>/<slug:action>/",
        views.moderate_topic,
        name="moderate_topic",
    ),
    path(
        "moderation/signalement/<id:pk>/classer/",
        views.resolve_report,
        name="resolve_report",
    ),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("sujet/<id:pk>/", views.topic_detail, name="topic"),
    path("sujet/<id:pk>/repondre/", views.reply, name="reply"),
    path("sujet/<id:pk>/suivre/", views.follow_topic, name="follow_topic"),
    path("message/<id:pk>/", views.post_redirect, name="post"),
    path("message/<id:pk>/modifier/", views.post_edit, name="post_edit"),
    path("message/<id:pk>/supprimer/", views.post_delete, name="post_delete"),
    path("message/<id:pk>/solution/", views.mark_solution, name="mark_solution"),
    path("message/<id:pk>/signaler/", views.report, name="report"),
    path("<slug:slug>/", views.category_detail, name="category"),
    path("<slug:slug>/nouveau-sujet/", views.topic_create, name="topic_create"),
    path("<slug:slug>/suivre/", views.follow_category, name="follow_category"),
]
