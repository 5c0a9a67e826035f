"""Markdown has a budget: bounded length, linear rendering, once, outside the write lock (case 4)."""

import time

import pytest
from django.db import connection

from forum import markup, services
from forum.markup import MAX_BODY_LENGTH, render_markdown
from forum.models import Post

WORST = {
    "brackets": "[" * MAX_BODY_LENGTH,
    "images": "![" * (MAX_BODY_LENGTH // 2),
    "links": "[a](" * (MAX_BODY_LENGTH // 4),
    "emphasis": "*a" * (MAX_BODY_LENGTH // 2),
    "lines": "a\n" * (MAX_BODY_LENGTH // 2),
    "lists": "- a\n" * 999 + "b" * (MAX_BODY_LENGTH - 4 * 999),
    "under budget": "[a" * 499 + "b" * (MAX_BODY_LENGTH - 998),
}


@pytest.mark.parametrize("name", sorted(WORST))
def test_worst_bodies_at_the_maximum_length_render_quickly(name):
    body = WORST[name]
    assert len(body) <= MAX_BODY_LENGTH
    started = time.process_time()
    html = render_markdown(body)
    # python-markdown took 25 s of CPU on 10,000 × « [ » ; this renderer is linear.
    assert time.process_time() - started < 3, name
    assert html.startswith("<")


def test_rendering_time_grows_linearly():
    def cost(count):
        started = time.process_time()
        for _ in range(3):
            render_markdown("[a" * count)
        return time.process_time() - started

    small, large = cost(450), cost(4 * 450)
    assert large < 12 * max(small, 0.01), (small, large)


def test_over_budget_text_is_shown_as_written():
    html = render_markdown("[" * 5000)
    assert html == "<p>" + "[" * 5000 + "</p>"
    html = render_markdown("**a** <b>x</b>\n" * 1001)
    assert "<strong>" not in html and "&lt;b&gt;" in html
    assert render_markdown("x" * (MAX_BODY_LENGTH + 1)).startswith("<p>xxx")


@pytest.mark.django_db
def test_a_20000_bracket_topic_is_refused_and_the_text_kept(client, author, category):
    client.force_login(author)
    body = "[" * 20_000
    response = client.post(
        f"/forum/{category.slug}/nouveau-sujet/", {"title": "Un sujet ordinaire", "body": body}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Votre message est trop long (10000 caractères au plus" in page
    assert body in page  # the text stays in the form
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_a_20000_bracket_reply_is_refused(client, author, topic):
    client.force_login(author)
    response = client.post(f"/forum/sujet/{topic.pk}/repondre/", {"body": "[" * 20_000})
    assert response.status_code == 200
    assert "trop long" in response.content.decode()
    assert topic.posts.count() == 1


@pytest.mark.django_db
def test_markdown_is_rendered_before_the_transaction_and_never_by_a_view(
    monkeypatch, client, author, other, category
):
    depths = []
    real = markup.render_markdown

    def spy(source):
        depths.append(len(connection.atomic_blocks))
        return real(source)

    monkeypatch.setattr("forum.models.render_markdown", spy)
    outside = len(connection.atomic_blocks)
    topic = services.create_topic(category, author, "Un sujet ordinaire", "**Bonjour**")
    post = services.add_reply(topic, other, "*Réponse*")
    services.edit_post(post, "_Réponse modifiée_")
    assert depths == [outside, outside, outside]
    assert Post.objects.get(pk=post.pk).body_html == "<p><em>Réponse modifiée</em></p>\n"

    def refuse(source):
        raise AssertionError("a page view rendered Markdown")

    monkeypatch.setattr("forum.models.render_markdown", refuse)
    client.force_login(other)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "<strong>Bonjour</strong>" in page and "<em>Réponse modifiée</em>" in page


@pytest.mark.django_db
def test_stored_posts_are_rendered_again_by_the_migration(topic):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("forum.migrations.0002_render_posts_with_markdown_it")
    Post.objects.update(body_html="<p>ancien rendu</p>")
    migration.render_again(apps, None)
    first = topic.posts.get()
    assert first.body_html == render_markdown(first.body) != "<p>ancien rendu</p>"
