"""What happens to a shared document: proposed, published, refused, withdrawn.

Each change re-reads the document under a row lock and checks its state, so two curators (or a
curator and the contributor withdrawing it) cannot both act on the same state: the second finds
the new state and does nothing. Saving the document announces the change
(portal.content_events): cached pages and the search index follow at once. The contributor is
told by e-mail, in French, through the outbox (sent with the transaction, delivered by the
worker).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.public_url import absolute_url

from .models import SharedDocument, Status


def _send(template, recipients, document, **context):
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    with translation.override("fr"):
        context.update(
            document=document,
            document_url=absolute_url(document.get_absolute_url()),
            contributions_url=absolute_url(reverse("partage:mine")),
            review_url=absolute_url(reverse("partage:decide", args=[document.pk])),
        )
        subject = render_to_string(f"partage/email/{template}_subject.txt", context)
        body = render_to_string(f"partage/email/{template}.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    send_mail(prefix + " ".join(subject.split()), body, None, recipients)


def _mail(template, document, **context):
    """To the contributor (nobody when their account was deleted)."""
    user = document.contributor
    _send(template, [user.email] if user else [], document, **context)


def curators_emails():
    """The active members of the curators' group (portal.roles.CURATOR)."""
    from portal.roles import role_group

    return list(
        role_group("curator").user_set.filter(is_active=True).values_list("email", flat=True)
    )


def submitted(document):
    """A new document waits: each curator is told, in one e-mail of their own."""
    for address in curators_emails():
        _send("submitted", [address], document)


def _locked(document):
    return SharedDocument.objects.select_for_update().get(pk=document.pk)


@transaction.atomic
def publish(document, curator, reliability):
    """Publishes a pending document, or changes the reliability of a published one."""
    document = _locked(document)
    if document.status not in (Status.PENDING, Status.PUBLISHED):
        return document, False
    first_time = document.status == Status.PENDING
    now = timezone.now()
    document.status = Status.PUBLISHED
    document.reliability = reliability
    document.reviewed_by = curator
    document.decided_at = now
    document.refusal_reason = ""
    if first_time:
        document.published_at = now
    document.save()
    if first_time:
        _mail("published", document)
    return document, True


@transaction.atomic
def refuse(document, curator, reason):
    """Refuses a pending document, or takes a published one off the site, with a reason that
    is sent to the contributor."""
    document = _locked(document)
    if document.status not in (Status.PENDING, Status.PUBLISHED):
        return document, False
    was_published = document.status == Status.PUBLISHED
    document.status = Status.REFUSED
    document.refusal_reason = reason
    document.reviewed_by = curator
    document.decided_at = timezone.now()
    document.save()
    _mail("refused", document, was_published=was_published)
    return document, True


@transaction.atomic
def withdraw(document, user):
    """The contributor takes their document back: it leaves the site at once."""
    document = _locked(document)
    if document.contributor_id != user.pk or document.status not in (
        Status.PENDING,
        Status.PUBLISHED,
    ):
        return document, False
    document.status = Status.WITHDRAWN
    document.withdrawn_at = timezone.now()
    document.save()
    return document, True
