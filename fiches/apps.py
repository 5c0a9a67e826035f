from django.apps import AppConfig


class FichesConfig(AppConfig):
    name = "fiches"
    verbose_name = "Fiches SPASER"
