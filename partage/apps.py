from django.apps import AppConfig


class PartageConfig(AppConfig):
    name = "partage"
    verbose_name = "Documents partagés"
    default_auto_field = "django.db.models.BigAutoField"
