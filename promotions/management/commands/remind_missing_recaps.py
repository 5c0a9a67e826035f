from django.core.management.base import BaseCommand

from promotions.services import remind_missing_recaps


class Command(BaseCommand):
    help = (
        "Relance par courriel les mentors des séances terminées la veille ou avant dont la fiche "
        "récapitulative n'est pas publiée (une seule relance par séance). À lancer chaque jour."
    )

    def handle(self, *args, **options):
        sessions = remind_missing_recaps()
        for session in sessions:
            self.stdout.write(f"Relance envoyée : {session}")
        self.stdout.write(self.style.SUCCESS(f"{len(sessions)} séance(s) relancée(s)."))
