"""Demo content of the forum: four categories, twenty topics with replies, several solved.

The texts live in `forum/demo_content/`: `topics.toml` (the categories, their topics and
replies) and `forum.toml` (navigation, home tile, the private category of each promotion). This
module resolves the authors and dates the posts from the day of seeding.

Idempotent: categories by slug, topics by (category, title); an existing topic is left as is.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from portal.demo import add_home_section, add_nav_link, demo_content

from . import services
from .models import Category, Post, Subscription, Topic, TopicReadState

TOPICS = demo_content(__file__, "topics")
FORUM = demo_content(__file__, "forum")


def _user(email):
    return get_user_model().objects.get(email=email)


def _seed_private_categories():
    """A private category for each promotion's group (the promotions app names them so)."""
    spec = FORUM["private_category"]
    topic_spec = spec["topic"]
    for group in Group.objects.filter(name__startswith="Promotion : ").order_by("pk"):
        members = list(group.user_set.order_by("pk"))
        if not members:
            continue
        category, created = Category.objects.get_or_create(
            restricted_to=group,
            defaults={
                "name": spec["name"].format(promotion=group.name.removeprefix("Promotion : ")),
                "slug": slugify(group.name)[:80],
                "description": spec["description"],
                "position": 100 + group.pk,
            },
        )
        if not created:
            continue
        author, replier = members[0], members[-1]
        start = timezone.now() - timezone.timedelta(days=topic_spec["days_ago"])
        topic = _opened_topic(category, topic_spec, author, start)
        Post.objects.create(
            topic=topic,
            author=replier,
            created_at=start + timezone.timedelta(hours=topic_spec["reply"]["hours_after"]),
            body=topic_spec["reply"]["body"],
        )
        services.refresh_counters(topic.pk)


def _opened_topic(category, spec, author, start):
    """The topic and its first post, as `author` opened it at `start`."""
    topic = Topic.objects.create(
        category=category,
        title=spec["title"],
        author=author,
        created_at=start,
        last_activity_at=start,
        last_poster=author,
    )
    Post.objects.create(
        topic=topic, author=author, body=spec["body"], is_first=True, created_at=start
    )
    return topic


def _topic(category, spec, now):
    """Creates the topic and its replies; False if it already exists."""
    if Topic.objects.filter(category=category, title=spec["title"]).exists():
        return False
    author = _user(spec["author"])
    start = now - timezone.timedelta(days=spec["days_ago"], hours=3)
    topic = _opened_topic(category, spec, author, start)
    Subscription.objects.get_or_create(user=author, topic=topic)
    TopicReadState.objects.get_or_create(user=author, topic=topic, defaults={"last_read_at": start})
    solution = None
    for reply in spec["replies"]:
        replier = _user(reply["author"])
        post = Post.objects.create(
            topic=topic,
            author=replier,
            body=reply["body"],
            created_at=start + timezone.timedelta(hours=reply["hours_after"]),
        )
        if reply.get("solution"):
            solution = post
        Subscription.objects.get_or_create(user=replier, topic=topic)
    services.refresh_counters(topic.pk)
    if solution is not None:
        Topic.objects.filter(pk=topic.pk).update(solution=solution)
    return True


def seed(password, stdout):
    from portal.models import Theme

    categories = {}
    for position, spec in enumerate(TOPICS["category"]):
        category, _created = Category.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "position": position,
            },
        )
        category.themes.add(*Theme.objects.filter(name__in=spec["themes"]))
        categories[spec["slug"]] = category

    now = timezone.now().replace(second=0, microsecond=0)
    created_count = 0
    for spec in TOPICS["category"]:
        for topic in spec["topic"]:
            created_count += _topic(categories[spec["slug"]], topic, now)

    for spec in TOPICS["category"]:
        for topic in spec["topic"]:
            if topic.get("pinned"):
                Topic.objects.filter(
                    category=categories[spec["slug"]], title=topic["title"]
                ).update(is_pinned=True)
    for spec in TOPICS["category"]:
        for email in spec.get("followed_by", []):
            Subscription.objects.get_or_create(user=_user(email), category=categories[spec["slug"]])

    _seed_private_categories()

    add_nav_link(FORUM["navigation_label"], "/forum/")
    add_home_section(
        FORUM["home_section"]["title"], FORUM["home_section"]["description"], "/forum/"
    )
    stdout.write(
        f"  forum: {len(categories)} catégories, {Topic.objects.count()} sujets "
        f"({created_count} créés), {Topic.objects.filter(solution__isnull=False).count()} résolus"
    )
