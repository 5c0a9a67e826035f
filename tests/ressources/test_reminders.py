from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ressources.models import WebinarRegistration
from ressources.registration import register
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db


def test_reminder_is_sent_once_the_day_before(webinar_index):
    tomorrow = factories.webinar(webinar_index, title="Demain", capacity=1)
    tomorrow.start = timezone.now() + timedelta(hours=20)
    tomorrow.save()
    later = factories.webinar(webinar_index, title="Dans dix jours", days=10)
    confirmed, waiting, other = UserFactory.create_batch(3)
    register(tomorrow, confirmed)
    register(tomorrow, waiting)
    register(later, other)
    mail.outbox.clear()

    call_command("send_webinar_reminders", stdout=open("/dev/null", "w"))
    assert [message.to for message in mail.outbox] == [[confirmed.email]]
    assert "Rappel : Demain demain" in mail.outbox[0].subject
    assert "a lieu demain" in mail.outbox[0].body
    assert mail.outbox[0].attachments
    assert WebinarRegistration.objects.get(user=confirmed).reminder_sent

    call_command("send_webinar_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
