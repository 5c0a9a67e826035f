"""The worker: runs the queued tasks (django-tasks-db's `db_worker`) and, beside it, the
scheduler that enqueues the periodic tasks of TASK_SCHEDULES.

Start one (or more) per deployment: `python manage.py run_worker` (systemd unit, second process).
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from portal.background import tick

logger = logging.getLogger(__name__)


def run_scheduler(stop, interval):
    while not stop.is_set():
        try:
            close_old_connections()
            tick()
        except Exception:  # the database may be briefly unavailable: try again next time
            logger.exception("Scheduler tick failed")
        finally:
            connection.close()
        stop.wait(interval)


class Command(DBWorkerCommand):
    help = (
        "Exécute les tâches en file (courriels, imports DECP, rappels…) et met en file les tâches "
        "planifiées. Options de db_worker ; --no-scheduler pour un worker sans planificateur."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Ne pas mettre en file les tâches planifiées (un autre worker s'en charge).",
        )

    def handle(self, *args, scheduler=True, **options):
        translation.activate(settings.LANGUAGE_CODE)
        if scheduler and not options.get("batch"):
            stop = threading.Event()
            thread = threading.Thread(
                target=run_scheduler,
                args=(stop, settings.TASK_SCHEDULER_INTERVAL),
                name="scheduler",
                daemon=True,
            )
            thread.start()
        return super().handle(*args, **options)
