"""Saved self-assessments of an organisation: per calendar year, every save is a new version
(who saved it, when); none is overwritten."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation

from . import rules, scoring


class AssessmentQuerySet(models.QuerySet):
    def latest_versions(self):
        """The latest version of each (organisation, year)."""
        newer = Assessment.objects.filter(
            organisation=models.OuterRef("organisation"),
            year=models.OuterRef("year"),
            version__gt=models.OuterRef("version"),
        )
        return self.filter(~models.Exists(newer))


class Assessment(models.Model):
    SOURCE_CHOICES = [
        ("questionnaire", _("questionnaire")),
        ("decp", _("questionnaire et import DECP")),
        ("demo", _("démonstration")),
    ]

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    year = models.PositiveSmallIntegerField(_("année des achats"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    source = models.CharField(
        _("origine"), max_length=20, choices=SOURCE_CHOICES, default="questionnaire"
    )
    answers = models.JSONField(_("réponses"), default=dict)
    spending = models.DecimalField(_("montant des achats (€ HT)"), max_digits=15, decimal_places=2)
    obliged = models.BooleanField(_("soumis à l'obligation"))
    score = models.PositiveSmallIntegerField(_("score sur 100"))
    env_share = models.DecimalField(
        _("part de marchés avec considération environnementale (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    social_share = models.DecimalField(
        _("part de marchés avec considération sociale (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    esus_share = models.DecimalField(
        _("part des achats auprès d'entreprises solidaires (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "year", "version"]
        verbose_name = _("autodiagnostic")
        verbose_name_plural = _("autodiagnostics")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "version"],
                name="diagnostic_one_version_number_per_year",
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.year} (v{self.version})"

    @property
    def typed_answers(self):
        return scoring.Answers.from_dict(self.answers)

    def verdict(self):
        return rules.verdict_for(self.typed_answers)

    @classmethod
    def save_new_version(cls, organisation, answers, user, source, today=None):
        """A new version of `organisation`'s assessment of `answers.year`; earlier versions
        stay as they were. Two saves at once get distinct numbers (the unique constraint)."""
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    last = (
                        cls.objects.filter(organisation=organisation, year=answers.year).aggregate(
                            last=models.Max("version")
                        )["last"]
                        or 0
                    )
                    assessment = cls(organisation=organisation, version=last + 1)
                    assessment.fill_from(answers, today=today)
                    assessment.created_by = user
                    assessment.source = source
                    assessment.save()
                    return assessment
            except IntegrityError:
                continue
        raise IntegrityError("could not number the new version")

    def previous_versions(self):
        return Assessment.objects.filter(
            organisation=self.organisation, year=self.year, version__lt=self.version
        )

    def fill_from(self, answers, today=None):
        """Copies the typed `answers` and their computed figures onto this assessment."""
        self.answers = answers.to_dict()
        self.year = answers.year
        self.spending = answers.spending
        self.obliged = rules.verdict_for(answers).obliged
        self.score = scoring.compute(answers, today=today).total
        self.env_share = answers.env_share
        self.social_share = answers.social_share
        self.esus_share = answers.esus_share
        return self


class DecpImport(models.Model):
    """A DECP file an organisation's member uploaded: read by the worker, its result kept.

    The file itself is stored under DIAGNOSTIC_DECP_ROOT until the worker has read it, then
    deleted; the counts stay, for the organisation's verified members only.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en cours de lecture")
        DONE = "done", _("terminé")
        FAILED = "failed", _("en erreur")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="decp_imports",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    started_at = models.DateTimeField(_("lecture commencée le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("lecture terminée le"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file_name = models.CharField(_("nom du fichier"), max_length=255)
    stored_name = models.CharField(_("fichier stocké"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    bytes_read = models.PositiveBigIntegerField(_("octets lus"), default=0)
    buyer = models.CharField(_("SIRET ou SIREN"), max_length=14)
    year = models.PositiveSmallIntegerField(_("année demandée"), null=True, blank=True)
    summary = models.JSONField(_("résultat"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    error_field = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import DECP")
        verbose_name_plural = _("imports DECP")

    def __str__(self):
        return f"{self.file_name} ({self.organisation})"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        if not self.size:
            return 0
        return min(99, int(self.bytes_read * 100 / self.size))
