"""The registry of adopted SPASERs (« Les SPASER adoptés »): one entry per organisation and
period, published by a verified member of the organisation, public while it is published.

Who may do what is said in `registre.permissions`; how an entry is published, edited, withdrawn
or unpublished (and the locking that keeps one current entry per organisation and period) in
`registre.services`.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation
from portal.private_storage import PrivateFileStorage
from portal.uploads import validate_document_content, validate_document_size
from redaction.periods import FIRST_YEAR, LAST_YEAR, period_error

#: The formats of an adopted scheme: what an assembly votes and a website publishes.
DOCUMENT_EXTENSIONS = ["pdf", "odt", "docx"]


class RegistreStorage(PrivateFileStorage):
    """The schemes' documents: stored outside MEDIA_ROOT and served by a view that checks the
    entry is public (a withdrawn or unpublished scheme's file is no longer reachable)."""

    @property
    def base_location(self):
        return str(settings.REGISTRE_DOCUMENTS_ROOT)


registre_storage = RegistreStorage()


def document_upload_to(instance, filename):
    return f"schemas/{secrets.token_hex(8)}/{filename}"


class AdoptedSchemeQuerySet(models.QuerySet):
    def public(self):
        """Entries anyone may read: published, of an organisation the staff validated."""
        return self.filter(status=AdoptedScheme.Status.PUBLISHED, organisation__validated=True)


class AdoptedScheme(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("publié")
        WITHDRAWN = "withdrawn", _("retiré par l'organisation")
        UNPUBLISHED = "unpublished", _("dépublié par un curateur")

    class Obligation(models.TextChoices):
        OBLIGED = "oblige", _("obligatoire")
        VOLUNTARY = "volontaire", _("volontaire")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="adopted_schemes",
    )
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(_("résumé"), max_length=2000, blank=True)
    document = models.FileField(
        _("document adopté"),
        storage=registre_storage,
        upload_to=document_upload_to,
        max_length=255,
        validators=[
            FileExtensionValidator(DOCUMENT_EXTENSIONS),
            validate_document_size,
            validate_document_content,
        ],
    )
    file_size = models.PositiveIntegerField(_("taille du document (octets)"), null=True, blank=True)
    adopted_on = models.DateField(_("date d'adoption"))
    deliberation = models.CharField(_("référence de la délibération"), max_length=120)
    period_start = models.PositiveSmallIntegerField(
        _("première année"), validators=[MinValueValidator(FIRST_YEAR)]
    )
    period_end = models.PositiveSmallIntegerField(
        _("dernière année"), validators=[MaxValueValidator(LAST_YEAR)]
    )
    website_url = models.URLField(
        _("adresse sur le site de l'organisation"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    obligation = models.CharField(_("adopté au titre"), max_length=12, choices=Obligation.choices)
    env_target = models.DecimalField(
        _("cible : marchés avec une considération environnementale (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    social_target = models.DecimalField(
        _("cible : marchés avec une considération sociale (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    esus_target = models.DecimalField(
        _("cible : achats auprès d'entreprises solidaires (ESUS) (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    status_reason = models.TextField(_("motif"), max_length=1000, blank=True)
    source_draft = models.ForeignKey(
        "redaction.Draft",
        verbose_name=_("projet d'origine"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_schemes",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publié par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("publié le"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifié par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("statut changé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("statut changé le"), null=True, blank=True)

    objects = AdoptedSchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("SPASER adopté")
        verbose_name_plural = _("SPASER adoptés")
        permissions = [("unpublish_adoptedscheme", "Can unpublish an adopted scheme")]
        constraints = [
            # The last defence of « one current entry per organisation and period »
            # (registre.services locks the organisation and refuses overlapping periods first).
            models.UniqueConstraint(
                fields=["organisation", "period_start", "period_end"],
                condition=Q(status="published"),
                name="registre_one_current_entry_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="registre_period_in_order",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 0, f"{name}__lte": 100}),
                    name=f"registre_{name}_is_a_share",
                )
                for name in ("env_target", "social_target", "esus_target")
            ),
        ]
        indexes = [models.Index(fields=["status", "-adopted_on"], name="registre_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("registre:detail", args=[self.pk])

    def get_document_url(self):
        return reverse("registre:document", args=[self.pk, self.filename])

    @property
    def file(self):
        """The document, under the name `{{ entry|download_detail }}` reads (portal_a11y)."""
        return self.document

    @property
    def filename(self):
        return Path(self.document.name).name

    @property
    def extension(self):
        return Path(self.document.name).suffix.lstrip(".").upper()

    @property
    def period_label(self):
        return f"{self.period_start}-{self.period_end}"

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.organisation.validated

    def clean(self):
        super().clean()
        start, end = self.period_start, self.period_end
        if start and end and (error := period_error(start, end)):
            raise ValidationError({"period_end": error})
