from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("moderation/", views.moderation, name="moderation"),
    path(
        "moderation/message/<int:pk>/<slug:action>/",
        views.moderate_post,
        name="moderate_post",
    ),
    path(
        "moderation/sujet/<int:pk>/<slug:action>/",
        views.moderate_topic,
        name="moderate_topic",
    ),
    path(
        "moderation/signalement/<int:pk>/classer/",
        views.resolve_report,
        name="resolve_report",
    ),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("sujet/<int:pk>/", views.topic_detail, name="topic"),
    path("sujet/<int:pk>/repondre/", views.reply, name="reply"),
    path("sujet/<int:pk>/suivre/", views.follow_topic, name="follow_topic"),
    path("message/<int:pk>/", views.post_redirect, name="post"),
    path("message/<int:pk>/modifier/", views.post_edit, name="post_edit"),
    path("message/<int:pk>/supprimer/", views.post_delete, name="post_delete"),
    path("message/<int:pk>/solution/", views.mark_solution, name="mark_solution"),
    path("message/<int:pk>/signaler/", views.report, name="report"),
    path("<slug:slug>/", views.category_detail, name="category"),
    path("<slug:slug>/nouveau-sujet/", views.topic_create, name="topic_create"),
    path("<slug:slug>/suivre/", views.follow_category, name="follow_category"),
]
