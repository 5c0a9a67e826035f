from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RessourcesConfig(AppConfig):
    name = "ressources"
    verbose_name = _("Ressources : webinaires et clauses types")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
