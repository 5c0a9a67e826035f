"""Rate limit per member and the first post of new accounts held for review."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Post, Topic
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_rate_limit_keeps_the_typed_text(client, other, topic):
    client.force_login(other)
    url = reverse("forum:reply", args=[topic.pk])
    for number in range(5):
        assert client.post(url, {"body": f"Réponse {number}"}).status_code == 302
    response = client.post(url, {"body": "Mon long texte à ne pas perdre"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Patientez quelques minutes avant de publier à nouveau" in content
    assert "Mon long texte à ne pas perdre" in content
    assert Post.objects.filter(author=other).count() == 5


def test_rate_limit_window_slides(client, other, topic, settings):
    settings.FORUM_POST_RATE = (2, 60)
    client.force_login(other)
    url = reverse("forum:reply", args=[topic.pk])
    client.post(url, {"body": "Un"})
    client.post(url, {"body": "Deux"})
    assert client.post(url, {"body": "Trois"}).status_code == 200
    Post.objects.filter(author=other).update(
        created_at=timezone.now() - timezone.timedelta(minutes=2)
    )
    assert client.post(url, {"body": "Trois"}).status_code == 302


def test_rate_limit_applies_to_new_topics(client, other, category, settings):
    settings.FORUM_POST_RATE = (1, 600)
    client.force_login(other)
    url = reverse("forum:topic_create", args=[category.slug])
    client.post(url, {"title": "Premier sujet", "body": "Texte"})
    response = client.post(url, {"title": "Second sujet", "body": "Texte gardé"})
    assert response.status_code == 200
    assert "Texte gardé" in response.content.decode()
    assert Topic.objects.count() == 1


def test_moderators_are_not_rate_limited(client, moderator, topic, settings):
    settings.FORUM_POST_RATE = (1, 600)
    client.force_login(moderator)
    for number in range(3):
        client.post(reverse("forum:reply", args=[topic.pk]), {"body": f"Note {number}"})
    assert Post.objects.filter(author=moderator).count() == 3


def test_first_post_of_a_new_account_is_held(client, topic, other, moderator):
    newcomer = UserFactory()  # joined just now
    client.force_login(newcomer)
    response = client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Salut la communauté"})
    assert response.status_code == 302
    post = Post.objects.get(author=newcomer)
    assert post.status == Post.Status.HELD
    own_view = client.get(topic.get_absolute_url()).content.decode()
    assert "Salut la communauté" in own_view
    assert "En attente de modération" in own_view
    topic.refresh_from_db()
    assert topic.reply_count == 0

    client.force_login(other)
    assert "Salut la communauté" not in client.get(topic.get_absolute_url()).content.decode()

    client.force_login(moderator)
    queue = client.get(reverse("forum:moderation")).content.decode()
    assert "Salut la communauté" in queue
    client.post(reverse("forum:moderate_post", args=[post.pk, "approuver"]))
    topic.refresh_from_db()
    assert topic.reply_count == 1

    client.force_login(other)
    assert "Salut la communauté" in client.get(topic.get_absolute_url()).content.decode()

    # Once one post is approved, the next ones are published at once.
    client.force_login(newcomer)
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Suite"})
    assert Post.objects.get(body="Suite").status == Post.Status.PUBLISHED


def test_held_topic_is_seen_by_its_author_only(client, category, other):
    newcomer = UserFactory()
    client.force_login(newcomer)
    client.post(
        reverse("forum:topic_create", args=[category.slug]),
        {"title": "Ma première question", "body": "Texte"},
    )
    topic = Topic.objects.get()
    assert topic.status == Topic.Status.HELD
    assert client.get(topic.get_absolute_url()).status_code == 200
    client.force_login(other)
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert "Ma première question" not in client.get(reverse("forum:index")).content.decode()
    client.logout()
    assert client.get(topic.get_absolute_url()).status_code == 404
    services.set_post_status(topic.posts.get(), Post.Status.PUBLISHED)
    assert client.get(topic.get_absolute_url()).status_code == 200
