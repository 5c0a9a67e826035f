"""Keeping the search index equal to the database, without ever failing a user's request.

The index follows `portal.content_events` (see `ContentSignalProcessor`): every announced change
is turned into "make the index agree with the database for these objects": each object is re-read
through its index's `index_queryset()` (live, public pages only) and either written or removed.
An index lists in `depends_on` the other models its documents or their visibility read (a topic
its category; a page its ancestors' publication and view restrictions). When the Whoosh index is
locked (one writer at a time) the write is retried a few times, then recorded in
`PendingIndexUpdate`; the worker applies the queue a few seconds later
(`portal.tasks.process_search_queue`, scheduled every minute in TASK_SCHEDULES as « search_queue »).
"""

import logging
import time
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone
from haystack import connection_router, connections
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor
from wagtail.models import Page, PageViewRestriction

from .background import enqueue_scheduled_soon

logger = logging.getLogger(__name__)


def _indexes(model):
    for using in connection_router.for_write():
        try:
            yield using, connections[using].get_unified_index().get_index(model)
        except NotHandled:
            continue


def is_indexed(model):
    return any(True for _ in _indexes(model))


def sync_object(model, pk):
    """Writes or removes the object's document so the index matches the database."""
    sync_objects(model, [pk])


def sync_objects(model, pks):
    """Writes or removes these objects' documents so the index matches the database.

    The objects are read under the index's write lock (one writer, one commit for all): two
    requests updating the same document write in the order they read, so the last text written
    is the newest. Raises whatever the backend raises (notably `whoosh.index.LockError`).
    """
    keys = {str(pk) for pk in pks}
    if not keys:
        return
    for using, index in _indexes(model):
        backend = connections[using].get_backend()
        with getattr(backend, "locked", nullcontext)():
            found = list(index.index_queryset(using=using).filter(pk__in=keys))
            kept = [obj for obj in found if index.should_update(obj)]
            if kept:
                backend.update(index, kept)
            for key in keys - {str(obj.pk) for obj in found}:
                index.remove_object(f"{model._meta.label_lower}.{key}", using=using)


def sync_or_queue(model, pk):
    """Like `sync_object`, but never raises: retries, then queues the update. Returns True if done."""
    return sync_many_or_queue(model, [pk])


def sync_many_or_queue(model, pks):
    """`sync_objects` that never raises: retries, then queues each update. True if done."""
    from .models import PendingIndexUpdate

    pks = list(pks)
    retries = max(1, getattr(settings, "SEARCH_INDEX_RETRIES", 3))
    delay = getattr(settings, "SEARCH_INDEX_RETRY_DELAY", 0.2)
    error = None
    for attempt in range(retries):
        try:
            sync_objects(model, pks)
            return True
        except Exception as exc:  # a search index must never break a request
            error = exc
            if attempt + 1 < retries:
                time.sleep(delay)
    logger.warning(
        "Search index update of %s %s queued after %s attempts: %r",
        model._meta.label_lower,
        pks,
        retries,
        error,
    )
    label, message = model._meta.label_lower, repr(error)[:2000]
    queued_any = False
    for pk in pks:
        key = str(pk)
        try:
            # One UPDATE, not read-then-save: an item that `process_pending` deletes meanwhile
            # must not swallow this failure; a new `updated_at` keeps it from being deleted.
            queued = PendingIndexUpdate.objects.filter(model_label=label, object_pk=key).update(
                attempts=F("attempts") + 1, last_error=message, updated_at=timezone.now()
            )
            if not queued:
                PendingIndexUpdate.objects.get_or_create(
                    model_label=label, object_pk=key, defaults={"last_error": message}
                )
            queued_any = True
        except Exception:
            logger.exception("Could not queue the search index update of %s.%s", model, pk)
    if queued_any:
        _process_queue_soon()
    return False


def _process_queue_soon():
    """Asks the worker to apply the queue in a few seconds (the lock is usually free by then),
    rather than at the next minute of its schedule."""
    try:
        enqueue_scheduled_soon("search_queue", settings.SEARCH_QUEUE_DELAY)
    except Exception:  # the schedule applies the queue anyway
        logger.exception("Could not enqueue the search queue")


def process_pending(limit=None):
    """Applies queued updates; returns (done, still_pending)."""
    from .models import PendingIndexUpdate

    done = failed = 0
    queue = PendingIndexUpdate.objects.all()
    if limit:
        queue = queue[:limit]
    for item in list(queue):
        try:
            model = apps.get_model(item.model_label)
        except LookupError:
            item.delete()
            continue
        try:
            sync_object(model, item.object_pk)
        except Exception as exc:
            PendingIndexUpdate.objects.filter(pk=item.pk).update(
                attempts=item.attempts + 1, last_error=repr(exc)[:2000]
            )
            failed += 1
            continue
        # A newer failure for the same object (updated_at changed) stays queued.
        PendingIndexUpdate.objects.filter(pk=item.pk, updated_at=item.updated_at).delete()
        done += 1
    return done, failed


# --- Following `portal.content_events` ----------------------------------------------------------
class Change:
    """What an announcement says changed: keys (None: unknown rows) and the instances if known."""

    def __init__(self, pks, instances):
        self.pks, self.instances = pks, instances


def _dependency_model(dependency):
    return apps.get_model(dependency) if isinstance(dependency, str) else dependency


def _resolve(model, resolver, change):
    """Keys of `model` whose documents depend on the change (None: all of them)."""
    if callable(resolver):
        found = resolver(model, change)
    elif change.pks is None:
        return None
    else:
        found = model._default_manager.filter(**{f"{resolver}__in": change.pks})
    if found is None:
        return None
    if hasattr(found, "values_list"):
        found = found.values_list("pk", flat=True)
    return set(found)


def documents_to_sync(changed_model, change):
    """{indexed model: keys (None: every document)} that follow a change of `changed_model`:
    its own documents, and those of every index that declares it in `depends_on`."""
    changed_model = changed_model._meta.concrete_model
    targets = {}

    def add(model, keys):
        if model in targets and targets[model] is None:
            return
        targets[model] = None if keys is None else targets.get(model, set()) | set(keys)

    for using in connection_router.for_write():
        for model, index in connections[using].get_unified_index().get_indexes().items():
            if model is changed_model:
                add(model, change.pks)
            for dependency, resolver in getattr(index, "depends_on", {}).items():
                if _dependency_model(dependency) is changed_model:
                    add(model, _resolve(model, resolver, change))
    return targets


def models_with_documents():
    """The models whose writes can move the index: those it holds and those they depend on."""
    models = set()
    for using in connection_router.for_write():
        for model, index in connections[using].get_unified_index().get_indexes().items():
            models.add(model)
            models.update(_dependency_model(d) for d in getattr(index, "depends_on", {}))
    return models


_rebuild_follows = ContextVar("rebuild_follows", default=False)


@contextmanager
def rebuilt_afterwards():
    """Writes inside the block are not indexed one by one: when it ends without error, the whole
    index is rebuilt from the database in one pass. For bulk writers (the demo seeders write
    thousands of rows, each of which would otherwise commit its own Whoosh segment)."""
    token = _rebuild_follows.set(True)
    try:
        yield
    finally:
        _rebuild_follows.reset(token)
    call_command("rebuild_index", interactive=False, verbosity=0)


def sync_now_or_at_commit(model, keys):
    """Outside a transaction, now. Inside one, once when it commits (the documents are read from
    committed data, and a request writing several rows re-indexes each object once). A test
    case's transaction never commits, and its writes are visible to the test: now."""
    if keys is None:
        keys = set(model._default_manager.values_list("pk", flat=True))
    if not keys:
        return
    connection = transaction.get_connection()
    blocks = connection.atomic_blocks
    if not blocks or blocks[0]._from_testcase:
        sync_many_or_queue(model, keys)
        return
    batch = getattr(connection, "_search_batch", None)
    if batch is None:
        batch = connection._search_batch = {}
    batch.setdefault(model, set()).update(keys)
    # Registered again by every write: a callback of a rolled-back savepoint is dropped.
    transaction.on_commit(partial(_flush, connection, batch), robust=True)


def _flush(connection, batch):
    if getattr(connection, "_search_batch", None) is batch:
        connection._search_batch = None
    while batch:
        model, keys = batch.popitem()
        sync_many_or_queue(model, keys)


class ContentSignalProcessor(BaseSignalProcessor):
    """The search index follows `portal.content_events.content_changed`, like the page cache:
    every announced change re-indexes or removes the documents of the changed objects and of the
    objects whose index declares the changed model in `depends_on`."""

    def setup(self):
        from .content_events import content_changed, wants_keys

        self._models = None
        content_changed.connect(self.handle_change, dispatch_uid="search-index")
        wants_keys(self.needs_keys)

    def teardown(self):
        from .content_events import content_changed

        content_changed.disconnect(self.handle_change, dispatch_uid="search-index")

    def needs_keys(self, model):
        if self._models is None:
            self._models = models_with_documents()
        return model._meta.concrete_model in self._models

    def handle_change(self, sender, pks=None, instances=(), **kwargs):
        if sender is None or _rebuild_follows.get():
            return  # everything replaced, or written in bulk: the index is rebuilt afterwards
        for model, keys in documents_to_sync(sender, Change(pks, instances)).items():
            sync_now_or_at_commit(model, keys)


# --- Dependencies shared by the page indexes ----------------------------------------------------
def pages_below(page_ids, model):
    """Pages of `model` at or below these pages (by tree path)."""
    paths = list(Page.objects.filter(pk__in=page_ids).values_list("path", flat=True))
    if not paths:
        return model.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return model.objects.filter(condition)


def via(lookup, attribute):
    """A `depends_on` resolver: the indexed objects related through `lookup` to the changed
    rows, or named by their `attribute` when the instances are known (a deleted row)."""

    def resolve(model, change):
        if change.instances:
            return {getattr(obj, attribute) for obj in change.instances} - {None}
        if change.pks is None:
            return None
        return model._default_manager.filter(**{f"{lookup}__in": change.pks})

    return resolve


def page_tree_dependencies():
    """A page's document depends on its own and its ancestors' publication, moves and view
    restrictions: the `depends_on` entries of every page index."""

    def published_or_moved(model, change):
        ids = change.pks if change.pks is not None else [o.pk for o in change.instances]
        return pages_below(ids, model)

    def restricted(model, change):
        if change.instances:
            ids = {obj.page_id for obj in change.instances}
        elif change.pks is not None:
            ids = PageViewRestriction.objects.filter(pk__in=change.pks).values_list(
                "page_id", flat=True
            )
        else:
            return None
        return pages_below(list(ids), model)

    return {"wagtailcore.page": published_or_moved, "wagtailcore.pageviewrestriction": restricted}


def searchable_pages(queryset):
    """Live pages anyone may see: no view restriction on them or an ancestor (Wagtail's
    `public()`), and no unpublished ancestor below the root."""
    unpublished_ancestor = Page.objects.filter(
        live=False,
        depth__gt=1,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
    )
    return queryset.live().public().exclude(Exists(unpublished_ancestor))
