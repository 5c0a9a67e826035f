"""Emails every confirmed registrant the day before their webinar, once.

Run it daily (cron or a systemd timer); running it again sends nothing new.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from ressources.models import WebinarRegistration
from ressources.registration import send_reminder


class Command(BaseCommand):
    help = "Envoie le rappel de la veille aux inscrits confirmés des webinaires (une seule fois)."

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            self.send_due_reminders()

    def send_due_reminders(self):
        now = timezone.now()
        tomorrow = timezone.localdate() + timedelta(days=1)
        until = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
        due = WebinarRegistration.objects.filter(
            status=WebinarRegistration.Status.CONFIRMED,
            reminder_sent=False,
            webinar__start__gt=now,
            webinar__start__lt=until,
            webinar__live=True,
        ).select_related("webinar", "user")
        sent = 0
        for registration in due:
            # Claim the reminder first, so two runs at once never send it twice.
            claimed = WebinarRegistration.objects.filter(
                pk=registration.pk, reminder_sent=False
            ).update(reminder_sent=True)
            if not claimed:
                continue
            try:
                send_reminder(registration)
            except Exception:
                WebinarRegistration.objects.filter(pk=registration.pk).update(reminder_sent=False)
                raise
            sent += 1
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
