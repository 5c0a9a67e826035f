from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionsConfig(AppConfig):
    name = "promotions"
    verbose_name = _("Promotions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.page_cache import invalidate_on

        from . import signals  # noqa: F401
        from .models import Application, Membership, Promotion, Session

        # The public list and detail pages show the calendar and the seats left.
        invalidate_on(Promotion, Session, Membership, Application)
