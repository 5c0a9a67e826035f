"""The search index holds public, visible topics only (kind "forum", solved facet)."""

import pytest

from forum import services
from forum.models import Post
from forum.search_indexes import TopicIndex
from portal.models import Theme

pytestmark = pytest.mark.django_db


def test_index_queryset_excludes_private_hidden_held_and_deleted(
    author, other, moderator, category, topic, private_topic
):
    hidden = services.create_topic(category, author, "Sujet masqué", "Texte")
    services.set_post_status(hidden.posts.get(), Post.Status.HIDDEN)
    held = services.create_topic(category, author, "Sujet en attente", "Texte", hold=True)
    deleted = services.create_topic(category, other, "Sujet supprimé", "Texte")
    services.delete_post(deleted.posts.get(), other)
    assert held.status == held.Status.HELD
    assert list(TopicIndex().index_queryset()) == [topic]


def test_prepared_document(author, other, topic):
    Theme.objects.create(name="Social")
    topic.category.themes.set(Theme.objects.all())
    answer = services.add_reply(topic, other, "Utilisez le guide de l'OECP sur les clauses.")
    hidden = services.add_reply(topic, other, "Texte masqué par la modération")
    services.set_post_status(hidden, Post.Status.HIDDEN)
    services.mark_solution(topic, answer)
    topic.refresh_from_db()
    data = TopicIndex().full_prepare(topic)
    assert data["kind"] == "forum"
    assert data["url"] == topic.get_absolute_url()
    assert data["solved"] is True
    assert data["themes"] == ["Social"]
    assert "guide de l'OECP" in data["text"]
    assert "Texte masqué" not in data["text"]
    assert "Résolu" in data["text"]


def test_update_object_removes_topics_that_became_private(topic, private_topic, monkeypatch):
    removed, updated = [], []
    index = TopicIndex()
    monkeypatch.setattr(index, "remove_object", lambda obj, **kw: removed.append(obj.pk))
    monkeypatch.setattr(
        "haystack.indexes.SearchIndex.update_object",
        lambda self, obj, **kw: updated.append(obj.pk),
    )
    index.update_object(topic)
    index.update_object(private_topic)
    assert updated == [topic.pk]
    assert removed == [private_topic.pk]


def test_indexed_text_is_the_rendered_message_not_its_markdown(other, topic):
    services.add_reply(topic, other, "Nos **achats** responsables & [le guide](https://oecp.fr/)")
    data = TopicIndex().full_prepare(topic)
    assert "Nos achats responsables & le guide" in data["text"]
    assert "**" not in data["text"] and "](" not in data["text"] and "&amp;" not in data["text"]
