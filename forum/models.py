"""The mutual-help space: categories, topics, posts, subscriptions, read states and reports.

A category is public (``restricted_to`` empty) or private to one group of users (a promotion's
group). Every view, feed and the search index go through ``visible_to(user)``.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from portal.content_events import content, files_rows_by, per_member

from .markup import render_markdown
from .permissions import is_moderator


class CategoryQuerySet(models.QuerySet):
    def public(self):
        return self.filter(restricted_to__isnull=True)

    def visible_to(self, user):
        if is_moderator(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.public()
        return self.filter(
            Q(restricted_to__isnull=True)
            | Q(restricted_to__in=Group.objects.filter(user=user).values("pk"))
        )


RESERVED_SLUGS = {"moderation", "desabonnement", "sujet", "message"}


class Category(models.Model):
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    restricted_to = models.ForeignKey(
        Group,
        verbose_name=_("réservée au groupe"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_categories",
        help_text=_(
            "Laissez vide pour une catégorie publique ; sinon seuls les membres de ce groupe "
            "(par exemple une promotion) et les modérateurs la voient."
        ),
    )
    themes = models.ManyToManyField(
        "portal.Theme", verbose_name=_("thèmes"), blank=True, related_name="forum_categories"
    )

    objects = CategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("position"),
        FieldPanel("restricted_to"),
        FieldPanel("themes"),
    ]

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("catégorie du forum")
        verbose_name_plural = _("catégories du forum")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Cette adresse est réservée par le forum ; choisissez-en une autre.")}
            )

    @property
    def is_private(self):
        return self.restricted_to_id is not None


class Status(models.TextChoices):
    PUBLISHED = "published", _("publié")
    HELD = "held", _("en attente de modération")
    HIDDEN = "hidden", _("masqué par la modération")


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Topics of categories the user may see; hidden, deleted and others' held ones excluded."""
        queryset = self.filter(category__in=Category.objects.visible_to(user))
        if is_moderator(user):
            return queryset
        visible = Q(status=Status.PUBLISHED)
        if getattr(user, "is_authenticated", False):
            visible |= Q(status=Status.HELD, author=user)
        return queryset.filter(visible, deleted_at__isnull=True)

    def public(self):
        """What anyone may read and the search index holds: what a visitor sees."""
        return self.visible_to(AnonymousUser())

    def for_list(self):
        return self.select_related("category", "author", "last_poster", "solution").order_by(
            "-is_pinned", "-last_activity_at", "-pk"
        )


@files_rows_by("pk")  # a topic's page is filed under its own shard of the forum
class Topic(models.Model):
    Status = Status

    category = models.ForeignKey(
        Category, verbose_name=_("catégorie"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("titre"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="forum_topics",
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("dernière activité"), default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_count = models.PositiveIntegerField(_("réponses"), default=0)
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    deleted_at = models.DateTimeField(_("supprimé le"), null=True, blank=True)
    is_locked = models.BooleanField(_("verrouillé"), default=False)
    is_pinned = models.BooleanField(_("épinglé"), default=False)
    solution = models.ForeignKey(
        "Post",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [
            models.Index(fields=["category", "-last_activity_at"]),
            # The latest topics of the forum's front page: read from the index, not sorted.
            models.Index(fields=["-last_activity_at", "-id"], name="forum_topic_latest"),
        ]
        verbose_name = _("sujet")
        verbose_name_plural = _("sujets")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:topic", kwargs={"pk": self.pk})

    @property
    def is_solved(self):
        return self.solution_id is not None

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def is_public(self):
        return (
            self.category.restricted_to_id is None
            and self.status == Status.PUBLISHED
            and self.deleted_at is None
        )


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts a user may read inside a topic they can see (moderators see everything)."""
        if is_moderator(user):
            return self.all()
        visible = Q(status=Status.PUBLISHED)
        if getattr(user, "is_authenticated", False):
            visible |= Q(status=Status.HELD, author=user)
        return self.filter(visible, deleted_at__isnull=True)

    def published(self):
        return self.filter(status=Status.PUBLISHED, deleted_at__isnull=True)


@files_rows_by("topic_id")
class Post(models.Model):
    Status = Status

    topic = models.ForeignKey(
        Topic, verbose_name=_("sujet"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="forum_posts",
    )
    is_first = models.BooleanField(_("message d'ouverture"), default=False)
    body = models.TextField(_("message (Markdown)"))
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("publié le"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    deleted_at = models.DateTimeField(_("supprimé le"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.topic} — {self.author}"

    def save(self, *args, **kwargs):
        if getattr(self, "_html_source", None) != self.body:
            self.set_body(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {"body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:post", kwargs={"pk": self.pk})

    def set_body(self, body):
        """Sets the text and renders its HTML now: callers do it before opening a transaction,
        so the write lock is never held while Markdown is rendered."""
        self.body = body
        self.body_html = render_markdown(body)
        self._html_source = body

    @property
    def anchor(self):
        return f"post-{self.pk}"

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def counts(self):
        """Whether this post counts as a visible reply (reply_count, solution, notifications)."""
        return not self.is_first and self.status == Status.PUBLISHED and self.deleted_at is None


@per_member("user_id")
class Subscription(models.Model):
    """A member follows a topic or a whole category (one of the two)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=True, category__isnull=False)
                | Q(topic__isnull=False, category__isnull=True),
                name="forum_subscription_topic_xor_category",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="forum_subscription_unique_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(category__isnull=False),
                name="forum_subscription_unique_category",
            ),
        ]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")

    def __str__(self):
        return f"{self.user} → {self.topic or self.category}"

    @property
    def target(self):
        return self.topic or self.category


@per_member("user_id")
class TopicReadState(models.Model):
    """When a member last read a topic (unread markers) and was last emailed about it (bursts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="read_states")
    last_read_at = models.DateTimeField(null=True, blank=True)
    last_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="forum_read_state_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.topic}"


@content
class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Publicité ou spam")
        ABUSE = "abuse", _("Propos injurieux ou irrespectueux")
        PERSONAL = "personal", _("Données personnelles ou confidentielles")
        OFF_TOPIC = "off_topic", _("Hors sujet")
        OTHER = "other", _("Autre raison")

    post = models.ForeignKey(
        Post, verbose_name=_("message"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signalé par"),
        on_delete=models.CASCADE,
        related_name="forum_reports",
    )
    reason = models.CharField(_("motif"), max_length=20, choices=Reason.choices)
    comment = models.TextField(_("précisions"), blank=True)
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")

    def __str__(self):
        return f"{self.get_reason_display()} — {self.post}"
