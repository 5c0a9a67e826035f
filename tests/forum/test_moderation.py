"""Reports, the moderation queue, hide/restore, lock/pin, edit window and soft delete."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Category, Post, Report, Topic
from forum.search_indexes import TopicIndex

from .factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(topic, other):
    return services.add_reply(topic, other, "Achetez chez mon cousin, prix imbattables !")


def test_report_reaches_the_queue_and_hiding_resolves_it(client, author, moderator, topic, reply):
    client.force_login(author)
    response = client.get(reverse("forum:report", args=[reply.pk]))
    assert "Motif du signalement" in response.content.decode()
    response = client.post(reverse("forum:report", args=[reply.pk]), {"reason": "bogus"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    client.post(
        reverse("forum:report", args=[reply.pk]), {"reason": "spam", "comment": "Publicité"}
    )
    client.post(reverse("forum:report", args=[reply.pk]), {"reason": "spam"})
    assert Report.objects.count() == 1

    client.force_login(moderator)
    queue = client.get(reverse("forum:moderation")).content.decode()
    assert "Publicité ou spam" in queue
    assert "Publicité" in queue
    client.post(reverse("forum:moderate_post", args=[reply.pk, "masquer"]))
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN
    assert Report.objects.get().resolved_by == moderator
    topic.refresh_from_db()
    assert topic.reply_count == 0

    client.force_login(author)
    assert "cousin" not in client.get(topic.get_absolute_url()).content.decode()
    client.force_login(moderator)
    assert "cousin" in client.get(topic.get_absolute_url()).content.decode()
    client.post(reverse("forum:moderate_post", args=[reply.pk, "restaurer"]))
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_dismiss_report(client, author, moderator, reply):
    report = Report.objects.create(post=reply, reporter=author, reason="off_topic")
    client.force_login(moderator)
    client.post(reverse("forum:resolve_report", args=[report.pk]))
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert (
        "Aucun signalement en attente." in client.get(reverse("forum:moderation")).content.decode()
    )


def test_unknown_moderation_action_is_404(client, moderator, reply):
    client.force_login(moderator)
    assert (
        client.post(reverse("forum:moderate_post", args=[reply.pk, "exploser"])).status_code == 404
    )
    assert (
        client.post(reverse("forum:moderate_topic", args=[reply.topic_id, "x"])).status_code == 404
    )


def test_lock_stops_replies_except_moderators(client, other, moderator, topic):
    client.force_login(moderator)
    client.post(reverse("forum:moderate_topic", args=[topic.pk, "verrouiller"]))
    topic.refresh_from_db()
    assert topic.is_locked
    client.force_login(other)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "accepte plus de réponse" in page
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Encore une chose"})
    assert not Post.objects.filter(body="Encore une chose").exists()
    client.force_login(moderator)
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Note de modération"})
    assert Post.objects.filter(body="Note de modération").exists()


def test_pinned_topic_comes_first(client, moderator, author, category, topic):
    newer = services.create_topic(category, author, "Sujet plus récent", "Texte")
    url = reverse("forum:category", args=[category.slug])
    page = client.get(url).content.decode()
    assert page.index(newer.title) < page.index(topic.title)
    client.force_login(moderator)
    client.post(reverse("forum:moderate_topic", args=[topic.pk, "epingler"]))
    page = client.get(url).content.decode()
    assert page.index(topic.title) < page.index(newer.title)
    assert "Épinglé" in page


def test_list_sorted_by_last_activity(client, author, other, category, topic):
    newer = services.create_topic(category, author, "Sujet plus récent", "Texte")
    services.add_reply(topic, other, "Relance")
    page = client.get(reverse("forum:category", args=[category.slug])).content.decode()
    assert page.index(topic.title) < page.index(newer.title)


def test_category_list_is_paginated(client, author):
    category = CategoryFactory()
    for number in range(25):
        services.create_topic(category, author, f"Question numéro {number:02d}", "Texte")
    url = reverse("forum:category", args=[category.slug])
    assert client.get(url).content.decode().count('class="forum-topic ') == 20
    assert client.get(url + "?page=2").content.decode().count('class="forum-topic ') == 5
    assert client.get(url + "?page=999").status_code == 200


def test_author_edits_within_window_with_edited_mark(client, author, topic, reply, other):
    client.force_login(other)
    response = client.post(reverse("forum:post_edit", args=[reply.pk]), {"body": "Texte corrigé"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Texte corrigé"
    assert reply.edited_at is not None
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "modifié" in page
    assert "Texte corrigé" in page


def test_edit_after_window_is_refused(client, other, reply):
    Post.objects.filter(pk=reply.pk).update(created_at=timezone.now() - timezone.timedelta(hours=2))
    client.force_login(other)
    response = client.post(reverse("forum:post_edit", args=[reply.pk]), {"body": "Trop tard"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body != "Trop tard"


def test_others_cannot_edit_or_delete(client, author, reply):
    client.force_login(author)
    assert client.get(reverse("forum:post_edit", args=[reply.pk])).status_code == 403
    assert client.post(reverse("forum:post_delete", args=[reply.pk])).status_code == 403


def test_author_edits_topic_title(client, author, topic):
    first = topic.posts.get(is_first=True)
    client.force_login(author)
    client.post(
        reverse("forum:post_edit", args=[first.pk]),
        {"title": "Titre précisé sur les indicateurs", "body": "Nouveau texte"},
    )
    topic.refresh_from_db()
    assert topic.title == "Titre précisé sur les indicateurs"


def test_soft_delete_by_author(client, other, topic, reply):
    client.force_login(other)
    assert (
        "Supprimer un message"
        in client.get(reverse("forum:post_delete", args=[reply.pk])).content.decode()
    )
    client.post(reverse("forum:post_delete", args=[reply.pk]))
    reply.refresh_from_db()
    assert reply.deleted_at is not None and reply.deleted_by == other
    assert Post.objects.filter(pk=reply.pk).exists()
    topic.refresh_from_db()
    assert topic.reply_count == 0
    assert "cousin" not in client.get(topic.get_absolute_url()).content.decode()


def test_deleting_first_post_deletes_topic(client, author, moderator, topic):
    client.force_login(moderator)
    client.post(reverse("forum:post_delete", args=[topic.posts.get(is_first=True).pk]))
    topic.refresh_from_db()
    assert topic.deleted_at is not None
    client.force_login(author)
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert list(TopicIndex().index_queryset()) == []
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_wagtail_admin_edits_categories(admin_client, category):
    response = admin_client.get("/admin/snippets/forum/category/")
    assert response.status_code == 200
    assert category.name in response.content.decode()
    response = admin_client.get(f"/admin/snippets/forum/category/edit/{category.pk}/")
    assert response.status_code == 200
    assert admin_client.get("/admin/snippets/forum/topic/").status_code == 200
    assert admin_client.get("/admin/snippets/forum/report/").status_code == 200


def test_topics_and_reports_are_not_created_in_the_admin(admin_client, topic):
    assert admin_client.get("/admin/snippets/forum/topic/add/").status_code in (302, 403)
    assert admin_client.get("/admin/snippets/forum/report/add/").status_code in (302, 403)
    response = admin_client.get(f"/admin/snippets/forum/topic/edit/{topic.pk}/")
    assert response.status_code == 200
    response = admin_client.get("/admin/snippets/forum/topic/?q=indicateurs")
    assert response.status_code == 200
    assert topic.title in response.content.decode()


def test_admin_creates_a_private_category(admin_client, promotion_group):
    data = {
        "name": "Promotion 2026 — échanges",
        "slug": "promotion-2026",
        "description": "Réservé aux participants.",
        "position": "5",
        "restricted_to": str(promotion_group.pk),
    }
    response = admin_client.post("/admin/snippets/forum/category/add/", data)
    assert response.status_code == 302
    category = Category.objects.get(slug="promotion-2026")
    assert category.restricted_to == promotion_group
    response = admin_client.post(
        "/admin/snippets/forum/category/add/", {**data, "slug": "moderation"}
    )
    assert response.status_code == 200
    assert "Cette adresse est réservée" in response.content.decode()
