"""One announcement of changed content, which every piece of derived state follows.

Whatever writes a row of a model — `save()`, `delete()` (one object or a queryset), a queryset's
`update()` or `bulk_create()` (and `bulk_update()`, which runs `update()`), a many-to-many change,
a page published, unpublished, moved or deleted — sends `content_changed(sender=model, pks=…,
instances=…, members=…)`. The page cache (`portal.page_cache`) and the search index
(`portal.search.ContentSignalProcessor`) subscribe to it; nothing else needs to remember them.

How a write counts is declared on the model, next to its fields:

- by default every model of the project's apps is **content**: a write empties every cached page
  and re-indexes the documents that depend on it. A new model cannot be forgotten.
- `@per_member("user_id")`: state only its member sees (read markers, subscriptions). A write
  empties only that member's cached pages.
- `@invisible`: rows no page shows (queues, tokens, outgoing mail). A write announces nothing.

And, for content whose rows each belong to one object (a post to its topic), `@files_rows_by`
names that object, so that a page showing one object's rows follows that object's writes only
(`portal.page_cache.rows_of`).

Project managers are made tracking managers when their model class is prepared, so
`Model.objects.filter(…).update(…)` and related managers announce too. The only ways around the
mechanism are raw SQL, a cursor and `_base_manager`; `tests/portal/test_content_events.py` fails
when app code uses them. Pages are written through Wagtail's operations, which announce when a
page is published, unpublished, moved or deleted (what is below it changes too); saving a draft
announces nothing.
"""

import functools
import sys
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import class_prepared, m2m_changed, post_delete, post_save
from django.dispatch import Signal

content_changed = Signal()

CONTENT = "content"
PER_MEMBER = "per-member"
INVISIBLE = "invisible"
PAGES = "pages"

# Models of libraries that pages show: their writes are content too (or a member's own).
LIBRARY_CONTENT = {
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtaildocs.document",
    "wagtailimages.image",
    "django_comments_xtd.xtdcomment",
    "django_comments.comment",
    "django_comments.commentflag",
    "auth.group",
}
LIBRARY_PER_MEMBER = {settings.AUTH_USER_MODEL.lower(): "pk"}

_declared = {}  # model -> (role, user field)
# Model label -> the fields naming the object its rows belong to (libraries' models by label).
_object_fields = {
    "django_comments.comment": ("content_type_id", "object_pk"),
    "django_comments_xtd.xtdcomment": ("content_type_id", "object_pk"),
}
_key_consumers = []  # callables(model) -> bool: whether a subscriber needs the changed keys


def per_member(user_field):
    """Declares a model whose rows only their member sees (`user_field` names the member)."""

    def declare(model):
        _declared[model] = (PER_MEMBER, user_field)
        return model

    return declare


def invisible(model):
    """Declares a model that no page nor search result shows."""
    _declared[model] = (INVISIBLE, None)
    return model


def files_rows_by(*fields):
    """Declares content whose rows each belong to one object, named by `fields` (a post's
    "topic_id"; "pk" for the object's own row)."""

    def declare(model):
        _object_fields[model._meta.label_lower] = fields
        return model

    return declare


def object_fields(model):
    """The fields naming the object a row of `model` belongs to, or None."""
    return _object_fields.get(model._meta.concrete_model._meta.label_lower)


def content(model):
    """Declares explicitly what is the default: a model whose rows pages or search show."""
    _declared[model] = (CONTENT, None)
    return model


def is_project_model(model):
    """A model of one of the project's apps (not a library's, nor a migration's frozen copy)."""
    if model._meta.apps is not global_apps:
        return False
    return _is_project_app(model._meta.app_label)


@functools.cache
def _is_project_app(app_label):
    app_config = global_apps.app_configs.get(app_label)
    if app_config is None:
        return False
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return base in path.parents and "site-packages" not in path.parts


def _is_page_model(model):
    page = sys.modules.get("wagtail.models")
    return page is not None and hasattr(page, "Page") and issubclass(model, page.Page)


def role_of(model):
    """(role, user field) for a model: CONTENT, PER_MEMBER, INVISIBLE, PAGES or None (ignored)."""
    model = model._meta.concrete_model
    if model in _declared:
        return _declared[model]
    label = model._meta.label_lower
    if _is_page_model(model):
        return (PAGES, None)
    if label in LIBRARY_PER_MEMBER:
        return (PER_MEMBER, LIBRARY_PER_MEMBER[label])
    if label in LIBRARY_CONTENT or is_project_model(model):
        return (CONTENT, None)
    return (None, None)


def wants_keys(callback):
    """Registers `callback(model) -> bool`: True when a subscriber needs the changed rows' keys
    (a bulk `update()` then reads them first, one query)."""
    _key_consumers.append(callback)
    return callback


def _needs_keys(model):
    return any(callback(model) for callback in _key_consumers)


def announce(model, pks=None, instances=None, members=None):
    """Tells the subscribers that these rows of `model` changed.

    `pks` None means "some rows, which ones is unknown". `members`: for a per-member model, the
    members whose pages changed (read from `instances` when not given).
    """
    role, user_field = role_of(model)
    if role is None or role == INVISIBLE:
        return
    instances = tuple(instances or ())
    if pks is None and instances and all(obj.pk is not None for obj in instances):
        pks = [obj.pk for obj in instances]
    if role == PER_MEMBER:
        if members is None and instances:
            members = {getattr(obj, user_field) for obj in instances}
        if members is not None:
            members = {member for member in members if member is not None}
            if not members:
                return  # None means "unknown members": every cached page
    else:
        members = None
    content_changed.send(
        sender=model._meta.concrete_model,
        pks=None if pks is None else frozenset(pks),
        instances=instances,
        members=members,
    )


def announce_everything():
    """The whole database was replaced (a backup restored): every cached page is stale. (The
    search index is rebuilt by the caller: documents of rows that no longer exist must go.)"""
    content_changed.send(sender=None, pks=None, instances=(), members=None)


# --- Tracking querysets -------------------------------------------------------------------------
class TrackedQuerySetMixin:
    """`update()` and `bulk_create()` announce what they wrote (`delete()` does through Django's
    per-object `post_delete`, which the mechanism listens to)."""

    def update(self, **kwargs):
        role, user_field = role_of(self.model)
        keys = members = None
        if role == PER_MEMBER:
            members = set(self.values_list(user_field, flat=True))
        elif role == CONTENT and _needs_keys(self.model):
            keys = set(self.values_list("pk", flat=True))
        rows = super().update(**kwargs)
        if rows:
            announce(self.model, pks=keys, members=members)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            announce(self.model, instances=created)
        return created

    bulk_create.alters_data = True


_tracked_classes = {}


def _tracked(cls, mixin, prefix):
    if issubclass(cls, mixin):
        return cls
    if cls not in _tracked_classes:
        name = f"{prefix}{cls.__name__}_{len(_tracked_classes)}"
        attrs = {"__module__": __name__, "__qualname__": name}
        if prefix == "TrackedManager":
            attrs["_queryset_class"] = _tracked(
                cls._queryset_class, TrackedQuerySetMixin, "Tracked"
            )
        tracked = type(name, (mixin, cls), attrs)
        globals()[name] = tracked  # importable by name (pickling)
        _tracked_classes[cls] = tracked
    return _tracked_classes[cls]


class TrackedManagerMixin:
    pass


def _track_managers(sender, **_kwargs):
    """Turns every manager of a project model into a tracking one (class swap, so related
    managers, which subclass the default manager's class, track too)."""
    model = sender
    if model._meta.abstract or not is_project_model(model) or _is_page_model(model):
        return
    for klass in model.__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is None:
            continue
        for manager in meta.local_managers:
            manager.__class__ = _tracked(type(manager), TrackedManagerMixin, "TrackedManager")
    model._meta._expire_cache()


class_prepared.connect(_track_managers, dispatch_uid="content-events-managers")


# --- Django and Wagtail signals -----------------------------------------------------------------
def _saved(sender, instance, raw=False, **_kwargs):
    if raw or role_of(sender)[0] == PAGES:
        return  # a page saved may be a draft: pages announce when (un)published or moved
    announce(sender, instances=[instance])


def _deleted(sender, instance, **_kwargs):
    role = role_of(sender)[0]
    if role == PAGES:
        from wagtail.models import Page

        if type(instance) is not Page:
            announce(sender, pks=[instance.pk], instances=[instance])
        return
    announce(sender, pks=[instance.pk], instances=[instance])


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **_kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    announce(type(instance), pks=[instance.pk], instances=[instance])
    announce(model, pks=pk_set if action != "post_clear" else None)


def _page_tree_changed(sender, instance, **_kwargs):
    """Publication, unpublication and moves change the page and what is below it."""
    from wagtail.models import Page

    announce(Page, pks=[instance.pk], instances=[instance])


def connect():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_saved, dispatch_uid="content-events-save")
    post_delete.connect(_deleted, dispatch_uid="content-events-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="content-events-m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_tree_changed, dispatch_uid=f"content-events-page-{id(signal)}")
