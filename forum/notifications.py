"""Emails to followers: one per burst of replies, never to the author, with an unsubscribe link.

A follower is emailed about a topic only if they have not been emailed about it since they last
read it (TopicReadState.last_notified_at vs last_read_at); reading the topic starts a new burst.
The claim is a conditional UPDATE, so two concurrent replies never send the same email twice.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.one_line import one_line
from portal.public_url import absolute_url
from portal.roles import forum_moderators_q

from .models import Post, Subscription, Topic, TopicReadState

UNSUBSCRIBE_SALT = "forum.unsubscribe"


def unsubscribe_token(subscription):
    return signing.dumps({"s": subscription.pk, "u": subscription.user_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """The subscription id and user id in a token, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or "s" not in data or "u" not in data:
        return None
    return data


def _base_url(base_url):
    # Links always use the configured public address (portal.public_url), whatever host the
    # request that triggered the email came on.
    return absolute_url("")


def _followers(topic, exclude_user_id):
    """Active users following the topic or its category who may read it, author excluded."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(forum_subscriptions__topic=topic) | Q(forum_subscriptions__category=topic.category_id)
        )
        .exclude(pk=exclude_user_id)
    )
    group_id = topic.category.restricted_to_id
    if group_id is not None:
        users = users.filter(Q(groups=group_id) | forum_moderators_q())
    return list(users.distinct().order_by("pk"))


def _claim(user, topic, now):
    """True when this user may be emailed now about this topic (and records it)."""
    updated = (
        TopicReadState.objects.filter(user=user, topic=topic)
        .filter(
            Q(last_notified_at__isnull=True)
            | Q(last_read_at__isnull=False, last_read_at__gte=F("last_notified_at"))
        )
        .update(last_notified_at=now)
    )
    if updated:
        return True
    if TopicReadState.objects.filter(user=user, topic=topic).exists():
        return False
    try:
        with transaction.atomic():
            TopicReadState.objects.create(user=user, topic=topic, last_notified_at=now)
    except IntegrityError:
        return False
    return True


def _subscription_for(user, topic):
    subscriptions = {
        ("topic" if s.topic_id else "category"): s
        for s in Subscription.objects.filter(user=user).filter(
            Q(topic=topic) | Q(category=topic.category_id)
        )
    }
    return subscriptions.get("topic") or subscriptions.get("category")


def _send(topic, post, subject, template, base_url, exclude_user_id):
    base = _base_url(base_url)
    now = timezone.now()
    messages = []
    for user in _followers(topic, exclude_user_id):
        if not _claim(user, topic, now):
            continue
        subscription = _subscription_for(user, topic)
        if subscription is None:
            continue
        unsubscribe_url = base + reverse(
            "forum:unsubscribe", kwargs={"token": unsubscribe_token(subscription)}
        )
        context = {
            "user": user,
            "topic": topic,
            "post": post,
            "post_url": base + post.get_absolute_url(),
            "unsubscribe_url": unsubscribe_url,
            "subscription": subscription,
        }
        messages.append(
            EmailMessage(
                subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(subject),
                body=render_to_string(template, context),
                to=[user.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def send_reply_notifications(post_pk, base_url=None):
    post = Post.objects.select_related("author", "topic", "topic__category").get(pk=post_pk)
    topic = post.topic
    if not post.counts or topic.status != Topic.Status.PUBLISHED or topic.is_deleted:
        return 0
    return _send(
        topic,
        post,
        _("Nouvelle réponse : %(title)s") % {"title": topic.title},
        "forum/email/new_reply.txt",
        base_url,
        post.author_id,
    )


def send_new_topic_notifications(topic_pk, base_url=None):
    topic = Topic.objects.select_related("category", "author").get(pk=topic_pk)
    post = topic.posts.filter(is_first=True).first()
    if post is None or topic.status != Topic.Status.PUBLISHED:
        return 0
    return _send(
        topic,
        post,
        _("Nouveau sujet dans « %(category)s » : %(title)s")
        % {"category": topic.category.name, "title": topic.title},
        "forum/email/new_topic.txt",
        base_url,
        topic.author_id,
    )
