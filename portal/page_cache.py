"""Whole-page cache, emptied whenever the content it shows changes.

Every cached page is filed with the versions of the content it was rendered from, and is stale
as soon as one of them moves (old entries simply expire). Each change announced by
`portal.content_events` (a page published, any write of a project model, bulk ones included)
bumps one version:

- the *shared version*, for what every page may show: pages, sites, documents, images, groups and
  the portal's own models (settings, taxonomy, organisations). Every entry is filed with it.
- an *area version* for the rows of one feature app (the forum, promotions, registrations…) or
  the comments. An entry is filed with the versions of the areas its render read: the tables
  named by its SQL queries are recorded while it renders, so a page that never queried the forum
  survives a forum reply, and a new model needs nothing declared. A link table between a page
  (or a shared model) and another is shared too: its links change with the page. A render that
  reads content elsewhere than in the database (the search index) names the models it shows
  (`depends_on`), and is filed with their areas' versions as if it had read their tables.
- a *shard version*, for areas whose rows each belong to one object (a comment to the commented
  page, a forum post to its topic: `content_events.files_rows_by`). A page that reads one
  object's rows inside `rows_of(area, key)` is filed under that object's shard of the area (one
  of SHARDS) instead of the whole area, so a comment on one fiche leaves the other fiches, a
  reply to one topic the other topics. A write bumps the area and the shards of the objects it
  names: every shard when they are unknown (a category, a flag, a bulk update).

A member's pages are also filed with their own *member version*, bumped when their account
changes, and with their version of each area whose rows of theirs the render read (models
declared `@per_member`, one area per model: opening a topic writes a read marker, which empties
their forum listings, not their copy of a fiche nor of the topic, which shows their subscription;
the marker is written once the topic's page is filed, `write_after_render`).

Only views that opt in are cached: Wagtail pages and the views decorated with
`cached_page` (one copy for every anonymous visitor) or `cached_page_per_visitor` (a copy per
member, and per value of the view's `vary` function, e.g. the visitor's answers). Visitors with a
message waiting always get a fresh page. A response is stored only if it is a 200 that sets no
cookie and is not marked private, and if any CSRF token it holds is the visitor's own cookie,
which is then part of the key: a shared copy holds no token at all.

With several gunicorn workers the cache must be shared (Redis): a local-memory cache would keep
one content version per process.

Entries live in their own cache (settings.PAGE_CACHE_ALIAS, "pages"), apart from the rate-limit
counters of the default cache, and anonymous keys have a bounded number of values: a request with
a query parameter outside settings.PAGE_CACHE_QUERY_PARAMS, or a query string longer than
settings.PAGE_CACHE_MAX_QUERY_LENGTH, is served fresh and never stored. « X-Page-Cache » is sent
only when settings.PAGE_CACHE_HEADER asks for it.
"""

import contextlib
import contextvars
import functools
import hashlib
import re
import time
import zlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, get_resolver, get_urlconf
from django.utils.cache import cc_delim_re
from django.utils.crypto import salted_hmac
from wagtail import views as wagtail_views


class _PagesCache:
    """The page cache's own store, looked up at each use (settings may change in tests)."""

    def __getattr__(self, name):
        return getattr(caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")], name)


cache = _PagesCache()

VERSION_KEY = "page-cache:version"
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Apps whose rows every page may show (through cached settings, menus or filters): their writes
# bump the shared version.
SHARED_APPS = {"portal"}
COMMENT_APPS = {"django_comments", "django_comments_xtd"}
COMMENTS = "comments"
# Enough that a comment empties a few pages out of the many that show a thread; each shard is
# one more version read with every entry.
SHARDS = 8

# The reads of the render in progress (a _Reads).
_reads = contextvars.ContextVar("page_cache_reads", default=None)
# SQLite and PostgreSQL quote table names with double quotes.
_QUOTED_NAME = re.compile(r'"([^"]+)"')


def member_version_key(user_id, area=None):
    """The version of what only this member sees: all of it (their account), or one area's rows
    of theirs (their read markers in the forum)."""
    key = f"page-cache:member:{user_id}"
    return f"{key}:{area}" if area else key


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


def area_key(area):
    return f"page-cache:area:{area}"


def area_of(model):
    """The area whose version a write of `model` bumps, or None for the shared version."""
    from .content_events import CONTENT, role_of

    if model is None or role_of(model)[0] != CONTENT:
        return None  # pages (and everything when the whole database changed) are shared
    if model._meta.auto_created and any(_bumps_shared(end) for end in _ends(model)):
        # A link table (many-to-many) changes with its two ends, which are both announced: when
        # one is shared (a page and its themes), so is every change of their links.
        return None
    if model._meta.app_label in COMMENT_APPS:
        return COMMENTS
    return _app_area(model)


def member_area_of(model):
    """The area of a member's rows of a per-member model (one per model: their read markers
    apart from their subscriptions), or None for their account (all their copies)."""
    from .content_events import PER_MEMBER, is_project_model, role_of

    if role_of(model)[0] != PER_MEMBER or not is_project_model(model):
        return None
    return model._meta.label_lower


def _app_area(model):
    """A feature app's area: its label (the portal's own models and libraries' are shared)."""
    from .content_events import is_project_model

    label = model._meta.app_label
    return label if is_project_model(model) and label not in SHARED_APPS else None


def _ends(link_model):
    return [field.related_model for field in link_model._meta.fields if field.is_relation]


def _bumps_shared(model):
    from .content_events import CONTENT, PAGES, role_of

    role = role_of(model)[0]
    return role == PAGES or (role == CONTENT and area_of(model) is None)


@functools.cache
def _table_areas(of):
    """Table name -> area, for every model whose writes bump an area (`of`: area_of, or
    member_area_of for the members' own rows)."""
    return {
        model._meta.db_table: area
        for model in apps.get_models(include_auto_created=True)
        if (area := of(model)) is not None
    }


def shard_area(area, *key):
    """The shard of `area` that the rows of the object named by `key` (the values of its
    declared fields) are filed under."""
    return _shard(area, zlib.crc32(":".join(map(str, key)).encode()) % SHARDS)


def _shard(area, number):
    return f"{area}:{number}"


@functools.cache
def _sharded_areas():
    from .content_events import object_fields

    return frozenset(
        area
        for model in apps.get_models()
        if object_fields(model) and (area := area_of(model)) is not None
    )


def _shards_written(area, model, pks, instances):
    """The shards of `area` a write changed; all of them when its objects are unknown."""
    from .content_events import object_fields

    fields = object_fields(model)
    if fields == ("pk",) and pks:
        return {shard_area(area, pk) for pk in pks}
    if fields and instances:
        objects = {tuple(getattr(row, name) for name in fields) for row in instances}
        if all(None not in values for values in objects):
            return {shard_area(area, *values) for values in objects}
    return _all_shards(area)


def _all_shards(area):
    return {_shard(area, number) for number in range(SHARDS)}


@functools.cache
def _area_keys():
    """The cache key of every area's version (shards included), in a stable order."""
    areas = set(_table_areas(area_of).values())
    areas = areas.union(*(_all_shards(area) for area in _sharded_areas()))
    return tuple(area_key(area) for area in sorted(areas))


@functools.cache
def _member_areas():
    return tuple(sorted(set(_table_areas(member_area_of).values())))


def _areas_read(reads, of=area_of):
    table_areas = _table_areas(of)
    return {table_areas[name] for name in reads if name in table_areas}


class _Reads:
    """What a render read: the tables its SQL named, and areas named directly (a shard)."""

    def __init__(self):
        self.tables = set()
        self.areas = set()

    def areas_read(self):
        return _areas_read(self.tables) | self.areas


def depends_on(models):
    """Files the page being rendered as if it had read the tables of `models`: it shows content
    read elsewhere than in the database (the search index), which their writes move."""
    reads = _reads.get()
    if reads is not None:
        reads.tables.update(model._meta.db_table for model in models)


def write_after_render(request, write):
    """Runs `write()` once the page is rendered and filed: for a member's state that the page
    changes but does not show (opening a topic marks it read). Written during the render, it
    would bump a version the new copy was filed under, and the next visit would render again.
    Without a render to file (page cache off, a POST), it runs at once."""
    pending = getattr(request, "_page_cache_writes", None)
    if pending is None:
        write()
    else:
        pending.append(write)


@contextlib.contextmanager
def rows_of(area, *key):
    """Files the rows of `area` read inside under the shard of the object `key` names (the
    values of the fields declared by `content_events.files_rows_by`) instead of the whole area.
    Only that object's rows may be read inside; a read left outside is filed under the area.
    An area without declared fields has no shards: its reads stay filed under the area."""
    outer = _reads.get()
    if outer is None or area not in _sharded_areas():
        yield
        return
    inner = _Reads()
    token = _reads.set(inner)
    try:
        yield
    finally:
        _reads.reset(token)
        table_areas = _table_areas(area_of)
        sharded = {name for name in inner.tables if table_areas.get(name) == area}
        outer.tables |= inner.tables - sharded
        outer.areas |= inner.areas
        if sharded:
            outer.areas.add(shard_area(area, *key))


def _record_reads(execute, sql, params, many, context):
    """Database execute wrapper: the quoted names of each query go into the render's reads."""
    reads = _reads.get()
    if reads is not None:
        reads.tables.update(_QUOTED_NAME.findall(sql))
    return execute(sql, params, many, context)


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
    """The shared version, for caches of pages and of the portal's own models (menus, taxonomy);
    a cache of a feature app's rows must not be keyed on it (their writes bump their area)."""
    return _current_versions([VERSION_KEY], cache.get_many([VERSION_KEY]))[0]


def bump_content_version(**_signal_kwargs):
    _bump(VERSION_KEY)


def bump_member_version(user_id, area=None):
    _bump(member_version_key(user_id, area))


def _cacheable_query(request):
    """Only the query parameters the cached views read, in a short query string."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > settings.PAGE_CACHE_MAX_QUERY_LENGTH:
        return False
    return all(name in settings.PAGE_CACHE_QUERY_PARAMS for name in request.GET)


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


def _opts_in(view):
    return view is wagtail_views.serve or getattr(view, "page_cache", False)


@functools.lru_cache(maxsize=1024)
def _view_at(urlconf, path):
    """The view `path` resolves to, or None: remembered per process (a bounded number of paths),
    since resolving walks every route before Wagtail's catch-all, about a sixth of a hit."""
    try:
        return get_resolver(urlconf).resolve(path).func
    except Resolver404:
        return None


@receiver(setting_changed)
def _forget_views(*, setting, **_kwargs):
    if setting == "ROOT_URLCONF":
        _view_at.cache_clear()


@functools.cache
def _secret_part(secret):
    """Members' entries follow the secret key: rotating it ends every session, as Django's check
    of the session hash does when a page is rendered."""
    return salted_hmac("portal.page_cache", "member-entries", secret=secret).hexdigest()


class _Lookup:
    """An entry's key, read with every version it may be filed with, in one round trip.

    The key: the language and the address, and for a personal copy the member, their session,
    their CSRF cookie (a copy may hold their token) and the view's `vary` value. On a miss, the
    versions are those read before the render, so a write during it makes the new entry stale.
    """

    def __init__(self, request, view, member):
        self.view = view
        self.member = member
        vary = getattr(view, "page_cache_vary", None)
        self.personal = personal = member is not None or vary is not None
        parts = [request.LANGUAGE_CODE, request.build_absolute_uri()]
        self.always = [VERSION_KEY]
        if personal:
            parts += [str(member), request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")]
            parts += [vary(request)] if vary is not None else []
        member_area_keys = []
        if member is not None:
            parts += [request.session.session_key or "", _secret_part(settings.SECRET_KEY)]
            self.always.append(member_version_key(member))
            member_area_keys = [member_version_key(member, area) for area in _member_areas()]
        digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
        # "filed": entries of the format before areas (one tuple of versions) are never read.
        self.key = f"page-cache:filed:{digest}"
        version_keys = [*self.always, *_area_keys(), *member_area_keys]
        found = cache.get_many([*version_keys, self.key])
        self.versions = dict(zip(version_keys, _current_versions(version_keys, found), strict=True))
        self.found = found.get(self.key, ((), None))

    def hit(self):
        filed, cached = self.found
        if not filed or any(self.versions.get(name) != version for name, version in filed):
            return None
        status, headers, content = cached
        response = HttpResponse(content, status=status, headers=dict(headers))
        if settings.PAGE_CACHE_HEADER:
            response["X-Page-Cache"] = "hit"
        return response


def _servable(request):
    """Whether the request may be answered from the cache, whatever its view."""
    return (
        settings.PAGE_CACHE_SECONDS
        and request.method in ("GET", "HEAD")
        and _cacheable_query(request)
        and not len(get_messages(request))
    )


def _session_member(request):
    """The member whose session this is, without loading them: enough to find their copies.

    Django checks the session against the member (active, same password, same secret key) when a
    page is rendered, not here. A copy is filed under the session's key and the member's
    version, so it is read only by the session it was rendered for, and only until their
    account changes (a write of the user bumps their version); logging out deletes the session.
    """
    member = request.session.get(SESSION_KEY)
    return member if isinstance(member, str) and member.isascii() and member.isdigit() else None


class PageCacheMiddleware:
    """Serves and stores the opted-in pages (see the module docstring).

    Placed after the CSRF, authentication and message middleware, which it reads. A page is
    served before its URL is resolved and before the member is loaded (`_view_at`,
    `_session_member`); `process_view` looks again if the member the session named is not the
    one loaded, and files a miss. Requests for a view that does not opt in pass through untouched:
    their queries are not recorded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        view = _view_at(get_urlconf(), request.path_info)
        if not _opts_in(view):
            # Nothing to serve nor to file (`process_view` files only what is recorded here).
            return self.get_response(request)
        if _servable(request):
            lookup = _Lookup(request, view, _session_member(request))
            if (response := lookup.hit()) is not None:
                return response
            request._page_cache_lookup = lookup
        request._page_cache_writes = []
        reads = _Reads()
        token = _reads.set(reads)
        try:
            with connection.execute_wrapper(_record_reads):
                response = self.get_response(request)
        finally:
            _reads.reset(token)
        entry = getattr(request, "_page_cache_entry", None)
        if entry and self._is_storable(request, response, entry["personal"]):
            lookup = entry["lookup"]
            filed = [(key, lookup.versions[key]) for key in lookup.always]
            keys = [area_key(area) for area in sorted(reads.areas_read())]
            if lookup.member is not None:
                member_areas = sorted(_areas_read(reads.tables, member_area_of))
                keys += [member_version_key(lookup.member, area) for area in member_areas]
            filed += [(key, lookup.versions[key]) for key in keys]
            # Status, headers and body only: cheaper to load than the pickled response object.
            stored = (response.status_code, list(response.items()), response.content)
            cache.set(lookup.key, (tuple(filed), stored), entry["timeout"])
            if settings.PAGE_CACHE_HEADER:
                response["X-Page-Cache"] = "miss"
        for write in request._page_cache_writes:
            write()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _reads.get() is None or not _opts_in(view_func) or not _servable(request):
            return None
        user = request.user
        member = str(user.pk) if user.is_authenticated else None
        lookup = getattr(request, "_page_cache_lookup", None)
        if lookup is None or lookup.member != member or lookup.view is not view_func:
            lookup = _Lookup(request, view_func, member)
            if (response := lookup.hit()) is not None:
                return response
        request._page_cache_entry = {
            "lookup": lookup,
            "personal": lookup.personal,
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


def _content_changed(sender, members=None, pks=None, instances=(), **_kwargs):
    """Subscriber of `portal.content_events.content_changed`: a member's own state empties
    their copies, a feature app's rows the copies that read them (or their objects' shards),
    anything else every copy."""
    if members is not None:
        area = member_area_of(sender)
        for user_id in members:
            bump_member_version(user_id, area)
        return
    area = area_of(sender)
    if area is None:
        bump_content_version()
        return
    _bump(area_key(area))
    if area in _sharded_areas():
        for shard in _shards_written(area, sender, pks, instances):
            _bump(area_key(shard))


def connect():
    from .content_events import content_changed

    content_changed.connect(_content_changed, dispatch_uid="page-cache")
