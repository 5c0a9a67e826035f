"""One moderation policy for every contribution members publish: forum posts and comments.

The first contribution of an account younger than NEW_ACCOUNT_DAYS (FORUM_NEW_ACCOUNT_DAYS) waits
for a moderator; once one of its contributions is published, anywhere, the next ones publish at
once. Moderators never wait. Apps tell the policy what a published contribution is
(`register_published`), so the portal does not import them.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .roles import is_moderator

_published_checks = []


def register_published(check):
    """`check(user) -> bool`: whether the user has a published contribution of one kind."""
    if check not in _published_checks:
        _published_checks.append(check)
    return check


def _has_public_comment(user):
    from django_comments_xtd.models import XtdComment

    return XtdComment.objects.filter(user=user, is_public=True, is_removed=False).exists()


register_published(_has_public_comment)


def new_account_days():
    return getattr(settings, "FORUM_NEW_ACCOUNT_DAYS", 3)


def must_wait(user, now=None):
    """True when this user's next contribution waits for a moderator."""
    if is_moderator(user):
        return False
    now = now or timezone.now()
    if user.date_joined < now - timedelta(days=new_account_days()):
        return False
    return not any(check(user) for check in _published_checks)
