from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoiresConfig(AppConfig):
    name = "territoires"
    verbose_name = _("Territoires : facilitateurs, réseaux et leurs rendez-vous")
    default_auto_field = "django.db.models.BigAutoField"
