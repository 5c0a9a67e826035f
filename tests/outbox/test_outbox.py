"""The outbox: every email is kept with the write that causes it and delivered by the worker,
with retries; an SMTP outage delays emails, never loses them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from outbox.models import OutgoingEmail
from outbox.tasks import backoff, deliver_due_emails
from promotions.models import Membership
from tests.factories import AdminFactory
from tests.promotions.factories import MembershipFactory, PromotionFactory, SessionFactory

from .conftest import run_worker
from .smtp import AcceptingServer, ClosingServer

pytestmark = pytest.mark.django_db
Status = OutgoingEmail.Status


def test_a_message_keeps_its_html_attachment_and_headers_through_the_outbox():
    message = EmailMultiAlternatives(
        "Objet accentué é", "Texte", "portail@example.fr", ["a@example.fr"], cc=["b@example.fr"]
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("invitation.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.extra_headers["List-Unsubscribe"] = "<https://example.fr/stop>"
    assert message.send() == 1

    email = OutgoingEmail.objects.get()
    assert email.status == Status.SENT and email.sent_at and email.attempts == 1
    [sent] = mail.outbox
    assert sent.subject == "Objet accentué é"
    assert sent.to == ["a@example.fr"] and sent.cc == ["b@example.fr"]
    assert sent.alternatives[0][0] == "<p>Texte</p>"
    assert sent.attachments[0][0] == "invitation.ics"
    assert "BEGIN:VCALENDAR" in sent.attachments[0][1]
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.fr/stop>"


def test_the_email_of_a_rolled_back_write_is_neither_kept_nor_queued(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Sujet", "Texte", None, ["a@example.fr"])
        assert OutgoingEmail.objects.count() == 1
        raise RuntimeError
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_the_email_waits_in_the_queue_until_the_worker_sends_it(database_tasks):
    send_mail("Sujet", "Texte", None, ["a@example.fr"])
    assert not mail.outbox
    assert OutgoingEmail.objects.get().status == Status.PENDING
    assert DBTaskResult.objects.get().task_path == "outbox.tasks.deliver_email"
    run_worker()
    assert [m.to for m in mail.outbox] == [["a@example.fr"]]
    assert OutgoingEmail.objects.get().status == Status.SENT


def _smtp(settings, port):
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5


def _time_passes():
    """Moves every waiting attempt and deferred task to now (as if the backoff had elapsed)."""
    now = timezone.now()
    OutgoingEmail.objects.filter(status=Status.PENDING).update(next_attempt_at=now)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=now)


def test_smtp_outage_a_recap_for_thirty_answers_at_once_loses_nothing_and_sends_once(
    client, settings, database_tasks
):
    promotion = PromotionFactory()
    participants = [m.user.email for m in MembershipFactory.create_batch(30, promotion=promotion)]
    mentor = MembershipFactory(promotion=promotion, role=Membership.Role.MENTOR).user
    session = SessionFactory(promotion=promotion)
    client.force_login(mentor)

    with ClosingServer() as down:
        _smtp(settings, down.port)
        response = client.post(
            reverse("promotions:recap_edit", args=[promotion.slug, session.pk]),
            {"key_points": "Partir du PAA", "resources": "", "actions": "", "action": "publish"},
        )
        # The request wrote the recap and queued its emails; it never talked to SMTP.
        assert response.status_code == 302
        assert down.connections == 0
        assert DBTaskResult.objects.filter(
            task_path="promotions.tasks.email_recap_published"
        ).exists()

        run_worker()
        assert down.connections >= 1
        emails = OutgoingEmail.objects.all()
        assert sorted(e.to[0] for e in emails) == sorted(participants)
        assert {e.status for e in emails} == {Status.PENDING}
        assert all(e.attempts == 1 and e.last_error for e in emails)
        assert all(e.next_attempt_at > timezone.now() for e in emails)  # backoff

        _time_passes()
        run_worker()  # still down: a second attempt each, nothing lost
        assert {e.attempts for e in OutgoingEmail.objects.all()} == {2}
        assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.PENDING}

    with AcceptingServer() as up:
        _smtp(settings, up.port)
        _time_passes()
        run_worker()
        deliver_due_emails.call()  # the periodic sweep finds nothing left to send
        run_worker()
        received = sorted(address for envelope in up.messages for address in envelope.rcpt_tos)
        assert received == sorted(participants)  # each participant exactly once
        assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}


def test_after_max_attempts_the_email_is_failed_and_staff_can_retry_it(settings, client):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    with ClosingServer() as down:
        _smtp(settings, down.port)
        send_mail("Rappel du webinaire", "Texte", None, ["a@example.fr"])
    email = OutgoingEmail.objects.get()
    assert email.status == Status.FAILED and "SMTP" in email.last_error

    url = reverse("outbox_index")
    client.force_login(AdminFactory())
    response = client.get(url + "?etat=echec")
    assert response.status_code == 200
    assert "Rappel du webinaire" in response.content.decode()

    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(url + "?etat=echec", {"action": "retry", "email": [str(email.pk)]})
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert [m.subject for m in mail.outbox] == ["Rappel du webinaire"]


def test_members_do_not_see_the_outbox(member_client):
    response = member_client.get(reverse("outbox_index"))
    assert response.status_code in (302, 403)


def test_backoff_doubles_up_to_an_hour():
    assert backoff(1) == timedelta(minutes=1)
    assert backoff(2) == timedelta(minutes=2)
    assert backoff(4) == timedelta(minutes=8)
    assert backoff(20) == timedelta(hours=1)


def test_a_sending_email_left_by_a_stopped_worker_is_sent_by_the_sweep():
    email = OutgoingEmail.objects.create(
        subject="Sujet",
        body="Texte",
        from_email="portail@example.fr",
        to=["a@example.fr"],
        status=Status.SENDING,
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    assert deliver_due_emails.call() == {"sent": 1, "pending": 0, "failed": 0}
    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(mail.outbox) == 1


def test_every_email_has_the_portal_layout_in_text_and_html(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://entraide-spaser.example.fr"
    send_mail(
        "Votre inscription", "Bonjour,\n\nÀ bientôt : https://x.example.fr/a", None, ["a@x.fr"]
    )
    [sent] = mail.outbox
    assert sent.body.endswith("-- \nEntraide SPASER\nhttps://entraide-spaser.example.fr/\n")
    [(html, mimetype)] = sent.alternatives
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html
    assert 'href="https://entraide-spaser.example.fr/"' in html
    assert 'href="https://x.example.fr/a"' in html and "À bientôt" in html
    assert html.count("entraide-spaser.example.fr/</a>") == 1  # the signature is not repeated


def test_a_body_already_signed_with_the_public_address_is_not_signed_twice(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://entraide-spaser.example.fr"
    body = "Bonjour,\n\nL'équipe Entraide SPASER\nhttps://entraide-spaser.example.fr\n"
    send_mail("Confirmez votre adresse", body, None, ["a@x.fr"])
    assert mail.outbox[0].body == body


def test_sent_emails_are_deleted_after_the_keeping_period(settings):
    settings.OUTBOX_KEEP_DAYS = 30
    send_mail("Ancien", "Texte", None, ["a@example.fr"])
    send_mail("Récent", "Texte", None, ["a@example.fr"])
    OutgoingEmail.objects.filter(subject="Ancien").update(
        sent_at=timezone.now() - timedelta(days=31)
    )
    from outbox.tasks import prune_sent_emails

    assert prune_sent_emails.call() == 1
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Récent"]


def test_fail_silently_never_raises_when_the_outbox_cannot_store(monkeypatch):
    from django.core.mail import get_connection

    def broken(self, *args, **kwargs):
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(OutgoingEmail, "save", broken)
    assert send_mail("Erreur 500", "Texte", None, ["admin@example.fr"], fail_silently=True) == 0
    with pytest.raises(RuntimeError):
        get_connection().send_messages([EmailMultiAlternatives("S", "T", None, ["a@x.fr"])])
