"""Followers get one email per burst of replies, never for their own posts, and can unsubscribe."""

import pytest
from django.core import mail
from django.urls import reverse

from forum import services
from forum.models import Subscription, TopicReadState
from forum.notifications import unsubscribe_token

from .factories import SeasonedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(topic):
    user = SeasonedUserFactory(first_name="Gwenaëlle", last_name="Le Goff")
    Subscription.objects.create(user=user, topic=topic)
    return user


def _reply(topic, user, body, capture):
    with capture(execute=True):
        return services.add_reply(topic, user, body)


def test_one_email_per_burst_and_none_to_the_author(
    topic, author, other, follower, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _reply(topic, other, "Première réponse", django_capture_on_commit_callbacks)
    _reply(topic, other, "Deuxième réponse", django_capture_on_commit_callbacks)
    _reply(topic, author, "Merci !", django_capture_on_commit_callbacks)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # The topic author follows their own topic: one email for the burst of two replies, none
    # for their own "Merci !"; replying made `other` a follower, emailed for "Merci !" only.
    assert recipients == sorted([author.email, follower.email, other.email])
    assert Subscription.objects.filter(user=other, topic=topic).exists()
    message = next(m for m in mail.outbox if m.to == [follower.email])
    assert topic.title in message.subject
    assert "/forum/desabonnement/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://")


def test_reading_the_topic_starts_a_new_burst(
    client, topic, other, follower, django_capture_on_commit_callbacks
):
    _reply(topic, other, "Réponse 1", django_capture_on_commit_callbacks)
    _reply(topic, other, "Réponse 2", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox].count([follower.email]) == 1
    client.force_login(follower)
    client.get(topic.get_absolute_url())
    _reply(topic, other, "Réponse 3", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox].count([follower.email]) == 2


def test_author_of_reply_is_never_notified(topic, follower, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    _reply(topic, follower, "Ma propre réponse", django_capture_on_commit_callbacks)
    assert all(m.to != [follower.email] for m in mail.outbox)


def test_category_followers_get_new_topics_and_replies(
    category, author, other, django_capture_on_commit_callbacks
):
    watcher = SeasonedUserFactory()
    Subscription.objects.create(user=watcher, category=category)
    with django_capture_on_commit_callbacks(execute=True):
        topic = services.create_topic(category, author, "Clauses d'insertion en voirie", "Texte")
    assert [m.to for m in mail.outbox] == [[watcher.email]]
    assert "Nouveau sujet" in mail.outbox[0].subject
    _reply(topic, other, "Réponse", django_capture_on_commit_callbacks)
    # Still the same burst: the watcher has not read the topic since.
    assert [m.to for m in mail.outbox].count([watcher.email]) == 1


def test_private_category_followers_outside_the_group_get_nothing(
    private_topic, participant, other, django_capture_on_commit_callbacks
):
    Subscription.objects.create(user=other, category=private_topic.category)
    colleague = SeasonedUserFactory()
    colleague.groups.add(private_topic.category.restricted_to)
    Subscription.objects.create(user=colleague, category=private_topic.category)
    mail.outbox.clear()
    _reply(private_topic, participant, "Compte rendu", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[colleague.email]]


def test_held_reply_notifies_nobody_until_approved(
    client, topic, follower, moderator, django_capture_on_commit_callbacks
):
    newcomer = SeasonedUserFactory.build().__class__.objects.create(
        username="nouveau", email="nouveau@ville.fr"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post = services.add_reply(topic, newcomer, "Premier message")
    assert post.status == post.Status.HELD
    assert mail.outbox == []
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("forum:moderate_post", args=[post.pk, "approuver"]))
    assert follower.email in [m.to[0] for m in mail.outbox]


def test_unsubscribe_link_works_without_login(client, topic, follower):
    subscription = Subscription.objects.get(user=follower, topic=topic)
    url = reverse("forum:unsubscribe", args=[unsubscribe_token(subscription)])
    response = client.get(url)
    assert response.status_code == 200
    assert topic.title in response.content.decode()
    response = client.post(url)
    assert "vous ne recevrez plus de courriel" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert "déjà désabonné" in client.get(url).content.decode()


def test_tampered_unsubscribe_token_is_refused(client, topic, follower):
    subscription = Subscription.objects.get(user=follower, topic=topic)
    token = unsubscribe_token(subscription)
    response = client.post(reverse("forum:unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_follow_and_unfollow(client, topic, other):
    client.force_login(other)
    client.post(reverse("forum:follow_topic", args=[topic.pk]))
    assert Subscription.objects.filter(user=other, topic=topic).exists()
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Ne plus suivre" in page
    client.post(reverse("forum:follow_topic", args=[topic.pk]), {"action": "ne-plus-suivre"})
    assert not Subscription.objects.filter(user=other, topic=topic).exists()
    client.post(reverse("forum:follow_category", args=[topic.category.slug]))
    assert Subscription.objects.filter(user=other, category=topic.category).exists()


def test_unread_markers(client, topic, other, author):
    client.force_login(other)
    listing = reverse("forum:category", args=[topic.category.slug])
    assert "Non lu" in client.get(listing).content.decode()
    client.get(topic.get_absolute_url())
    assert "Non lu" not in client.get(listing).content.decode()
    services.add_reply(topic, author, "Du nouveau")
    assert "Non lu" in client.get(listing).content.decode()
    assert TopicReadState.objects.filter(user=other, topic=topic).exists()


def test_unread_markers_fetched_in_one_query(
    client, category, author, other, django_assert_num_queries
):
    from forum.models import Topic

    for number in range(5):
        services.create_topic(category, author, f"Sujet {number}", "Texte")
    topics = list(Topic.objects.all())
    with django_assert_num_queries(1):
        unread = services.unread_topic_ids(other, topics)
    assert len(unread) == 5
