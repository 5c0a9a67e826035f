"""Background work: one place to enqueue tasks and to run the periodic ones.

Tasks are Django's Tasks API (the `django-tasks` backport; `django.tasks` from Django 6). The
backend is chosen by settings (`TASKS`): the database backend by default (`manage.py run_worker`
runs them), the immediate backend in tests, RQ or Celery for scale.

`enqueue` keeps a task with the write that causes it: with the database backend the task row is
written in the same transaction, so both are kept or neither; a backend outside the database (RQ,
Celery) receives the task once the transaction commits, never before its data exists.

`TASK_SCHEDULES` names the periodic tasks (`{"name": {"task": "module.task", "every": seconds}}`
or `"at": "HH:MM"` for once a day, local time). `tick()` enqueues those that are due; each run is
claimed in the database first, so several workers never enqueue the same run twice.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def in_transaction(backend):
    """Whether the backend's enqueue belongs to the current database transaction."""
    from django_tasks.backends.dummy import DummyBackend
    from django_tasks.backends.immediate import ImmediateBackend
    from django_tasks_db import DatabaseBackend

    return isinstance(backend, DatabaseBackend | ImmediateBackend | DummyBackend)


def enqueue(task, *args, **kwargs):
    """Enqueues `task` with the current transaction (see the module docstring)."""
    if in_transaction(task.get_backend()):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=False)
    return None


def can_defer(task):
    return task.get_backend().supports_defer


def enqueue_later(task, run_after, *args, **kwargs):
    """Enqueues `task` to run at `run_after` when the backend can wait; otherwise not at all
    (the periodic sweeps pick the work up). Returns whether it was enqueued."""
    if not can_defer(task):
        return False
    enqueue(task.using(run_after=run_after), *args, **kwargs)
    return True


# --- Schedules --------------------------------------------------------------------------------


def enqueue_scheduled_soon(name, seconds):
    """Runs the scheduled task `name` of TASK_SCHEDULES in `seconds` too, ahead of its schedule,
    when the backend can wait (see `enqueue_later`). The module that asks names the job, not its
    task: a task imports the code it runs, never the other way round."""
    task = import_string(settings.TASK_SCHEDULES[name]["task"])
    return enqueue_later(task, timezone.now() + timedelta(seconds=seconds))


def next_run(schedule, after):
    """The first time strictly after `after` at which `schedule` runs."""
    if "every" in schedule:
        return after + timedelta(seconds=int(schedule["every"]))
    hour, minute = (int(part) for part in schedule["at"].split(":"))
    local = timezone.localtime(after)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = timezone.make_aware(
            datetime.combine(candidate.date() + timedelta(days=1), candidate.time())
        )
    return candidate


def tick(now=None):
    """Enqueues every scheduled task that is due; returns the names enqueued."""
    from portal.models import ScheduledTask

    now = now or timezone.now()
    enqueued = []
    for name, schedule in settings.TASK_SCHEDULES.items():
        state, created = ScheduledTask.objects.get_or_create(
            name=name, defaults={"next_run_at": first_run(schedule, now)}
        )
        if state.next_run_at > now:
            continue
        with transaction.atomic():
            claimed = ScheduledTask.objects.filter(
                pk=state.pk, next_run_at=state.next_run_at
            ).update(next_run_at=next_run(schedule, now), last_run_at=now)
            if not claimed:
                continue  # another scheduler took this run
            enqueue(import_string(schedule["task"]))
        enqueued.append(name)
    return enqueued


def first_run(schedule, now):
    """Interval schedules run at once the first time; daily ones at their next hour."""
    if "every" in schedule:
        return now
    return next_run(schedule, now)
