"""Concurrent replies against PostgreSQL: every post stored, the topic's counters exact."""

import pytest
from django.db import connection
from django.db.models import Max

from forum import services
from forum.models import Category, Post, Topic
from tests.concurrency import run_at_once

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

    def reply(author):
        for number in range(REPLIES_PER_THREAD):
            services.add_reply(topic, author, f"Réponse {number} de {author.pk}", hold=False)

    assert run_at_once(reply, authors) == []
    replies = Post.objects.filter(topic=topic, is_first=False)
    assert replies.count() == THREADS * REPLIES_PER_THREAD
    topic = Topic.objects.get(pk=topic.pk)
    assert topic.reply_count == THREADS * REPLIES_PER_THREAD
    assert topic.last_activity_at == replies.aggregate(last=Max("created_at"))["last"]
