"""The one mechanism derived state follows (`portal.content_events`): every write of a project
model announces itself, and app code has no way around it."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from forum import services
from forum.models import Category, Subscription, Topic
from portal import content_events
from portal.content_events import CONTENT, INVISIBLE, PAGES, PER_MEMBER, is_project_model, role_of
from tests.forum.factories import CategoryFactory, SeasonedUserFactory

ROOT = Path(settings.BASE_DIR)
# The mechanism itself. (Restoring a backup replaces the whole database with pg_restore or
# SQLite's backup API; `restore_site` then announces that everything changed.)
ALLOWED = {ROOT / "portal" / "content_events.py"}
FORBIDDEN_ATTRIBUTES = {
    "_base_manager": "writes through `_base_manager` are not announced",
    "raw": "raw SQL is not announced",
    "cursor": "a cursor's writes are not announced",
    "extra": "`extra()` takes raw SQL",
    "_raw_delete": "a raw delete sends no signal",
    "_update": "`_update()` skips the tracking `update()`",
    "through": "a link table's own rows send no signal (Django skips them): use the relation",
}
QUERYSET_WRITES = {"update", "bulk_create", "bulk_update", "delete"}


def project_models():
    return [model for model in apps.get_models() if is_project_model(model)]


def app_sources():
    for app_config in apps.get_app_configs():
        if not is_project_model_app(app_config):
            continue
        for path in Path(app_config.path).rglob("*.py"):
            if "migrations" in path.parts or path in ALLOWED:
                continue
            yield path


def is_project_model_app(app_config):
    return any(is_project_model(model) for model in app_config.get_models()) or (
        Path(app_config.path).resolve().is_relative_to(ROOT.resolve())
        and "site-packages" not in Path(app_config.path).parts
    )


def escapes(path):
    """(line, reason) of every way around the mechanism in one source file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            found.append((node.lineno, FORBIDDEN_ATTRIBUTES[node.attr]))
        # QuerySet.update(qs, …), models.QuerySet.delete(…): the untracked method itself.
        if (
            isinstance(node, ast.Attribute)
            and node.attr in QUERYSET_WRITES
            and isinstance(node.value, ast.Name | ast.Attribute)
            and (getattr(node.value, "id", None) or getattr(node.value, "attr", None))
            in {"QuerySet", "Manager", "BaseManager"}
        ):
            found.append((node.lineno, f"`QuerySet.{node.attr}` skips the tracking queryset"))
    return found


def test_app_code_has_no_way_around_the_mechanism():
    sources = list(app_sources())
    assert any(path.name == "services.py" for path in sources)
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {reason}"
        for path in sources
        for line, reason in escapes(path)
    ]
    assert problems == []


def test_the_guard_sees_each_way_around(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.db import connection\n"
        "from django.db.models import QuerySet\n"
        "Topic._base_manager.filter(pk=1).update(title='x')\n"
        "QuerySet.update(Topic.objects.all(), title='x')\n"
        "Topic.objects.raw('UPDATE forum_topic SET title = 1')\n"
        "connection.cursor().execute('DELETE FROM forum_topic')\n"
        "FichePage.themes.through.objects.create(fichepage_id=1, theme_id=1)\n"
    )
    reasons = [reason for _line, reason in escapes(sample)]
    assert len(reasons) == 5, reasons


def test_every_project_model_has_a_role_and_tracking_managers():
    models = project_models()
    assert Topic in models and Subscription in models
    for model in models:
        role, user_field = role_of(model)
        assert role in {CONTENT, PER_MEMBER, INVISIBLE, PAGES}, model
        if role == PER_MEMBER:
            model._meta.get_field(user_field)
        if role == PAGES:
            continue
        for manager in model._meta.managers:
            assert isinstance(manager.get_queryset(), content_events.TrackedQuerySetMixin), (
                model,
                manager.name,
            )


def test_related_managers_track_too(db):
    category = CategoryFactory()
    assert isinstance(category.topics.all(), content_events.TrackedQuerySetMixin)


@pytest.fixture
def announcements():
    received = []

    def receiver(sender, pks=None, members=None, **kwargs):
        received.append((sender, None if pks is None else set(pks), members))

    content_events.content_changed.connect(receiver, dispatch_uid="test-announcements")
    yield received
    content_events.content_changed.disconnect(dispatch_uid="test-announcements")


@pytest.mark.django_db
def test_each_kind_of_write_announces(announcements):
    author = SeasonedUserFactory()
    category = CategoryFactory()
    topic = services.create_topic(category, author, "Sujet", "Texte")
    announcements.clear()

    Topic.objects.filter(pk=topic.pk).update(is_pinned=True)
    assert (Topic, {topic.pk}, None) in announcements
    announcements.clear()

    Category.objects.bulk_create([Category(name="Nouvelle", slug="nouvelle")])
    assert [sender for sender, _pks, _members in announcements] == [Category]
    announcements.clear()

    Subscription.objects.filter(topic=topic).update(created_at=topic.created_at)
    assert announcements == [(Subscription, None, {author.pk})]
    announcements.clear()

    topic.posts.all().delete()
    assert any(sender.__name__ == "Post" for sender, _pks, _members in announcements)
    announcements.clear()

    Topic.objects.filter(pk=-1).update(is_pinned=True)
    assert announcements == []  # nothing written, nothing to say


@pytest.mark.django_db
def test_invisible_models_announce_nothing(announcements):
    from portal.models import PendingIndexUpdate

    PendingIndexUpdate.objects.create(model_label="forum.topic", object_pk="1")
    PendingIndexUpdate.objects.all().update(attempts=3)
    assert announcements == []
