from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import SEEDED_ACCOUNTS, TOURS
from portal.public_url import sync_sites
from portal.search import rebuilt_afterwards


class Command(BaseCommand):
    help = "Crée (ou complète) le contenu de démonstration. Peut être relancée sans doublon."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="Spaser-demo-2026",
            help="Mot de passe des comptes de démonstration créés (défaut : Spaser-demo-2026).",
        )

    def handle(self, *args, password, **options):
        # Every seeder's content in, the search index is rebuilt from the database in one pass.
        with rebuilt_afterwards():
            with transaction.atomic():
                for module_name in settings.DEMO_SEEDERS:
                    import_module(module_name).seed(password=password, stdout=self.stdout)
            # The Wagtail and Django Sites follow the public address (WAGTAILADMIN_BASE_URL).
            sync_sites()
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt et indexé."))
        self.stdout.write(
            "Comptes de démonstration (à ne pas utiliser en production), mot de passe "
            f"{password} — rôle, compte, ce qu'il montre :"
        )
        for email, (role, things) in TOURS.items():
            self.stdout.write(f"  {role} — {email}")
            for what in things:
                self.stdout.write(f"      · {what}")
        others = [email for email in SEEDED_ACCOUNTS if email not in TOURS]
        if others:
            self.stdout.write(
                f"  … et {len(others)} autres comptes (participants de la promotion 1…), "
                "même mot de passe."
            )
