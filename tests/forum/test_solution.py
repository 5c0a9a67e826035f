"""The topic author or a moderator marks one visible reply as the solution."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Post, Topic
from forum.search_indexes import TopicIndex

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(topic, other):
    return services.add_reply(topic, other, "Regardez les indicateurs de l'OECP.")


def _mark(client, post, **data):
    return client.post(reverse("forum:mark_solution", args=[post.pk]), data)


def test_author_marks_solution(client, author, topic, answer):
    client.force_login(author)
    response = _mark(client, answer)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{answer.pk}")
    topic.refresh_from_db()
    assert topic.solution == answer
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Ce sujet est résolu." in page
    listing = client.get(reverse("forum:category", args=[topic.category.slug])).content.decode()
    assert "Résolu" in listing
    solved = client.get(
        reverse("forum:category", args=[topic.category.slug]) + "?etat=resolus"
    ).content.decode()
    assert topic.title in solved
    assert TopicIndex().prepare_solved(topic) is True


def test_other_member_cannot_mark(client, other, topic, answer):
    client.force_login(other)
    assert _mark(client, answer).status_code == 403
    topic.refresh_from_db()
    assert topic.solution is None


def test_visitor_cannot_mark(client, topic, answer):
    assert _mark(client, answer).status_code == 302
    topic.refresh_from_db()
    assert topic.solution is None


def test_moderator_marks_and_unmarks(client, moderator, topic, answer):
    client.force_login(moderator)
    _mark(client, answer)
    topic.refresh_from_db()
    assert topic.solution == answer
    _mark(client, answer, action="retirer")
    topic.refresh_from_db()
    assert topic.solution is None


def test_first_post_cannot_be_solution(client, author, topic):
    client.force_login(author)
    _mark(client, topic.posts.get(is_first=True))
    topic.refresh_from_db()
    assert topic.solution is None


def test_post_of_another_topic_is_refused(author, topic, category, other):
    other_topic = services.create_topic(category, other, "Autre question", "Texte")
    foreign = services.add_reply(other_topic, author, "Réponse ailleurs")
    with pytest.raises(services.SolutionError):
        services.mark_solution(topic, foreign)


def test_hidden_or_held_reply_cannot_be_solution(author, topic, other):
    hidden = services.add_reply(topic, other, "Réponse masquée")
    services.set_post_status(hidden, Post.Status.HIDDEN)
    held = services.add_reply(topic, other, "Réponse en attente", hold=True)
    for post in (hidden, held):
        post.refresh_from_db()
        with pytest.raises(services.SolutionError):
            services.mark_solution(topic, post)


def test_hiding_or_deleting_the_solution_unsolves(author, moderator, topic, answer):
    services.mark_solution(topic, answer)
    services.set_post_status(answer, Post.Status.HIDDEN)
    assert Topic.objects.get(pk=topic.pk).solution is None
    services.set_post_status(answer, Post.Status.PUBLISHED)
    services.mark_solution(topic, answer)
    services.delete_post(answer, moderator)
    assert Topic.objects.get(pk=topic.pk).solution is None


def test_marking_another_reply_replaces_the_solution(client, author, topic, answer, other):
    second = services.add_reply(topic, other, "Autre piste")
    client.force_login(author)
    _mark(client, answer)
    _mark(client, second)
    topic.refresh_from_db()
    assert topic.solution == second
