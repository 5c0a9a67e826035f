from django.apps import AppConfig

# Imported before any model class is prepared: project managers become tracking managers.
from . import content_events


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from . import (
            admin_display,
            admin_exports,
            page_cache,
            public_url,
            signals,
            uploads,
        )

        admin_display.install()
        admin_exports.install()
        uploads.attach_document_validators()

        content_events.connect()
        page_cache.connect()
