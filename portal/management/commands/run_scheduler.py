import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.background import tick


class Command(BaseCommand):
    help = (
        "Met en file les tâches planifiées (TASK_SCHEDULES) quand elles sont dues. "
        "`run_worker` le fait déjà ; cette commande sert à part, ou une fois avec --once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Un seul passage, puis sortir.")

    def handle(self, *args, once=False, **options):
        while True:
            for name in tick():
                self.stdout.write(f"Tâche planifiée mise en file : {name}")
            if once:
                return
            time.sleep(settings.TASK_SCHEDULER_INTERVAL)
            close_old_connections()  # a long-running process: drop stale connections
