from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, restore_backup
from portal.content_events import announce_everything
from portal.search import rebuilt_afterwards


class Command(BaseCommand):
    help = "Restaure une sauvegarde faite par backup_site (remplace la base et les fichiers)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--noinput", action="store_true", help="Ne pas demander confirmation.")

    def handle(self, *args, archive, noinput, **options):
        path = Path(archive)
        if not path.exists():
            raise CommandError(f"Archive introuvable : {path}")
        if not noinput:
            answer = input("La base et les fichiers actuels seront remplacés. Continuer ? [o/N] ")
            if answer.strip().lower() not in ("o", "oui", "y", "yes"):
                raise CommandError("Restauration annulée.")
        try:
            # The search index is derived data: rebuilt from the restored database.
            with rebuilt_afterwards():
                manifest = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        announce_everything()
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde du {manifest['created']} restaurée."))
