"""Cohorts of the Mission SPASER: promotions, memberships, applications, sessions, recaps, surveys.

These are plain Django models managed in the Wagtail admin through snippet viewsets
(see wagtail_hooks.py). Everything private to a promotion is reached through the views, which
all ask `promotions.permissions` who may see what.
"""

import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from portal.account_adapter import user_display
from portal.content_events import per_member
from portal.models import Organisation
from portal.private_storage import PrivateFileStorage
from portal.uploads import DOCUMENT_EXTENSIONS, validate_document_content, validate_document_size

# Slugs that would shadow the app's own URLs.
RESERVED_SLUGS = {"mes-promotions", "agenda"}


def validate_promotion_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Cet identifiant est réservé ; choisissez-en un autre."))


class PrivateStorage(PrivateFileStorage):
    """Files of a promotion's private space: stored outside MEDIA_ROOT, served by a checked view."""

    @property
    def base_location(self):
        return str(
            getattr(settings, "PROMOTIONS_PRIVATE_ROOT", Path(settings.MEDIA_ROOT) / "private")
        )


private_storage = PrivateStorage()


def private_upload_to(instance, filename):
    return f"promotions/{secrets.token_hex(8)}/{filename}"


class Promotion(ClusterableModel):
    """One edition of the programme: ~30 buyers over three months with a sponsor and mentors."""

    class State(models.TextChoices):
        OPEN = "open", _("candidatures ouvertes")
        RUNNING = "running", _("en cours")
        FINISHED = "finished", _("terminée")

    name = models.CharField(_("nom"), max_length=140, unique=True)
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=140,
        unique=True,
        blank=True,
        validators=[validate_promotion_slug],
    )
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    start_date = models.DateField(_("date de début"))
    end_date = models.DateField(_("date de fin"))
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"), default=30, validators=[MinValueValidator(1)]
    )
    sponsor = models.ForeignKey(
        Organisation,
        verbose_name=_("parrain ou marraine"),
        help_text=_("Une collectivité qui a déjà publié son SPASER."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_promotions",
    )
    state = models.CharField(_("état"), max_length=10, choices=State, default=State.OPEN)
    survey_open = models.BooleanField(
        _("questionnaire de fin de programme ouvert"),
        default=False,
        help_text=_("Les participants peuvent répondre au questionnaire de fin de programme."),
    )
    group = models.OneToOneField(
        Group,
        verbose_name=_("groupe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="promotion",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("state")]),
        FieldPanel("sponsor"),
        FieldPanel("survey_open"),
        InlinePanel("memberships", heading=_("Participants et mentors"), label=_("Membre")),
    ]

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("La date de fin doit suivre la date de début.")})

    @property
    def group_name(self):
        return f"Promotion : {self.name}"[:150]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:140]
        # The group exists before the memberships are committed so their signals can sync it.
        if self.group_id is None:
            self.group, _created = Group.objects.get_or_create(name=self.group_name)
        elif self.group.name != self.group_name:
            self.group.name = self.group_name
            self.group.save(update_fields=["name"])
        super().save(*args, **kwargs)
        self.sync_group()

    def sync_group(self):
        """The promotion's auth group holds exactly its participants and mentors."""
        if self.group_id is None or self.pk is None:
            return
        user_ids = Membership.objects.filter(promotion_id=self.pk).values_list("user_id", flat=True)
        self.group.user_set.set(list(user_ids))

    def get_absolute_url(self):
        return reverse("promotions:detail", args=[self.slug])

    def get_space_url(self):
        return reverse("promotions:space", args=[self.slug])

    @property
    def is_open(self):
        return self.state == self.State.OPEN

    def participants(self):
        return self.memberships.filter(role=Membership.Role.PARTICIPANT)

    def mentors(self):
        return self.memberships.filter(role=Membership.Role.MENTOR)


class Membership(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("participant")
        MENTOR = "mentor", _("mentor (parrain ou marraine)")

    promotion = ParentalKey(
        Promotion,
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="promotion_memberships",
    )
    role = models.CharField(_("rôle"), max_length=12, choices=Role, default=Role.PARTICIPANT)
    joined_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("membre de promotion")
        verbose_name_plural = _("membres de promotion")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "user"], name="promotions_one_membership_per_user"
            )
        ]

    def __str__(self):
        return f"{user_display(self.user)} — {self.promotion} ({self.get_role_display()})"


def new_feed_token():
    return secrets.token_urlsafe(32)


@per_member("user_id")
class CalendarToken(models.Model):
    """The secret of a member's private iCalendar feed; regenerating it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="promotion_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("flux d'agenda")
        verbose_name_plural = _("flux d'agenda")

    def __str__(self):
        return user_display(self.user)

    def get_absolute_url(self):
        return reverse("promotions:feed", args=[self.token])

    def regenerate(self):
        self.token = new_feed_token()
        self.save(update_fields=["token", "created_at"])


class Application(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente d'examen")
        ACCEPTED = "accepted", _("acceptée")
        WAITLISTED = "waitlisted", _("sur liste d'attente")
        DECLINED = "declined", _("refusée")

    promotion = models.ForeignKey(
        Promotion,
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidat"),
        on_delete=models.CASCADE,
        related_name="promotion_applications",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="promotion_applications",
    )
    motivation = models.TextField(_("motivation"))
    status = models.CharField(_("statut"), max_length=12, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("déposée le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décision par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # The status changes only through the bulk actions, which send the applicant's emails.
    panels = [
        FieldPanel("promotion"),
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("motivation"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "user"], name="promotions_one_application_per_user"
            )
        ]

    def __str__(self):
        return f"{user_display(self.user)} — {self.promotion}"


class Session(models.Model):
    class Kind(models.TextChoices):
        KICKOFF = "decollage", _("décollage")
        CODEV = "codev", _("co-développement")
        WEBINAR = "webinaire", _("webinaire")
        LANDING = "atterrissage", _("atterrissage")

    promotion = models.ForeignKey(
        Promotion, verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind, default=Kind.CODEV)
    title = models.CharField(_("titre"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=90, validators=[MinValueValidator(15)]
    )
    visio_url = models.URLField(_("lien de visioconférence"), blank=True)
    agenda = models.TextField(_("ordre du jour"), blank=True)
    case_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("porteur de cas"),
        help_text=_("Pour une séance de co-développement : le participant qui expose son cas."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promotion_cases",
    )
    case_title = models.CharField(_("cas exposé"), max_length=200, blank=True)
    case_summary = models.TextField(_("résumé du cas"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présents"),
        blank=True,
        related_name="promotion_sessions_attended",
    )
    recap_reminder_sent_at = models.DateTimeField(
        _("relance de fiche envoyée le"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("promotion"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("duration_minutes")]),
        FieldPanel("visio_url"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("case_holder"), FieldPanel("case_title"), FieldPanel("case_summary")],
            heading=_("Co-développement"),
        ),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("séance")
        verbose_name_plural = _("séances")

    def __str__(self):
        return f"{self.title} ({self.promotion})"

    def get_absolute_url(self):
        return reverse("promotions:session", args=[self.promotion.slug, self.pk])

    def clean(self):
        super().clean()
        if (
            self.case_holder_id
            and self.promotion_id
            and not Membership.objects.filter(
                promotion_id=self.promotion_id, user_id=self.case_holder_id
            ).exists()
        ):
            raise ValidationError(
                {"case_holder": _("Le porteur de cas doit être membre de la promotion.")}
            )

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_codev(self):
        return self.kind == self.Kind.CODEV

    @property
    def is_past(self):
        return self.ends_at < timezone.now()


# The six steps of a co-development session (Payette & Champagne), used as the session page's structure.
CODEV_STEPS = [
    (
        _("Exposé du cas"),
        15,
        _("Le porteur de cas présente sa situation, son contexte et ce qui lui pose problème."),
    ),
    (
        _("Questions de clarification"),
        15,
        _("Les consultants posent des questions factuelles pour bien comprendre la situation."),
    ),
    (
        _("Contrat : formulation de la demande"),
        10,
        _("Le porteur précise ce qu'il attend du groupe : conseils, idées, retours d'expérience."),
    ),
    (
        _("Consultation des pairs"),
        25,
        _("Les consultants partagent avec bienveillance leurs idées, pistes et expériences."),
    ),
    (
        _("Plan d'action du porteur"),
        15,
        _("Le porteur retient ce qui lui est utile et énonce les actions qu'il va engager."),
    ),
    (
        _("Apprentissages"),
        10,
        _("Chacun nomme ce qu'il a appris et ce qu'il emporte pour sa propre collectivité."),
    ),
]


class Recap(models.Model):
    """The recap sheet a mentor writes after a session ("fiche récapitulative")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        PUBLISHED = "published", _("publiée")

    session = models.OneToOneField(
        Session, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="recap"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promotion_recaps",
    )
    key_points = models.TextField(_("points clés"))
    resources = models.TextField(_("ressources citées"), blank=True)
    actions = models.TextField(_("actions décidées"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    panels = [
        FieldPanel("session"),
        FieldPanel("key_points"),
        FieldPanel("resources"),
        FieldPanel("actions"),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["session__starts_at"]
        verbose_name = _("fiche récapitulative")
        verbose_name_plural = _("fiches récapitulatives")

    def __str__(self):
        return _("Fiche : %(session)s") % {"session": self.session.title}

    def get_absolute_url(self):
        return reverse("promotions:recap", args=[self.session.promotion.slug, self.session_id])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class PromotionDocument(models.Model):
    promotion = models.ForeignKey(
        Promotion, verbose_name=_("promotion"), on_delete=models.CASCADE, related_name="documents"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("séance"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(
        _("fichier"),
        storage=private_storage,
        upload_to=private_upload_to,
        max_length=255,
        validators=[
            FileExtensionValidator(DOCUMENT_EXTENSIONS),
            validate_document_size,
            validate_document_content,
        ],
    )
    uploaded_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    panels = [
        FieldPanel("promotion"),
        FieldPanel("session"),
        FieldPanel("title"),
        FieldPanel("file"),
    ]

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document de promotion")
        verbose_name_plural = _("documents de promotion")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("promotions:document", args=[self.promotion.slug, self.pk])

    def clean(self):
        super().clean()
        if self.session_id and self.promotion_id and self.session.promotion_id != self.promotion_id:
            raise ValidationError({"session": _("Cette séance appartient à une autre promotion.")})

    @property
    def filename(self):
        return Path(self.file.name).name


class SurveyResponse(models.Model):
    """A participant's answer to the end-of-programme survey (one per participant)."""

    class YesNo(models.TextChoices):
        YES = "oui", _("Oui")
        NO = "non", _("Non")

    class Plan(models.TextChoices):
        YES = "oui", _("Oui")
        NO = "non", _("Non")
        UNSURE = "nsp", _("Je ne sais pas")

    promotion = models.ForeignKey(
        Promotion,
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="promotion_survey_responses",
    )
    more_able = models.CharField(
        _("Vous sentez-vous plus capable de piloter un SPASER ?"), max_length=3, choices=YesNo
    )
    publish_plan = models.CharField(
        _("Prévoyez-vous de publier votre SPASER dans les six mois ?"),
        max_length=3,
        choices=Plan,
    )
    comment = models.TextField(_("commentaire libre"), blank=True)
    created_at = models.DateTimeField(_("répondu le"), auto_now_add=True)

    panels = [
        FieldPanel("promotion"),
        FieldPanel("user"),
        FieldPanel("more_able"),
        FieldPanel("publish_plan"),
        FieldPanel("comment"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("réponse au questionnaire")
        verbose_name_plural = _("réponses au questionnaire")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "user"], name="promotions_one_survey_answer_per_user"
            )
        ]

    def __str__(self):
        return f"{user_display(self.user)} — {self.promotion}"
