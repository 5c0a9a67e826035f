"""The comment URLs the portal serves: comments-xtd's, without its REST API and format twins.

comments-xtd wraps its URLs in DRF's format_suffix_patterns: every HTML view gets a twin
(``sent.json``, ``reply/1.json``…) that passes a « format » argument the view does not take (a
500 on any such address), and its REST API serves a JavaScript widget the portal does not use
(its preview answered 500 without an « email » field). Same views, same names, none of those.
"""

from django.urls import include, path, re_path
from django_comments_xtd import views

urlpatterns = [
    re_path(r"^sent/$", views.sent, name="comments-xtd-sent"),
    re_path(r"^confirm/(?P<key>[^/]+)/$", views.confirm, name="comments-xtd-confirm"),
    re_path(r"^mute/(?P<key>[^/]+)/$", views.mute, name="comments-xtd-mute"),
    re_path(r"^reply/(?P<cid>\d+)/$", views.reply, name="comments-xtd-reply"),
    re_path(r"^flag/(\d+)/$", views.flag, name="comments-flag"),
    re_path(r"^like/(\d+)/$", views.like, name="comments-xtd-like"),
    re_path(r"^liked/$", views.like_done, name="comments-xtd-like-done"),
    re_path(r"^dislike/(\d+)/$", views.dislike, name="comments-xtd-dislike"),
    re_path(r"^disliked/$", views.dislike_done, name="comments-xtd-dislike-done"),
    path("", include("django_comments.urls")),
]
