"""Documents that buyers share with each other: deliberations, specification excerpts, their own
model clauses, guides, experience reports.

A verified member of an organisation contributes one (portal.organisations); it waits in the
curators' queue until a curator publishes it with a reliability level or refuses it with a
reason. Its contributor can withdraw it at any time. Who sees what is decided in one place,
`partage.permissions`; the file is stored under the media folder's `documents/`, which is never
served directly (portal.media_urls), and leaves only through the download view, which checks the
audience.
"""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.content_events import content
from portal.media_urls import DOCUMENTS_FOLDER
from portal.models import CollectiviteType, FamilleAchat, Organisation, Theme
from portal.uploads import validate_document_content, validate_document_size

# Office documents and PDF only: a shared document is read, not computed (no CSV, no plain text).
EXTENSIONS = ["pdf", "odt", "docx", "ods", "xlsx", "odp", "pptx"]
TITLE_MAX = 200
SUMMARY_MAX = 2000
REASON_MAX = 2000
FILENAME_MAX = 120


def upload_to(instance, filename):
    """Under `documents/` of the media folder (never served, portal.media_urls), in a folder of
    its own with an unguessable name."""
    path = PurePath(filename)
    stem = path.stem[: FILENAME_MAX - len(path.suffix)] or "document"
    return f"{DOCUMENTS_FOLDER}partage/{secrets.token_hex(12)}/{stem}{path.suffix.lower()}"


class Kind(models.TextChoices):
    DELIBERATION = "deliberation", _("délibération")
    SPECIFICATION = "cahier-des-charges", _("extrait de cahier des charges")
    CLAUSE = "clause", _("clause type de l'organisation")
    GUIDE = "guide", _("guide")
    EXPERIENCE = "retour-experience", _("retour d'expérience")


class Audience(models.TextChoices):
    PUBLIC = "public", _("tout public")
    RESERVED = "acheteurs", _("réservé aux acheteurs publics vérifiés")


class Status(models.TextChoices):
    PENDING = "pending", _("en attente de relecture")
    PUBLISHED = "published", _("publié")
    REFUSED = "refused", _("refusé")
    WITHDRAWN = "withdrawn", _("retiré")


class Reliability(models.TextChoices):
    """Set by the curator who publishes, from the least to the most reviewed."""

    SHARED = "acheteur", _("partagé par un acheteur")
    REVIEWED = "reseau", _("relu par un réseau")
    NATIONAL = "national", _("référence nationale")


class Consideration(models.TextChoices):
    SOCIAL = "sociale", _("sociale")
    ENVIRONMENTAL = "environnementale", _("environnementale")
    CIRCULAR = "circulaire", _("économie circulaire")


CONSIDERATION_FIELDS = {
    Consideration.SOCIAL: "social",
    Consideration.ENVIRONMENTAL: "environmental",
    Consideration.CIRCULAR: "circular",
}


class SharedDocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """Published for everyone: what anonymous visitors, feeds and the site map may show."""
        return self.published().filter(audience=Audience.PUBLIC)

    def for_cards(self):
        return self.select_related("organisation").prefetch_related(
            "themes", "familles", "collectivite_types"
        )


# Content (portal.content_events): every write — proposed, published, refused, withdrawn, its
# taxonomy changed — empties the cached pages and re-indexes or removes its search document.
@content
class SharedDocument(models.Model):
    title = models.CharField(_("titre"), max_length=TITLE_MAX)
    summary = models.TextField(
        _("présentation"),
        max_length=SUMMARY_MAX,
        help_text=_("Ce que contient le document et dans quel contexte il a été écrit."),
    )
    kind = models.CharField(_("nature du document"), max_length=20, choices=Kind.choices)
    audience = models.CharField(
        _("public"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    file = models.FileField(
        _("fichier"),
        upload_to=upload_to,
        max_length=255,
        validators=[
            FileExtensionValidator(EXTENSIONS),
            validate_document_size,
            validate_document_content,
        ],
    )
    file_size = models.PositiveBigIntegerField(_("taille du fichier"), default=0)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation émettrice"),
        on_delete=models.CASCADE,
        related_name="shared_documents",
    )
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contributeur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shared_documents",
    )
    social = models.BooleanField(_("considération sociale"), default=False)
    environmental = models.BooleanField(_("considération environnementale"), default=False)
    circular = models.BooleanField(_("économie circulaire"), default=False)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="shared_documents", verbose_name=_("thèmes")
    )
    familles = models.ManyToManyField(
        FamilleAchat,
        blank=True,
        related_name="shared_documents",
        verbose_name=_("familles d'achat"),
    )
    collectivite_types = models.ManyToManyField(
        CollectiviteType,
        blank=True,
        related_name="shared_documents",
        verbose_name=_("types de collectivité"),
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reliability = models.CharField(
        _("niveau de fiabilité"), max_length=10, choices=Reliability.choices, blank=True
    )
    refusal_reason = models.TextField(_("motif du refus"), max_length=REASON_MAX, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relu par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)

    objects = SharedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        verbose_name = _("document partagé")
        verbose_name_plural = _("documents partagés")
        permissions = [("moderate_shareddocument", "Peut modérer les documents partagés")]
        indexes = [models.Index(fields=["status", "audience", "-published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and (not self.file_size or not getattr(self.file, "_committed", True)):
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partage:detail", args=[self.pk])

    def get_download_url(self):
        return reverse("partage:download", args=[self.pk])

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_reserved(self):
        return self.audience == Audience.RESERVED

    @property
    def filename(self):
        return PurePath(self.file.name).name

    @property
    def extension(self):
        return PurePath(self.file.name).suffix.lstrip(".").upper()

    @property
    def considerations(self):
        return [
            label
            for value, label in Consideration.choices
            if getattr(self, CONSIDERATION_FIELDS[value])
        ]
