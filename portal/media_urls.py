"""The development server's media files: never Wagtail's documents.

Documents may belong to a collection restricted to logged-in members or to a group; only
Wagtail's view (`/documents/<id>/<name>`, WAGTAILDOCS_SERVE_METHOD = "serve_view") checks that.
Served from the media folder, the same file would be public to anyone who knows its path. In
production the proxy serves `MEDIA_URL` likewise without `documents/` (see the README).
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

DOCUMENTS_FOLDER = "documents/"


def media_patterns():
    prefix = settings.MEDIA_URL.strip("/")
    return [
        re_path(
            rf"^{prefix}/(?!{DOCUMENTS_FOLDER})(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
