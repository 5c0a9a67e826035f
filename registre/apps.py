from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registre"
    verbose_name = _("Registre des SPASER adoptés")
