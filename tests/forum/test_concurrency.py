"""Concurrent replies against PostgreSQL: every post stored, the topic's counters exact."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Max

from forum import services
from forum.models import Category, Post, Topic

from .factories import SeasonedUserFactory

THREADS = 20
REPLIES_PER_THREAD = 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_replies_keep_counters_exact(settings):
    settings.FORUM_POST_RATE = (1000, 600)
    category = Category.objects.create(name="Concurrence", slug="concurrence")
    authors = [SeasonedUserFactory() for _ in range(THREADS)]
    topic = services.create_topic(category, authors[0], "Sujet très suivi", "Qui répond ?")
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker(author):
        try:
            barrier.wait()
            for number in range(REPLIES_PER_THREAD):
                services.add_reply(topic, author, f"Réponse {number} de {author.pk}", hold=False)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(author,)) for author in authors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    replies = Post.objects.filter(topic=topic, is_first=False)
    assert replies.count() == THREADS * REPLIES_PER_THREAD
    topic = Topic.objects.get(pk=topic.pk)
    assert topic.reply_count == THREADS * REPLIES_PER_THREAD
    assert topic.last_activity_at == replies.aggregate(last=Max("created_at"))["last"]
