from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import accounts_table


class Command(BaseCommand):
    help = "Crée (ou complète) le contenu de démonstration. Peut être relancée sans doublon."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="Spaser-demo-2026",
            help="Mot de passe des comptes de démonstration créés (défaut : Spaser-demo-2026).",
        )

    def handle(self, *args, password, **options):
        with transaction.atomic():
            for module_name in settings.DEMO_SEEDERS:
                import_module(module_name).seed(password=password, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
        self.stdout.write("Comptes de démonstration (à ne pas utiliser en production) :")
        for email, role, account_password in accounts_table(password):
            self.stdout.write(f"  {email:<40} {role:<10} mot de passe : {account_password}")
