"""Whole-page cache for anonymous visitors, emptied whenever published content changes.

Every cached page is filed under the current *content version*; publishing a page or saving any
model registered with `invalidate_on` bumps the version, so every cached page is stale at once
(old entries simply expire). Only views that opt in are cached (Wagtail pages and the views
decorated with `cache_for_anonymous`), only for visitors who are not logged in and have no
message waiting, and only responses that are the same for every such visitor: a 200 that sets no
cookie, uses no CSRF token and is not marked private.

With several gunicorn workers the cache must be shared (Redis): a local-memory cache would keep
one content version per process.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import cc_delim_re
from wagtail import views as wagtail_views
from wagtail.models import Page

VERSION_KEY = "page-cache:version"
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}


def cache_for_anonymous(view):
    """Mark a view whose page is the same for every anonymous visitor."""
    view.anonymous_page_cache = True
    return view


def bump_content_version(**_signal_kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # Missing (first write or evicted): start from the clock so no old entry can match.
        cache.add(VERSION_KEY, time.time_ns(), None)


def invalidate_on(*models):
    """Any save or deletion of these models (and their many-to-many changes) empties the cache."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-{model}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump_content_version,
                sender=field.remote_field.through,
                dispatch_uid=f"page-cache-{model}-{field.name}",
            )


def _is_cacheable_view(view_func):
    return view_func is wagtail_views.serve or getattr(view_func, "anonymous_page_cache", False)


def _is_private(response):
    directives = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(directives & PRIVATE_DIRECTIVES)


class AnonymousPageCacheMiddleware:
    """Serves and stores the opted-in pages of anonymous visitors (see the module docstring).

    Placed after the authentication and message middleware, which it reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(request, "_page_cache_entry", None)
        if entry and self._is_shareable(request, response):
            key, version = entry
            cache.set(key, (version, response), self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.timeout or request.method not in ("GET", "HEAD"):
            return None
        if not _is_cacheable_view(view_func) or request.user.is_authenticated:
            return None
        if len(get_messages(request)):
            return None
        url = request.build_absolute_uri()
        digest = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
        key = f"page-cache:{request.LANGUAGE_CODE}:{digest}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            bump_content_version()
            version = cache.get(VERSION_KEY)
        cached_version, cached = found.get(key, (None, None))
        if cached_version == version:
            cached["X-Page-Cache"] = "hit"
            return cached
        request._page_cache_entry = (key, version)
        return None

    @staticmethod
    def _is_shareable(request, response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not _is_private(response)
        )


def _bump_for_pages(sender, instance, **_kwargs):
    if isinstance(instance, Page):
        bump_content_version()


def invalidate_on_shared_content():
    """Publishing, unpublishing, moving or deleting a page, or editing what every page shows
    (site, settings, taxonomy, organisations and profiles, documents, images and comments)
    empties the cache."""
    from django_comments.models import CommentFlag
    from django_comments_xtd.models import XtdComment
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import CollectiviteType, FamilleAchat, Organisation, Profile, SiteSettings, Theme

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(_bump_for_pages, dispatch_uid="page-cache-page-delete")
    invalidate_on(
        Site,
        SiteSettings,
        Theme,
        FamilleAchat,
        CollectiviteType,
        Organisation,
        Profile,
        get_document_model(),
        get_image_model(),
        XtdComment,
        CommentFlag,
    )
