"""Who may do what in the forum: one place, used by every view, feed and index."""

from django.conf import settings
from django.utils import timezone

# Forum and comments share their moderators: one definition, in portal.roles.
from portal.roles import is_moderator


def can_post(user):
    """A member: a logged-in, active account (allauth only lets verified addresses log in)."""
    return getattr(user, "is_authenticated", False) and user.is_active


def edit_window():
    return timezone.timedelta(minutes=getattr(settings, "FORUM_EDIT_WINDOW_MINUTES", 30))


def can_edit(user, post):
    if not can_post(user) or post.is_deleted:
        return False
    if is_moderator(user):
        return True
    if post.author_id != user.pk or post.status == post.Status.HIDDEN:
        return False
    return timezone.now() - post.created_at <= edit_window()


def can_delete(user, post):
    if not can_post(user) or post.is_deleted:
        return False
    return is_moderator(user) or post.author_id == user.pk


def can_mark_solution(user, topic):
    if not can_post(user):
        return False
    return is_moderator(user) or topic.author_id == user.pk


def can_reply(user, topic):
    if not can_post(user) or topic.is_deleted:
        return False
    return is_moderator(user) or not topic.is_locked
