"""SPASER drafts of an organisation: every save is a version, and a draft can be shared,
read-only and revocably, with a mentor."""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation

from . import compliance


class Draft(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="spaser_drafts",
    )
    title = models.CharField(_("titre"), max_length=200)
    period_start = models.PositiveSmallIntegerField(_("première année"))
    period_end = models.PositiveSmallIntegerField(_("dernière année"))
    #: The content of the latest version (a copy, so that lists and the editor read one row).
    content = models.JSONField(_("contenu"), default=dict)
    #: What the portal knew when the draft started: organisation, verdict, indicators, gaps.
    prefill = models.JSONField(_("pré-remplissage"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    version_count = models.PositiveIntegerField(_("versions"), default=0)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("projet de SPASER")
        verbose_name_plural = _("projets de SPASER")

    def __str__(self):
        return self.title

    @property
    def years(self):
        return compliance.period_years(self.period_start, self.period_end)

    @property
    def period_label(self):
        return f"{self.period_start}-{self.period_end}"

    @property
    def data(self):
        """The content over the empty shape."""
        return compliance.merged(self.content)

    def compliance(self):
        return compliance.check(self.content, self.period_start, self.period_end)

    def save_version(self, content, user, step, restored_from=None):
        """Stores `content` as a new version (never overwriting one) and as the current content.

        The draft row is locked while its next number is taken, so two saves at once make two
        versions. Returns the version."""
        with transaction.atomic():
            locked = Draft.objects.select_for_update().get(pk=self.pk)
            number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
            version = DraftVersion.objects.create(
                draft=locked,
                number=number,
                content=content,
                step=step,
                saved_by=user,
                restored_from=restored_from,
            )
            Draft.objects.filter(pk=self.pk).update(
                content=content, version_count=number, updated_at=timezone.now()
            )
        self.content = content
        self.version_count = number
        return version


class DraftVersion(models.Model):
    draft = models.ForeignKey(
        Draft, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("numéro"))
    content = models.JSONField(_("contenu"), default=dict)
    step = models.CharField(_("étape enregistrée"), max_length=30, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistrée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)
    restored_from = models.PositiveIntegerField(_("restaure la version"), null=True, blank=True)

    class Meta:
        ordering = ["draft", "-number"]
        verbose_name = _("version d'un projet de SPASER")
        verbose_name_plural = _("versions de projets de SPASER")
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="redaction_version_number")
        ]

    def __str__(self):
        return f"{self.draft} — v{self.number}"


def new_share_token():
    return secrets.token_urlsafe(32)


class DraftShare(models.Model):
    """A read-only link to a draft for one mentor, until a member revokes it."""

    draft = models.ForeignKey(
        Draft, verbose_name=_("projet"), on_delete=models.CASCADE, related_name="shares"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="shared_spaser_drafts",
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True, default=new_share_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partagé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("partagé le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("révoqué par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partage d'un projet de SPASER")
        verbose_name_plural = _("partages de projets de SPASER")

    def __str__(self):
        return f"{self.draft} → {self.mentor}"

    @property
    def active(self):
        return self.revoked_at is None
