"""The kinds of model clauses, shared by the pages, their filters and the exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClauseType(models.TextChoices):
    SOCIALE = "sociale", _("sociale")
    ENVIRONNEMENTALE = "environnementale", _("environnementale")
    ECONOMIQUE = "economique", _("économique")


class ClauseKind(models.TextChoices):
    CONDITION = "condition", _("condition d'exécution")
    CRITERE = "critere", _("critère d'attribution")
    RESERVE = "reserve", _("marché ou lot réservé")
    SPECIFICATION = "specification", _("spécification technique")
