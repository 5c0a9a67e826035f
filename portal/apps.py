from django.apps import AppConfig
from django.urls import register_converter

# Imported before any model class is prepared: project managers become tracking managers.
from . import content_events


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from . import (
            admin_display,
            admin_exports,
            numbers,
            page_cache,
            public_url,
            signals,
            uploads,
        )

        register_converter(numbers.IdConverter, "id")

        admin_display.install()
        admin_exports.install()
        uploads.attach_document_validators()

        content_events.connect()
        page_cache.connect()
