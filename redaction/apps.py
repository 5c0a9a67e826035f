from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RedactionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redaction"
    verbose_name = _("Rédaction du SPASER")
