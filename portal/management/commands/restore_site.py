from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from haystack import connections

from portal.backups import BackupError, restore_backup
from portal.content_events import announce_everything


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
            manifest = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # The search index is derived data: rebuild it from the restored database.
        if connections["default"].get_unified_index().get_indexed_models():
            call_command("rebuild_index", interactive=False, verbosity=0)
        announce_everything()
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde du {manifest['created']} restaurée."))
