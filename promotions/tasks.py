"""The promotions' background work: the worker's tasks, and what enqueues them.

A task imports the code it runs (`services`); the workflow that starts a task lives here, beside
it, so `services` never imports this module.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from portal.background import enqueue

from . import services
from .models import Recap


@task()
def remind_missing_recaps():
    """Mentors whose recap is missing (TASK_SCHEDULES, once a day)."""
    return [session.pk for session in services.remind_missing_recaps()]


@task()
def email_recap_published(recap_pk):
    """Emails the participants of a freshly published recap (one email each)."""
    recap = Recap.objects.select_related("session__promotion").get(pk=recap_pk)
    return services.email_recap_published(recap)


def notify_recap_published(recap):
    """The first time the recap is published, enqueues one email per participant (sent by the
    worker); returns how many participants will be told."""
    if not recap.is_published or recap.published_at is not None:
        return 0
    with transaction.atomic():
        claimed = Recap.objects.filter(pk=recap.pk, published_at__isnull=True).update(
            published_at=timezone.now()
        )
        if not claimed:
            return 0
        recap.published_at = Recap.objects.values_list("published_at", flat=True).get(pk=recap.pk)
        enqueue(email_recap_published, recap.pk)
        return len(services.participant_emails(recap.session.promotion))


def publish_recap(recap):
    recap.status = Recap.Status.PUBLISHED
    recap.save()
    return notify_recap_published(recap)
