"""Runs the production worker (`manage.py run_worker --batch`) inside a test.

The worker closes stale database connections between tasks, as a long-running process must; inside
a test's transaction that would close the test's own connection (PostgreSQL), so the helper keeps it.
"""

from unittest import mock

from django.core.management import call_command


def run_worker():
    """One pass of the worker over the tasks that are due."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "run_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
        )
