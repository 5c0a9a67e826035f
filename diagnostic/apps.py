from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "diagnostic"
    verbose_name = _("Autodiagnostic SPASER")

    def ready(self):
        from portal.page_cache import invalidate_on

        from .models import Assessment

        # Results compare with the assessments other organisations saved.
        invalidate_on(Assessment)
