"""No code of the portal talks to an SMTP server but the outbox's worker, and each path that
sends an email goes through the outbox (a direct send would reach locmem without a row)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from promotions import services as promotion_services
from promotions import tasks as promotion_tasks
from promotions.models import Application, Membership
from ressources import registration
from tests.factories import UserFactory
from tests.promotions.factories import (
    ApplicationFactory,
    MembershipFactory,
    RecapFactory,
    SessionFactory,
)

ROOT = Path(settings.BASE_DIR)
SKIP = {".venv", "node_modules", "var", "staticfiles", ".git", "locale"}
DIRECT_SMTP = re.compile(
    r"^\s*(import\s+smtplib|from\s+smtplib\s+import)"
    r"|mail\.backends\.smtp"
    r"|get_connection\(\s*['\"]"
    r"|get_connection\(\s*backend\s*=",
    re.MULTILINE,
)
# The worker's delivery (outbox/) and the production setting that names its SMTP backend.
ALLOWED = {"outbox/tasks.py", "portal/settings/production.py"}


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIP & set(relative.parts) or relative.parts[0] == "tests":
            continue
        yield relative.as_posix(), path.read_text(encoding="utf-8")


def test_only_the_outbox_worker_talks_to_smtp():
    offenders = [
        f"{name}: {match.group(0).strip()}"
        for name, text in _sources()
        if name not in ALLOWED
        for match in DIRECT_SMTP.finditer(text)
    ]
    assert offenders == [], "Send emails with Django's mail API (the outbox): " + str(offenders)


def test_the_scan_sees_a_direct_send():
    assert DIRECT_SMTP.search("import smtplib\n")
    assert DIRECT_SMTP.search('get_connection("django.core.mail.backends.smtp.EmailBackend")')
    assert not DIRECT_SMTP.search("get_connection()")


def test_email_backend_is_the_outbox():
    assert settings.EMAIL_BACKEND == "outbox.backends.OutboxBackend"


def _application_accepted(request_client):
    application = ApplicationFactory()
    promotion_services.set_application_status(application, Application.Status.ACCEPTED)


def _recap_published(request_client):
    MembershipFactory.create_batch(2, promotion=(recap := RecapFactory()).session.promotion)
    recap.published_at = None
    promotion_tasks.notify_recap_published(recap)


def _recap_reminder(request_client):
    session = SessionFactory(starts_at=timezone.now() - timedelta(days=2))
    MembershipFactory(promotion=session.promotion, role=Membership.Role.MENTOR)
    promotion_services.remind_missing_recaps()


def _webinar_registration(request_client, webinar):
    registration.register(webinar, UserFactory())


def _password_reset(request_client):
    user = UserFactory()
    request_client.post(reverse("account_reset_password"), {"email": user.email})


def _forum_reply(request_client):
    from forum import services
    from forum.models import Subscription
    from tests.forum.factories import CategoryFactory, SeasonedUserFactory, TopicFactory

    topic = TopicFactory(category=CategoryFactory(), author=SeasonedUserFactory())
    Subscription.objects.create(user=SeasonedUserFactory(), topic=topic)
    services.add_reply(topic, SeasonedUserFactory(), "Une réponse utile.")


PATHS = {
    "application decided": _application_accepted,
    "recap published": _recap_published,
    "missing recap reminder": _recap_reminder,
    "password reset (allauth)": _password_reset,
    "forum reply": _forum_reply,
}


def _assert_all_through_outbox():
    sent = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT)
    assert mail.outbox, "the path sent no email"
    assert sorted((m.subject, tuple(m.to)) for m in mail.outbox) == sorted(
        (e.subject, tuple(e.to)) for e in sent
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_every_email_sending_path_goes_through_the_outbox(client, path):
    PATHS[path](client)
    _assert_all_through_outbox()


@pytest.mark.django_db
def test_webinar_emails_go_through_the_outbox(client, webinar):
    _webinar_registration(client, webinar)
    _assert_all_through_outbox()
    mail.outbox.clear()
    OutgoingEmail.objects.all().delete()
    # The reminder of the day before.
    tomorrow = timezone.localtime() + timedelta(days=1)
    type(webinar).objects.filter(pk=webinar.pk).update(start=tomorrow.replace(hour=10))
    assert registration.send_due_reminders() == 1
    _assert_all_through_outbox()


@pytest.fixture
def webinar(home_page):
    from tests.ressources import factories

    index = factories.webinar_index(home_page)
    return factories.webinar(index, title="Construire son SPASER", capacity=5)
