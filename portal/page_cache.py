"""Whole-page cache, emptied whenever the content it shows changes.

Every cached page is filed with the current *content version*; publishing a page or saving any
model registered with `invalidate_on` bumps it, so every cached page is stale at once (old
entries simply expire). A member's pages are also filed with their own *member version*, bumped
by what only they see change (`invalidate_member_on`: read markers, subscriptions, account).

Only views that opt in are cached: Wagtail pages and the views decorated with
`cached_page` (one copy for every anonymous visitor) or `cached_page_per_visitor` (a copy per
member, and per value of the view's `vary` function, e.g. the visitor's answers). Visitors with a
message waiting always get a fresh page. A response is stored only if it is a 200 that sets no
cookie and is not marked private, and if any CSRF token it holds is the visitor's own cookie,
which is then part of the key: a shared copy holds no token at all.

With several gunicorn workers the cache must be shared (Redis): a local-memory cache would keep
one content version per process.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from wagtail import views as wagtail_views
from wagtail.models import Page

VERSION_KEY = "page-cache:version"
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}


def member_version_key(user_id):
    return f"page-cache:member:{user_id}"


def cached_page(view):
    """Mark a view whose page is the same for every anonymous visitor (members get their own)."""
    view.page_cache = True
    return view


def cached_page_per_visitor(vary):
    """Mark a view whose page depends on the request only through `vary(request)` (a string)."""

    def decorator(view):
        view.page_cache = True
        view.page_cache_vary = vary
        return view

    return decorator


def _increment(key):
    try:
        cache.incr(key)
    except ValueError:
        # Missing (first write or evicted): start from the clock so no old entry can match.
        cache.add(key, time.time_ns(), None)


def _bump(key):
    """Bump at once, and again when the write is committed: a page rendered in between, from the
    data before the write, would otherwise be kept under the new version."""
    _increment(key)
    transaction.on_commit(lambda: _increment(key))


def content_version():
    """The current content version, for caches of other things that follow the content."""
    return _current_versions([VERSION_KEY], cache.get_many([VERSION_KEY]))[0]


def bump_content_version(**_signal_kwargs):
    _bump(VERSION_KEY)


def bump_member_version(user_id):
    _bump(member_version_key(user_id))


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


def invalidate_member_on(model, user_field="user_id"):
    """A save or deletion of this model empties the cached pages of the member it belongs to."""

    def bump(sender, instance, **_kwargs):
        bump_member_version(getattr(instance, user_field))

    for signal in (post_save, post_delete):
        signal.connect(bump, sender=model, weak=False, dispatch_uid=f"page-cache-member-{model}")


def _is_private(response):
    directives = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(directives & PRIVATE_DIRECTIVES)


def _current_versions(keys, found):
    versions = []
    for key in keys:
        if found.get(key) is None:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
        versions.append(found[key])
    return tuple(versions)


class PageCacheMiddleware:
    """Serves and stores the opted-in pages (see the module docstring).

    Placed after the CSRF, authentication and message middleware, which it reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(request, "_page_cache_entry", None)
        if entry and self._is_storable(request, response, entry["personal"]):
            # Status, headers and body only: cheaper to load than the pickled response object.
            stored = (response.status_code, list(response.items()), response.content)
            cache.set(entry["key"], (entry["versions"], stored), entry["timeout"])
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return None
        if not (view_func is wagtail_views.serve or getattr(view_func, "page_cache", False)):
            return None
        if len(get_messages(request)):
            return None
        user = request.user
        vary = getattr(view_func, "page_cache_vary", None)
        personal = user.is_authenticated or vary is not None
        parts = [request.LANGUAGE_CODE, request.build_absolute_uri()]
        version_keys = [VERSION_KEY]
        if personal:
            parts += [str(user.pk), request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")]
            parts += [vary(request)] if vary else []
            if user.is_authenticated:
                version_keys.append(member_version_key(user.pk))
        digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
        key = f"page-cache:{digest}"
        found = cache.get_many([*version_keys, key])
        versions = _current_versions(version_keys, found)
        cached_versions, cached = found.get(key, (None, None))
        if cached_versions == versions:
            status, headers, content = cached
            response = HttpResponse(content, status=status, headers=dict(headers))
            response["X-Page-Cache"] = "hit"
            return response
        request._page_cache_entry = {
            "key": key,
            "versions": versions,
            "personal": personal,
            "timeout": settings.PAGE_CACHE_MEMBER_SECONDS
            if user.is_authenticated
            else settings.PAGE_CACHE_SECONDS,
        }
        return None

    @staticmethod
    def _is_storable(request, response, personal):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if _is_private(response):
            return False
        if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return True  # no CSRF token in the page
        # A personal copy may hold the visitor's token, if it comes from the cookie in the key.
        cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        return personal and cookie is not None and request.META.get("CSRF_COOKIE") == cookie


def _bump_for_pages(sender, instance, **_kwargs):
    if isinstance(instance, Page):
        bump_content_version()


def invalidate_on_shared_content():
    """Publishing, unpublishing, moving or deleting a page, or editing what every page shows
    (site, settings, taxonomy, organisations and profiles, documents, images and comments)
    empties the cache."""
    from django.contrib.auth import get_user_model
    from django_comments.models import CommentFlag
    from django_comments_xtd.models import XtdComment
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
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
        PageViewRestriction,
    )
    # Group membership decides what a member may see; an account change is the member's own.
    user_model = get_user_model()
    m2m_changed.connect(
        bump_content_version, sender=user_model.groups.through, dispatch_uid="page-cache-groups"
    )
    invalidate_member_on(user_model, user_field="pk")
