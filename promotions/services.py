"""The promotion workflows: application decisions, reminders; with their emails.

Publishing a recap enqueues its emails: that starts in `tasks.py`, beside the task it enqueues.
"""

from datetime import datetime, time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.one_line import one_line
from portal.public_url import absolute_url

from .models import Application, Membership, Recap, Session


def build_email(name, context, to):
    """A plain-text email from templates/promotions/emails/<name>_subject.txt and <name>.txt."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = render_to_string(f"promotions/emails/{name}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + one_line(subject)
    body = render_to_string(f"promotions/emails/{name}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_emails(messages):
    """Hands the messages to the outbox (EMAIL_BACKEND): kept with the current transaction."""
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def application_received(application):
    send_emails(
        [
            build_email(
                "application_received",
                {
                    "application": application,
                    "promotion": application.promotion,
                    "user": application.user,
                    "url": absolute_url(application.promotion.get_absolute_url()),
                },
                application.user.email,
            )
        ]
    )


STATUS_EMAILS = {
    Application.Status.ACCEPTED: "application_accepted",
    Application.Status.WAITLISTED: "application_waitlisted",
    Application.Status.DECLINED: "application_declined",
}


@transaction.atomic
def set_application_status(application, status, by=None):
    """Moves an application to `status`, updates the membership and emails the applicant.

    Returns False when the application already had that status (nothing happens, no email).
    """
    if application.status == status:
        return False
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = by if by is not None and by.is_authenticated else None
    application.save(update_fields=["status", "decided_at", "decided_by"])
    promotion = application.promotion
    if status == Application.Status.ACCEPTED:
        Membership.objects.get_or_create(
            promotion=promotion,
            user=application.user,
            defaults={"role": Membership.Role.PARTICIPANT},
        )
    else:
        for membership in Membership.objects.filter(
            promotion=promotion, user=application.user, role=Membership.Role.PARTICIPANT
        ):
            membership.delete()
    name = STATUS_EMAILS.get(status)
    if name:
        message = build_email(
            name,
            {
                "application": application,
                "promotion": promotion,
                "user": application.user,
                "url": absolute_url(promotion.get_absolute_url()),
                "mine_url": absolute_url(reverse("promotions:mine")),
            },
            application.user.email,
        )
        send_emails([message])
    return True


def _member_emails(promotion, role):
    """The addresses of the promotion's active members in `role` (those without one left out)."""
    return list(
        Membership.objects.filter(promotion=promotion, role=role)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )


def participant_emails(promotion):
    return _member_emails(promotion, Membership.Role.PARTICIPANT)


def mentor_emails(promotion):
    return _member_emails(promotion, Membership.Role.MENTOR)


def email_recap_published(recap):
    session = recap.session
    promotion = session.promotion
    context = {
        "recap": recap,
        "session": session,
        "promotion": promotion,
        "url": absolute_url(recap.get_absolute_url()),
    }
    return send_emails(
        [build_email("recap_published", context, email) for email in participant_emails(promotion)]
    )


def sessions_missing_recap(now=None):
    """Sessions that ended yesterday or earlier, without a published recap and not yet reminded."""
    now = now or timezone.now()
    today_start = timezone.make_aware(
        datetime.combine(timezone.localdate(now), time.min), timezone.get_current_timezone()
    )
    candidates = (
        Session.objects.filter(starts_at__lt=today_start, recap_reminder_sent_at__isnull=True)
        .exclude(recap__status=Recap.Status.PUBLISHED)
        .select_related("promotion")
    )
    return [session for session in candidates if session.ends_at < today_start]


def remind_missing_recaps(now=None):
    """Emails the mentors of each session whose recap is missing, once per session."""
    now = now or timezone.now()
    reminded = []
    for session in sessions_missing_recap(now):
        emails = mentor_emails(session.promotion)
        if not emails:
            continue
        context = {
            "session": session,
            "promotion": session.promotion,
            "url": absolute_url(
                reverse("promotions:recap_edit", args=[session.promotion.slug, session.pk])
            ),
        }
        with transaction.atomic():  # the reminder mark and its emails are kept together
            claimed = Session.objects.filter(
                pk=session.pk, recap_reminder_sent_at__isnull=True
            ).update(recap_reminder_sent_at=now)
            if not claimed:
                continue
            send_emails([build_email("recap_reminder", context, email) for email in emails])
        reminded.append(session)
    return reminded
