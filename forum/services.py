"""What happens when members post, edit, delete, moderate, follow and read.

Counters kept on Topic (reply_count, last_activity_at) change inside a transaction that holds
the topic's row lock (``select_for_update``) and with F() expressions, so concurrent replies
leave them exact.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import moderation
from portal.background import enqueue

from .models import Post, Status, Subscription, Topic, TopicReadState
from .permissions import is_moderator


# --- Anti-spam ------------------------------------------------------------------------------
def post_rate():
    """(max posts, window in seconds) per member; FORUM_POST_RATE in settings."""
    return getattr(settings, "FORUM_POST_RATE", (5, 600))


def check_rate_limit(user):
    """Raises a ValidationError with a French message when the member posts too fast."""
    if is_moderator(user):
        return
    limit, window = post_rate()
    since = timezone.now() - timedelta(seconds=window)
    recent = Post.objects.filter(author=user, created_at__gte=since).count()
    if recent >= limit:
        minutes = max(1, round(window / 60))
        raise ValidationError(
            ngettext(
                "Vous avez déjà publié %(count)d message en moins de %(minutes)d minutes. "
                "Patientez quelques minutes avant de publier à nouveau : votre texte est "
                "conservé ci-dessous.",
                "Vous avez déjà publié %(count)d messages en moins de %(minutes)d minutes. "
                "Patientez quelques minutes avant de publier à nouveau : votre texte est "
                "conservé ci-dessous.",
                recent,
            )
            % {"count": recent, "minutes": minutes},
            code="rate_limited",
        )


def has_published_post(user):
    return Post.objects.filter(author=user, status=Status.PUBLISHED).exists()


def should_hold(user):
    """The first contribution of a recent account waits for a moderator (portal.moderation,
    the policy comments follow too)."""
    return moderation.must_wait(user)


# --- Posting --------------------------------------------------------------------------------
def create_topic(category, author, title, body, *, hold=None, now=None):
    first = Post(author=author, is_first=True)
    first.set_body(body)  # rendered before the transaction: no lock is held meanwhile
    with transaction.atomic():
        return _create_topic(category, author, title, first, hold=hold, now=now)


def _create_topic(category, author, title, first, *, hold, now):
    now = now or timezone.now()
    held = should_hold(author) if hold is None else hold
    status = Status.HELD if held else Status.PUBLISHED
    topic = Topic.objects.create(
        category=category,
        title=title,
        author=author,
        created_at=now,
        last_activity_at=now,
        last_poster=author,
        status=status,
    )
    first.topic, first.status, first.created_at = topic, status, now
    first.save(force_insert=True)
    TopicReadState.objects.update_or_create(
        user=author, topic=topic, defaults={"last_read_at": now}
    )
    Subscription.objects.get_or_create(user=author, topic=topic)
    if status == Status.PUBLISHED:
        notify_new_topic(topic.pk)
    return topic


def add_reply(topic, author, body, *, hold=None, base_url=None):
    """Stores a reply; the topic's counters stay exact under concurrent replies."""
    held = should_hold(author) if hold is None else hold
    post = Post(author=author, status=Status.HELD if held else Status.PUBLISHED)
    post.set_body(body)  # rendered before the transaction: no lock is held meanwhile
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        now = timezone.now()
        post.topic, post.created_at = locked, now
        post.save(force_insert=True)
        # Taking part in a discussion follows it (the member can unfollow at any time).
        Subscription.objects.get_or_create(user=author, topic=locked)
        if not held:
            Topic.objects.filter(pk=locked.pk).update(
                reply_count=F("reply_count") + 1,
                last_activity_at=Greatest(F("last_activity_at"), now),
                last_poster=author,
            )
            TopicReadState.objects.update_or_create(
                user=author, topic=locked, defaults={"last_read_at": now}
            )
            notify_reply(post.pk, base_url=base_url)
    return post


def edit_post(post, body, title=None):
    post.set_body(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    if title and post.is_first and title != post.topic.title:
        Topic.objects.filter(pk=post.topic_id).update(title=title)
        post.topic.title = title
    return post


def _recount(topic_pk):
    """Recomputes reply_count from the posts (under the topic's lock)."""
    visible_replies = (
        Post.objects.filter(
            topic=topic_pk, is_first=False, status=Status.PUBLISHED, deleted_at__isnull=True
        )
        .values("topic")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Topic.objects.filter(pk=topic_pk).update(reply_count=Coalesce(Subquery(visible_replies), 0))


def refresh_counters(topic_pk):
    """Recomputes a topic's counters from its posts (demo data, repairs)."""
    with transaction.atomic():
        Topic.objects.select_for_update().get(pk=topic_pk)
        _recount(topic_pk)
        last = (
            Post.objects.filter(topic=topic_pk, status=Status.PUBLISHED, deleted_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if last is not None:
            Topic.objects.filter(pk=topic_pk).update(
                last_activity_at=last.created_at, last_poster=last.author_id
            )


def _clear_lost_solution(topic_pk):
    """A topic whose solution is no longer visible is not solved any more."""
    Topic.objects.filter(pk=topic_pk).filter(
        Q(solution__status__in=[Status.HIDDEN, Status.HELD]) | Q(solution__deleted_at__isnull=False)
    ).update(solution=None)


@transaction.atomic
def delete_post(post, by):
    """Soft delete: the text stays in the database; deleting the first post deletes the topic."""
    Topic.objects.select_for_update().get(pk=post.topic_id)
    now = timezone.now()
    Post.objects.filter(pk=post.pk).update(deleted_at=now, deleted_by=by)
    post.deleted_at, post.deleted_by = now, by
    if post.is_first:
        Topic.objects.filter(pk=post.topic_id).update(deleted_at=now)
    _recount(post.topic_id)
    _clear_lost_solution(post.topic_id)


@transaction.atomic
def set_post_status(post, status, base_url=None):
    """Moderation: approve a held post, hide or restore a post (the first one carries its topic)."""
    Topic.objects.select_for_update().get(pk=post.topic_id)
    was_held = post.status == Status.HELD
    now = timezone.now()
    Post.objects.filter(pk=post.pk).update(status=status)
    post.status = status
    topic_updates = {}
    if post.is_first:
        topic_updates["status"] = status
    if status == Status.PUBLISHED and was_held and not post.is_first:
        topic_updates["last_activity_at"] = Greatest(F("last_activity_at"), now)
        topic_updates["last_poster"] = post.author
    if topic_updates:
        Topic.objects.filter(pk=post.topic_id).update(**topic_updates)
    _recount(post.topic_id)
    _clear_lost_solution(post.topic_id)
    if status == Status.PUBLISHED and was_held:
        if post.is_first:
            notify_new_topic(post.topic_id)
        else:
            notify_reply(post.pk, base_url=base_url)


def set_topic_flag(topic, **flags):
    """Lock/unlock, pin/unpin (the update announces itself: cached pages and index follow)."""
    Topic.objects.filter(pk=topic.pk).update(**flags)
    for name, value in flags.items():
        setattr(topic, name, value)


class SolutionError(ValueError):
    pass


@transaction.atomic
def mark_solution(topic, post):
    """The topic author or a moderator picks a visible reply of this topic as the solution."""
    if post.topic_id != topic.pk:
        raise SolutionError(_("Ce message n'appartient pas à ce sujet."))
    if post.is_first:
        raise SolutionError(_("Le message d'ouverture ne peut pas être la solution."))
    if not post.counts:
        raise SolutionError(_("Seule une réponse visible peut être marquée comme solution."))
    Topic.objects.filter(pk=topic.pk).update(solution=post)
    topic.solution = post


def unmark_solution(topic):
    Topic.objects.filter(pk=topic.pk).update(solution=None)
    topic.solution = None


# --- Reading --------------------------------------------------------------------------------
def mark_read(user, topic):
    """Records that the member has read the topic, if there was anything new for them."""
    if not getattr(user, "is_authenticated", False):
        return
    states = TopicReadState.objects.filter(user=user, topic=topic)
    if states.filter(last_read_at__gte=topic.last_activity_at).exists():
        return
    # One upsert (INSERT … ON CONFLICT DO UPDATE): a single query, safe under concurrency.
    TopicReadState.objects.bulk_create(
        [TopicReadState(user=user, topic=topic, last_read_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["last_read_at"],
    )


def unread_topic_ids(user, topics):
    """Ids of the topics with activity since the member last read them (one query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    topics = list(topics)
    read = dict(
        TopicReadState.objects.filter(user=user, topic__in=[t.pk for t in topics]).values_list(
            "topic_id", "last_read_at"
        )
    )
    return {
        topic.pk
        for topic in topics
        if read.get(topic.pk) is None or read[topic.pk] < topic.last_activity_at
    }


# --- Notifications --------------------------------------------------------------------------
def notify_reply(post_pk, base_url=None):
    """Enqueues the followers' emails with the write (the worker renders and sends them)."""
    from .tasks import email_reply_followers

    enqueue(email_reply_followers, post_pk, base_url=base_url)


def notify_new_topic(topic_pk, base_url=None):
    from .tasks import email_new_topic_followers

    enqueue(email_new_topic_followers, topic_pk, base_url=base_url)
