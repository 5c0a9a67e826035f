from django.core.management.base import BaseCommand

from portal.search import process_pending


class Command(BaseCommand):
    help = (
        "Applique les mises à jour de l'index de recherche mises en attente (index verrouillé). "
        "À lancer régulièrement (cron, chaque minute)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Nombre maximal à traiter.")

    def handle(self, *args, limit=None, **options):
        done, failed = process_pending(limit=limit)
        self.stdout.write(f"{done} mise(s) à jour appliquée(s), {failed} encore en attente.")
        if failed:
            raise SystemExit(1)
