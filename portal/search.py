"""Keeping the search index equal to the database, without ever failing a user's request.

Every change is turned into "make the index agree with the database for this object": the
object is re-read through its index's `index_queryset()` (live, public pages only) and either
written or removed. When the Whoosh index is locked (one writer at a time) the write is retried a
few times, then recorded in `PendingIndexUpdate`; `manage.py process_search_queue` applies the
queue later (run it from cron, e.g. every minute).
"""

import logging
import time
from contextlib import nullcontext

from django.apps import apps
from django.conf import settings
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from haystack import connection_router, connections
from haystack.exceptions import NotHandled
from haystack.signals import BaseSignalProcessor
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

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
    """Writes or removes the object's document so the index matches the database.

    The object is read under the index's write lock: two requests updating the same document
    write in the order they read, so the last text written is the newest.
    Raises whatever the backend raises (notably `whoosh.index.LockError`).
    """
    for using, index in _indexes(model):
        backend = connections[using].get_backend()
        with getattr(backend, "locked", nullcontext)():
            obj = index.index_queryset(using=using).filter(pk=pk).first()
            if obj is None:
                index.remove_object(f"{model._meta.label_lower}.{pk}", using=using)
            elif index.should_update(obj):
                index.update_object(obj, using=using)


def sync_or_queue(model, pk):
    """Like `sync_object`, but never raises: retries, then queues the update. Returns True if done."""
    from .models import PendingIndexUpdate

    retries = max(1, getattr(settings, "SEARCH_INDEX_RETRIES", 3))
    delay = getattr(settings, "SEARCH_INDEX_RETRY_DELAY", 0.2)
    error = None
    for attempt in range(retries):
        try:
            sync_object(model, pk)
            return True
        except Exception as exc:  # noqa: BLE001 — a search index must never break a request
            error = exc
            if attempt + 1 < retries:
                time.sleep(delay)
    logger.warning(
        "Search index update of %s.%s queued after %s attempts: %r",
        model._meta.label_lower,
        pk,
        retries,
        error,
    )
    label, key, message = model._meta.label_lower, str(pk), repr(error)[:2000]
    try:
        # One UPDATE, not read-then-save: an item that `process_pending` deletes meanwhile must
        # not swallow this failure; a new `updated_at` keeps it from being deleted afterwards.
        queued = PendingIndexUpdate.objects.filter(model_label=label, object_pk=key).update(
            attempts=F("attempts") + 1, last_error=message, updated_at=timezone.now()
        )
        if not queued:
            PendingIndexUpdate.objects.get_or_create(
                model_label=label, object_pk=key, defaults={"last_error": message}
            )
    except Exception:  # noqa: BLE001
        logger.exception("Could not queue the search index update of %s.%s", model, pk)
    return False


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
        except Exception as exc:  # noqa: BLE001
            PendingIndexUpdate.objects.filter(pk=item.pk).update(
                attempts=item.attempts + 1, last_error=repr(exc)[:2000]
            )
            failed += 1
            continue
        # A newer failure for the same object (updated_at changed) stays queued.
        PendingIndexUpdate.objects.filter(pk=item.pk, updated_at=item.updated_at).delete()
        done += 1
    return done, failed


class WagtailSignalProcessor(BaseSignalProcessor):
    """Pages follow publication (published / unpublished / moved / restricted / deleted); other
    models follow save and delete."""

    def setup(self):
        page_published.connect(self.handle_page_change)
        page_unpublished.connect(self.handle_page_change)
        post_page_move.connect(self.handle_page_tree_change)
        post_save.connect(self.handle_save)
        post_delete.connect(self.handle_delete)
        m2m_changed.connect(self.handle_m2m)

    def teardown(self):
        page_published.disconnect(self.handle_page_change)
        page_unpublished.disconnect(self.handle_page_change)
        post_page_move.disconnect(self.handle_page_tree_change)
        post_save.disconnect(self.handle_save)
        post_delete.disconnect(self.handle_delete)
        m2m_changed.disconnect(self.handle_m2m)

    def handle_m2m(self, sender, instance, action, reverse, **kwargs):
        """Themes added to a forum topic (for example) change its document."""
        if reverse or action not in ("post_add", "post_remove", "post_clear"):
            return
        if isinstance(instance, Page) or not is_indexed(type(instance)):
            return
        sync_or_queue(type(instance), instance.pk)

    def handle_page_tree_change(self, sender, instance, **kwargs):
        """A move changes the URLs of a page and its descendants; a view restriction their
        visibility."""
        for page in Page.objects.descendant_of(instance, inclusive=True).specific(defer=True):
            model = type(page)
            if is_indexed(model):
                sync_or_queue(model, page.pk)

    def handle_page_change(self, sender, instance, **kwargs):
        model = instance.specific_class or type(instance)
        if is_indexed(model):
            sync_or_queue(model, instance.pk)

    def handle_save(self, sender, instance, raw=False, **kwargs):
        if raw:
            return
        if isinstance(instance, PageViewRestriction):
            self.handle_page_tree_change(sender, instance.page)
            return
        # A saved page may be a draft: pages are indexed when (un)published, not when saved.
        if isinstance(instance, Page) or not is_indexed(sender):
            return
        sync_or_queue(sender, instance.pk)

    def handle_delete(self, sender, instance, **kwargs):
        if isinstance(instance, PageViewRestriction):
            page = Page.objects.filter(pk=instance.page_id).first()
            if page is not None:
                self.handle_page_tree_change(sender, page)
            return
        if instance.pk is None or not is_indexed(sender):
            return
        sync_or_queue(sender, instance.pk)
