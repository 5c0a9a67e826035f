"""The scheduler enqueues each periodic task once per run, whatever the number of schedulers."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal.background import next_run, tick
from portal.models import ScheduledTask
from tests.worker import run_worker

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def schedules(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_SCHEDULES = {
        "outbox": {"task": "outbox.tasks.deliver_due_emails", "every": 60},
        "reminders": {"task": "ressources.tasks.send_webinar_reminders", "at": "08:00"},
    }


def _queued(path):
    return DBTaskResult.objects.filter(task_path=path).count()


def test_interval_task_runs_at_once_then_every_interval_and_never_twice(schedules):
    now = datetime(2026, 12, 3, 7, 0, tzinfo=PARIS)
    assert tick(now) == ["outbox"]
    assert tick(now) == []  # a second scheduler at the same moment enqueues nothing
    assert tick(now + timedelta(seconds=59)) == []
    assert tick(now + timedelta(seconds=60)) == ["outbox"]
    assert _queued("outbox.tasks.deliver_due_emails") == 2


def test_daily_task_runs_at_its_hour_once_a_day(schedules):
    assert tick(datetime(2026, 12, 3, 7, 59, tzinfo=PARIS)) == ["outbox"]
    assert ScheduledTask.objects.get(name="reminders").next_run_at == datetime(
        2026, 12, 3, 8, 0, tzinfo=PARIS
    )
    assert "reminders" in tick(datetime(2026, 12, 3, 8, 0, 30, tzinfo=PARIS))
    assert "reminders" not in tick(datetime(2026, 12, 3, 20, 0, tzinfo=PARIS))
    assert "reminders" in tick(datetime(2026, 12, 4, 8, 1, tzinfo=PARIS))
    assert _queued("ressources.tasks.send_webinar_reminders") == 2


def test_next_daily_run_is_tomorrow_once_the_hour_has_passed():
    schedule = {"at": "08:00"}
    assert next_run(schedule, datetime(2026, 12, 3, 9, 0, tzinfo=PARIS)) == datetime(
        2026, 12, 4, 8, 0, tzinfo=PARIS
    )
    assert next_run(schedule, datetime(2026, 12, 3, 7, 0, tzinfo=PARIS)) == datetime(
        2026, 12, 3, 8, 0, tzinfo=PARIS
    )


def test_run_scheduler_once_then_the_worker_runs_the_tasks(schedules):
    call_command("run_scheduler", once=True, verbosity=0)
    result = DBTaskResult.objects.get(task_path="outbox.tasks.deliver_due_emails")
    run_worker()
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"sent": 0, "pending": 0, "failed": 0}
