from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les fichiers déposés dans une archive .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Chemin de l'archive (défaut : sauvegarde-AAAAMMJJ-HHMMSS.tar.gz).",
        )

    def handle(self, *args, archive=None, **options):
        path = Path(archive or datetime.now().strftime("sauvegarde-%Y%m%d-%H%M%S.tar.gz"))
        try:
            create_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite dans {path}"))
