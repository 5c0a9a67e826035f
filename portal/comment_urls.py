"""The comment URLs the portal serves: comments-xtd's, without its REST API and format twins.

comments-xtd wraps its URLs in DRF's format_suffix_patterns: every HTML view gets a twin
(``sent.json``, ``reply/1.json``…) that passes a « format » argument the view does not take (a
500 on any such address), and its REST API serves a JavaScript widget the portal does not use
(its preview answered 500 without an « email » field). Same views, same names, none of those.
"""

from django.urls import path
from django_comments.views import comments, moderation
from django_comments_xtd import views

# django_comments.urls restated with `<id:…>`: a comment is looked up through its link to the
# base comment, which Django does not bound (portal.numbers.IdConverter). Its content-type
# shortcut (« cr/ ») is portal.comments_access's, listed before these in portal.urls.
urlpatterns = [
    path("sent/", views.sent, name="comments-xtd-sent"),
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path("reply/<id:cid>/", views.reply, name="comments-xtd-reply"),
    path("flag/<id:comment_id>/", views.flag, name="comments-flag"),
    path("like/<id:comment_id>/", views.like, name="comments-xtd-like"),
    path("liked/", views.like_done, name="comments-xtd-like-done"),
    path("dislike/<id:comment_id>/", views.dislike, name="comments-xtd-dislike"),
    path("disliked/", views.dislike_done, name="comments-xtd-dislike-done"),
    path("post/", comments.post_comment, name="comments-post-comment"),
    path("posted/", comments.comment_done, name="comments-comment-done"),
    path("flagged/", moderation.flag_done, name="comments-flag-done"),
    path("delete/<id:comment_id>/", moderation.delete, name="comments-delete"),
    path("deleted/", moderation.delete_done, name="comments-delete-done"),
    path("approve/<id:comment_id>/", moderation.approve, name="comments-approve"),
    path("approved/", moderation.approve_done, name="comments-approve-done"),
]
