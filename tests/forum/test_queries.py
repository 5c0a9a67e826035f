"""A topic page and the lists cost the same number of queries whatever the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.markup import render_markdown
from forum.models import Post, Topic
from tests.query_plans import query_plan, sqlite_only

from .factories import SeasonedUserFactory

pytestmark = pytest.mark.django_db


def _topic_with_replies(category, count):
    authors = [SeasonedUserFactory() for _ in range(5)]
    topic = services.create_topic(category, authors[0], f"Sujet à {count} réponses", "Question")
    start = timezone.now()
    Post.objects.bulk_create(
        Post(
            topic=topic,
            author=authors[index % 5],
            body=f"Réponse **{index}**",
            body_html=render_markdown(f"Réponse **{index}**"),
            created_at=start + timezone.timedelta(seconds=index),
        )
        for index in range(count)
    )
    Topic.objects.filter(pk=topic.pk).update(reply_count=count)
    services.mark_solution(topic, Post.objects.filter(topic=topic, is_first=False).last())
    return topic


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    import os

    if os.environ.get("SHOWQ"):
        print(url, "\n".join(q["sql"][:150] for q in queries.captured_queries))
    return len(queries)


@pytest.mark.parametrize("viewer", ["visitor", "member", "moderator"])
def test_topic_page_queries_constant(client, category, request, viewer):
    if viewer != "visitor":
        client.force_login(request.getfixturevalue("other" if viewer == "member" else "moderator"))
    small = _topic_with_replies(category, 10)
    large = _topic_with_replies(category, 200)
    other_large = _topic_with_replies(category, 200)
    client.get(reverse("forum:index"))  # warms the site and settings caches
    small_count = _count(client, small.get_absolute_url())
    large_count = _count(client, large.get_absolute_url())
    # A first visit, like the others: a topic already read costs one write less.
    last_page = _count(client, other_large.get_absolute_url() + "?page=11")
    assert small_count == large_count == last_page
    assert large_count <= 14


def test_category_and_index_queries_constant(client, category, other, settings):
    settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_MEMBER_SECONDS = 0  # renders are counted
    client.force_login(other)
    for number in range(3):
        services.create_topic(category, other, f"Sujet {number}", "Texte")
    url = reverse("forum:category", args=[category.slug])
    client.get(url)
    few = _count(client, url)
    few_index = _count(client, reverse("forum:index"))
    for number in range(40):
        services.create_topic(category, SeasonedUserFactory(), f"Autre sujet {number}", "Texte")
    client.get(url)  # the first view after a write reads the header and footer again, once
    assert _count(client, url) == few
    assert _count(client, reverse("forum:index")) == few_index


def test_topic_page_is_paginated_with_anchors(client, category):
    topic = _topic_with_replies(category, 45)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert page.count('class="forum-post ') == 20
    last = Post.objects.filter(topic=topic).last()
    response = client.get(reverse("forum:post", args=[last.pk]))
    assert response["Location"] == f"{topic.get_absolute_url()}?page=3#post-{last.pk}"
    page3 = client.get(f"{topic.get_absolute_url()}?page=3").content.decode()
    assert f'id="post-{last.pk}"' in page3


@sqlite_only
def test_the_latest_topics_are_read_from_an_index_not_sorted(client, category):
    """A forum of a few thousand topics sorted them all for its ten latest (3.5 ms at 3,000 on
    PostgreSQL, and growing)."""
    author = SeasonedUserFactory()
    start = timezone.now()
    Topic.objects.bulk_create(
        Topic(
            category=category,
            author=author,
            title=f"Sujet {number}",
            last_activity_at=start - timezone.timedelta(minutes=number),
        )
        for number in range(500)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # plans by the table's size, as in production
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("forum:index")).status_code == 200
    (latest,) = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "forum_topic"') and "LIMIT 10" in q["sql"]
    ]
    assert "USE TEMP B-TREE FOR ORDER BY" not in query_plan(latest)
