from django.core.management.base import BaseCommand

from portal.public_url import base_url, sync_sites


class Command(BaseCommand):
    help = (
        "Aligne le Site Wagtail par défaut et le Site Django sur WAGTAILADMIN_BASE_URL "
        "(l'adresse publique utilisée par les courriels, fichiers .ics et flux)."
    )

    def handle(self, *args, **options):
        changes = sync_sites()
        for change in changes:
            self.stdout.write(change)
        if not changes:
            self.stdout.write(f"Les sites correspondent déjà à {base_url()}.")
