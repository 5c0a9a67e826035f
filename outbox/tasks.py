"""Delivery of the outbox, by the worker, with retries and backoff."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from portal.background import enqueue, enqueue_later

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status


def delivery_connection():
    return get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)


def backoff(attempts):
    """Wait before the next attempt: 1, 2, 4, 8… minutes, at most OUTBOX_MAX_BACKOFF seconds."""
    return timedelta(seconds=min(60 * 2 ** (attempts - 1), settings.OUTBOX_MAX_BACKOFF))


def _claim(pk, now):
    """Moves a due pending email to « sending »; False when another worker has it or it is done."""
    return bool(
        OutgoingEmail.objects.filter(pk=pk, status=Status.PENDING, next_attempt_at__lte=now).update(
            status=Status.SENDING, next_attempt_at=now
        )
    )


def send_one(pk, now=None):
    """Sends email `pk` if it is due; returns its new status (None when it was not due)."""
    now = now or timezone.now()
    if not _claim(pk, now):
        return None
    email = OutgoingEmail.objects.get(pk=pk)
    try:
        with delivery_connection() as connection:
            connection.send_messages([email.to_message(connection)])
    except Exception as exc:  # SMTP errors, refused or dropped connections, timeouts
        email.attempts += 1
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            email.status = Status.FAILED
            logger.error("Email %s failed %s times: %s", pk, email.attempts, email.last_error)
        else:
            email.status = Status.PENDING
            email.next_attempt_at = now + backoff(email.attempts)
            logger.warning("Email %s not sent (attempt %s): %s", pk, email.attempts, exc)
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        if email.status == Status.PENDING:
            enqueue_later(deliver_email, email.next_attempt_at, pk)
        return email.status
    email.status = Status.SENT
    email.sent_at = timezone.now()
    email.attempts += 1
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "attempts", "last_error"])
    return email.status


@task()
def deliver_email(pk):
    return send_one(pk)


@task()
def deliver_due_emails():
    """Periodic sweep: sends every pending email whose attempt is due, and puts back in the queue
    those a worker left « sending » (stopped in the middle) for more than OUTBOX_SENDING_TIMEOUT."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    OutgoingEmail.objects.filter(status=Status.SENDING, next_attempt_at__lt=stale).update(
        status=Status.PENDING
    )
    due = OutgoingEmail.objects.filter(status=Status.PENDING, next_attempt_at__lte=now)
    statuses = [send_one(pk, now) for pk in due.values_list("pk", flat=True)[:500]]
    return {
        "sent": statuses.count(Status.SENT),
        "pending": statuses.count(Status.PENDING),
        "failed": statuses.count(Status.FAILED),
    }


def retry(emails):
    """Staff's « Réessayer »: failed or pending emails are due again, now."""
    count = 0
    with transaction.atomic():
        for email in emails.filter(status__in=[Status.FAILED, Status.PENDING]):
            OutgoingEmail.objects.filter(pk=email.pk).update(
                status=Status.PENDING, next_attempt_at=timezone.now(), attempts=0
            )
            enqueue(deliver_email, email.pk)
            count += 1
    return count


@task()
def prune_sent_emails():
    """Sent emails are kept OUTBOX_KEEP_DAYS days (for staff to check a delivery), then deleted:
    they hold members' addresses and messages."""
    before = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(status=Status.SENT, sent_at__lt=before).delete()
    return deleted
