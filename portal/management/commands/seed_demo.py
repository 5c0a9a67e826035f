from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo import ACCOUNTS, SEEDED_ACCOUNTS


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
        # Every seeder's content is in: rebuild the search index from the database in one pass.
        call_command("rebuild_index", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt et indexé."))
        self.stdout.write("Comptes de démonstration (à ne pas utiliser en production) :")
        # The site's main accounts, then those other seeders created (participants…).
        listed = [email for email, *_rest in ACCOUNTS]
        others = sorted(
            (email for email in SEEDED_ACCOUNTS if email not in listed),
            key=lambda email: SEEDED_ACCOUNTS[email] == "member",  # mentors first
        )
        for email in listed + others[:5]:
            self.stdout.write(
                f"  {email:<40} {SEEDED_ACCOUNTS[email]:<10} mot de passe : {password}"
            )
        if len(others) > 5:
            self.stdout.write(f"  … et {len(others) - 5} autres comptes, même mot de passe.")
