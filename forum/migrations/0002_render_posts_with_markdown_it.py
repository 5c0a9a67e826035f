"""Stored posts are rendered again with the bounded renderer (markdown-it-py, budgets)."""

from django.db import migrations


def render_again(apps, schema_editor):
    from forum.markup import render_markdown

    Post = apps.get_model("forum", "Post")
    changed = []
    for post in Post.objects.only("pk", "body", "body_html").iterator(chunk_size=500):
        html = render_markdown(post.body)
        if html != post.body_html:
            post.body_html = html
            changed.append(post)
        if len(changed) >= 500:
            Post.objects.bulk_update(changed, ["body_html"])
            changed = []
    if changed:
        Post.objects.bulk_update(changed, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
