from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portail"

    def ready(self):
        from . import page_cache, signals  # noqa: F401

        page_cache.invalidate_on_shared_content()
