from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .search import process_pending


@task()
def process_search_queue():
    """Index updates that could not take the Whoosh lock, retried every minute."""
    done, pending = process_pending()
    return {"done": done, "pending": pending}


@task()
def prune_task_results():
    """Finished task results are kept TASK_RESULTS_DAYS days (the outbox keeps the emails)."""
    before = timezone.now() - timedelta(days=settings.TASK_RESULTS_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return deleted
