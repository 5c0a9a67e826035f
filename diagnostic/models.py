"""Saved self-assessments of an organisation, one per calendar year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation

from . import rules, scoring


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

    class Meta:
        ordering = ["organisation", "year"]
        verbose_name = _("autodiagnostic")
        verbose_name_plural = _("autodiagnostics")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="diagnostic_one_assessment_per_year"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.year}"

    @property
    def typed_answers(self):
        return scoring.Answers.from_dict(self.answers)

    def verdict(self):
        return rules.verdict_for(self.typed_answers)

    def compute_score(self, today=None):
        return scoring.compute(self.typed_answers, today=today)

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
