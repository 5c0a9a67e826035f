"""EMAIL_BACKEND of the portal: each message is kept in the outbox and sent by the worker.

`send_mail`, `EmailMessage.send()`, allauth and Django's own emails all come here. The message is
written in the current transaction with the task that delivers it: if the write that causes the
email is rolled back, the email goes too; once committed, it is kept until delivered (an SMTP
outage delays it, never loses it). The worker hands it to `OUTBOX_DELIVERY_BACKEND`. Every message
gets the portal's layout on the way in (outbox/layout.py): signed text and an HTML version.
"""

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from portal.background import enqueue

from .layout import apply_layout
from .models import OutgoingEmail


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from .tasks import deliver_email

        count = 0
        try:
            with transaction.atomic():
                for message in email_messages:
                    if not message.recipients():
                        continue
                    email = apply_layout(OutgoingEmail.from_message(message))
                    email.save()
                    enqueue(deliver_email, email.pk)
                    count += 1
        except Exception:
            # fail_silently (e.g. the error emails of mail_admins): never raise from here.
            if not self.fail_silently:
                raise
            return 0
        return count
