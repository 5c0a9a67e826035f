"""Emails every confirmed registrant the day before their webinar, once.

The worker runs it every day (TASK_SCHEDULES); running it again sends nothing new.
"""

from django.core.management.base import BaseCommand

from ressources.registration import send_due_reminders


class Command(BaseCommand):
    help = "Envoie le rappel de la veille aux inscrits confirmés des webinaires (une seule fois)."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
