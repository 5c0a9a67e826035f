import io

import pytest

from forum import demo as forum_demo
from forum.models import Category, Post, Topic
from portal import demo as portal_demo
from portal.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_realistic():
    out = io.StringIO()
    for _ in range(2):
        portal_demo.seed(password="Demo-2026-mot-de-passe", stdout=out)
        forum_demo.seed(password="Demo-2026-mot-de-passe", stdout=out)
    assert Category.objects.count() == 4
    assert Topic.objects.count() == 20
    assert Topic.objects.filter(solution__isnull=False).count() >= 5
    assert Post.objects.filter(is_first=False).count() >= 35
    for topic in Topic.objects.all():
        replies = topic.posts.filter(is_first=False)
        assert topic.reply_count == replies.count() > 0
        assert topic.last_activity_at == topic.posts.order_by("-created_at")[0].created_at
        assert topic.solution is None or topic.solution.topic_id == topic.pk
    settings = SiteSettings.objects.get()
    assert [link["label"] for link in portal_demo.navigation_links(settings)].count("Forum") == 1
    home = HomePage.objects.get()
    assert [b.value["title"] for b in home.sections].count("Forum d'entraide") == 1
