from django_tasks import task

from .registration import send_due_reminders


@task()
def send_webinar_reminders():
    """The day-before reminders (TASK_SCHEDULES, once a day)."""
    return send_due_reminders()
