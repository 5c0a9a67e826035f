import pytest

from tests.worker import run_worker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Tasks go to the database backend, as in production; `run_worker()` runs them."""
    settings.TASKS = DATABASE_TASKS


__all__ = ["run_worker"]
