"""Two index updates of one topic racing: the document written last must not be the older one."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connections as db_connections
from haystack import connections

from forum import services
from forum.search_indexes import TopicIndex
from tests.forum.factories import CategoryFactory, SeasonedUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_slow_update_does_not_overwrite_a_newer_document(monkeypatch):
    """A request prepares the topic's document, then a reply is committed and indexed before
    that request writes: the slow request must not put back the text without the reply."""
    connections["default"].get_backend().clear()
    author = SeasonedUserFactory()
    topic = services.create_topic(CategoryFactory(), author, "Sujet disputé", "Premier message")
    prepared, resume = threading.Event(), threading.Event()
    original_prepare = TopicIndex.full_prepare

    def full_prepare(self, obj, *args, **kwargs):
        data = original_prepare(self, obj, *args, **kwargs)
        if threading.current_thread().name == "slow-request":
            prepared.set()
            resume.wait(timeout=30)
        return data

    monkeypatch.setattr(TopicIndex, "full_prepare", full_prepare)

    def slow_request():
        try:
            from forum.models import Topic
            from portal.search import sync_or_queue

            sync_or_queue(Topic, topic.pk)
        finally:
            db_connections.close_all()

    slow = threading.Thread(target=slow_request, name="slow-request")
    slow.start()
    assert prepared.wait(timeout=30)
    services.add_reply(topic, SeasonedUserFactory(), "Réponse arrivée pendant ce temps", hold=False)
    resume.set()
    slow.join(timeout=30)
    assert not slow.is_alive()

    call_command("process_search_queue", stdout=io.StringIO())
    out = io.StringIO()
    try:
        call_command("check_search_index", stdout=out, stderr=io.StringIO())
    except SystemExit:
        pytest.fail(out.getvalue())
