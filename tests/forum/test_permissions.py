"""Who sees and does what: visitor, member, promotion participant, moderator."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Category, Post, Topic
from forum.search_indexes import TopicIndex

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_visitor_reads_public_forum(client, topic):
    assert client.get(reverse("forum:index")).status_code == 200
    response = client.get(reverse("forum:category", args=[topic.category.slug]))
    assert response.status_code == 200
    assert topic.title in response.content.decode()
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "Bonjour à tous" in response.content.decode()
    assert "Se connecter pour répondre" in response.content.decode()


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("forum:topic_create", "category"),
        ("forum:reply", "topic"),
    ],
)
def test_visitor_is_sent_to_login_to_post(client, topic, name, kwargs):
    arg = topic.category.slug if kwargs == "category" else topic.pk
    response = client.post(reverse(name, args=[arg]), {"title": "Un titre", "body": "Texte"})
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert Post.objects.count() == 1


def test_member_creates_topic_and_replies(client, other, category):
    _login(client, other)
    response = client.post(
        reverse("forum:topic_create", args=[category.slug]),
        {"title": "Faut-il un SPASER commun avec le CCAS ?", "body": "Nous hésitons."},
    )
    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert topic.status == Topic.Status.PUBLISHED
    response = client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Complément."})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.reply_count == 1
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Complément." in page


def test_private_category_is_404_for_visitors_and_non_members(
    client, other, private_category, private_topic
):
    first_post = private_topic.posts.get()
    urls = [
        reverse("forum:category", args=[private_category.slug]),
        reverse("forum:topic_create", args=[private_category.slug]),
        private_topic.get_absolute_url(),
        reverse("forum:reply", args=[private_topic.pk]),
        reverse("forum:post", args=[first_post.pk]),
        reverse("forum:report", args=[first_post.pk]),
        reverse("forum:post_edit", args=[first_post.pk]),
    ]
    for url in (urls[0], urls[2], urls[4]):
        assert client.get(url).status_code == 404, url
    _login(client, other)
    for url in urls:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("forum:reply", args=[private_topic.pk]), {"body": "Intrus"})
    assert response.status_code == 404
    response = client.post(reverse("forum:follow_topic", args=[private_topic.pk]))
    assert response.status_code == 404
    response = client.post(reverse("forum:follow_category", args=[private_category.slug]))
    assert response.status_code == 404
    assert Post.objects.filter(body="Intrus").count() == 0


def test_private_content_never_listed_for_non_members(
    client, other, topic, private_category, private_topic
):
    for user in (None, other):
        if user:
            _login(client, user)
        page = client.get(reverse("forum:index")).content.decode()
        assert private_category.name not in page
        assert private_topic.title not in page
        assert topic.title in page
    assert list(Category.objects.visible_to(other)) == [topic.category]
    assert list(Topic.objects.visible_to(other)) == [topic]


def test_private_content_never_in_search_index(topic, private_topic):
    indexed = list(TopicIndex().index_queryset())
    assert indexed == [topic]


def test_promotion_member_reads_and_posts_in_private_category(
    client, participant, private_category, private_topic
):
    _login(client, participant)
    page = client.get(reverse("forum:index")).content.decode()
    assert private_category.name in page
    assert client.get(private_topic.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("forum:reply", args=[private_topic.pk]), {"body": "Merci pour ces notes."}
    )
    assert response.status_code == 302
    assert private_topic.posts.count() == 2


@pytest.mark.parametrize("who", ["moderator", "superuser"])
def test_moderators_see_everything(client, request, who, private_category, private_topic):
    _login(client, request.getfixturevalue(who))
    assert client.get(private_topic.get_absolute_url()).status_code == 200
    assert private_category.name in client.get(reverse("forum:index")).content.decode()
    assert client.get(reverse("forum:moderation")).status_code == 200


def test_moderation_queue_is_404_for_others(client, other):
    assert client.get(reverse("forum:moderation")).status_code == 404
    _login(client, other)
    assert client.get(reverse("forum:moderation")).status_code == 404
    response = client.post(reverse("forum:moderate_post", args=[1, "masquer"]))
    assert response.status_code == 404


def test_hidden_topic_is_404_for_members(client, other, topic):
    services.set_post_status(topic.posts.get(is_first=True), Post.Status.HIDDEN)
    _login(client, other)
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert topic.title not in client.get(reverse("forum:index")).content.decode()
    assert list(TopicIndex().index_queryset()) == []
