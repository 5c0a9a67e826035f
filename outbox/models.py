"""Every email the portal sends, kept from the write that causes it until it is delivered."""

import base64
import mimetypes

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import EmailMessage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.content_events import invisible


@invisible
class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        SENDING = "sending", _("En cours d'envoi")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("En échec")

    created_at = models.DateTimeField(_("créé le"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    subject = models.TextField(_("objet"))
    body = models.TextField(_("texte"))
    from_email = models.CharField(_("expéditeur"), max_length=320)
    to = models.JSONField(_("destinataires"), default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    # [[content, mimetype], …] (the HTML version) and [[filename, base64 content, mimetype], …].
    alternatives = models.JSONField(default=list)
    attachments = models.JSONField(default=list)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"

    @classmethod
    def from_message(cls, message):
        """The row that keeps `message` (an EmailMessage) until it is delivered."""
        attachments = []
        for attachment in message.attachments:
            if isinstance(attachment, tuple):
                filename, content, mimetype = attachment
            else:  # a MIMEBase part
                filename = attachment.get_filename() or "piece-jointe"
                content = attachment.get_payload(decode=True) or b""
                mimetype = attachment.get_content_type()
            if isinstance(content, str):
                content = content.encode("utf-8")
            mimetype = mimetype or mimetypes.guess_type(filename)[0] or "application/octet-stream"
            attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
        return cls(
            subject=str(message.subject),
            body=str(message.body),
            from_email=str(message.from_email),
            to=[str(a) for a in message.to],
            cc=[str(a) for a in message.cc],
            bcc=[str(a) for a in message.bcc],
            reply_to=[str(a) for a in message.reply_to],
            headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
            alternatives=[
                [str(content), mimetype]
                for content, mimetype in getattr(message, "alternatives", [])
            ],
            attachments=attachments,
        )

    def to_message(self, connection=None):
        """The EmailMessage to hand to the delivery backend."""
        cls = EmailMultiAlternatives if self.alternatives else EmailMessage
        message = cls(
            subject=self.subject,
            body=self.body,
            from_email=self.from_email,
            to=self.to,
            cc=self.cc,
            bcc=self.bcc,
            reply_to=self.reply_to,
            headers=self.headers,
            connection=connection,
        )
        for content, mimetype in self.alternatives:
            message.attach_alternative(content, mimetype)
        for filename, content, mimetype in self.attachments:
            data = base64.b64decode(content)
            if mimetype.startswith("text/"):
                try:
                    data = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
            message.attach(filename, data, mimetype)
        return message

    @property
    def recipients(self):
        return [*self.to, *self.cc, *self.bcc]
