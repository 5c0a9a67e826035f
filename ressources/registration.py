"""Registering members to webinars: capacity, waiting list, promotion and emails.

Every change happens in a transaction that first locks the webinar row, so two requests for the
last seat are served one after the other (PostgreSQL). The unique (webinar, seat) constraint is the
last line of defence on any database: a seat number is only ever taken between 1 and the capacity.
The registration model is defined here, with that constraint, beside the code that relies on it.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.account_adapter import user_display
from portal.one_line import one_line
from portal.public_url import absolute_url

from .ics import webinar_calendar


class WebinarRegistration(models.Model):
    """One member's place at a webinar.

    Confirmed registrations hold a seat number between 1 and the webinar's capacity, unique per
    webinar: two requests racing for the last seat cannot both get it, whatever the database.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmée")
        WAITING = "waiting", _("liste d'attente")
        CANCELLED = "cancelled", _("annulée")

    webinar = models.ForeignKey(
        "ressources.WebinarPage",
        verbose_name=_("webinaire"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    seat = models.PositiveIntegerField(_("place"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("inscription le"), default=timezone.now)
    updated = models.DateTimeField(_("mise à jour"), auto_now=True)
    reminder_sent = models.BooleanField(_("rappel envoyé"), default=False)

    class Meta:
        verbose_name = _("inscription à un webinaire")
        verbose_name_plural = _("inscriptions aux webinaires")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "user"], name="ressources_one_per_user"),
            models.UniqueConstraint(fields=["webinar", "seat"], name="ressources_one_per_seat"),
            models.CheckConstraint(
                condition=(
                    Q(status="confirmed", seat__isnull=False, seat__gte=1)
                    | (~Q(status="confirmed") & Q(seat__isnull=True))
                ),
                name="ressources_seat_iff_confirmed",
            ),
        ]

    def __str__(self):
        return f"{user_display(self.user)} — {self.webinar} ({self.get_status_display()})"

    def waiting_position(self):
        if self.status != self.Status.WAITING:
            return None
        return (
            WebinarRegistration.objects.filter(
                webinar_id=self.webinar_id, status=self.Status.WAITING
            )
            .filter(Q(created__lt=self.created) | Q(created=self.created, pk__lt=self.pk))
            .count()
            + 1
        )


Status = WebinarRegistration.Status


class RegistrationClosed(Exception):
    """The webinar has started: nobody can register any more."""


def _lock(webinar):
    return type(webinar).objects.select_for_update().get(pk=webinar.pk)


def _free_seat(webinar):
    taken = set(
        WebinarRegistration.objects.filter(webinar=webinar, status=Status.CONFIRMED).values_list(
            "seat", flat=True
        )
    )
    for seat in range(1, webinar.capacity + 1):
        if seat not in taken:
            return seat
    return None


def register(webinar, user):
    """Confirms a place, or a place on the waiting list when the webinar is full.

    Returns (registration, created); registering twice returns the existing registration.
    """
    if not webinar.is_upcoming:
        raise RegistrationClosed
    try:
        with transaction.atomic():
            locked = _lock(webinar)
            registration = (
                WebinarRegistration.objects.select_for_update()
                .filter(webinar=locked, user=user)
                .first()
            )
            if registration and registration.status != Status.CANCELLED:
                return registration, False
            seat = _free_seat(locked)
            if registration is None:
                registration = WebinarRegistration(webinar=locked, user=user)
            registration.status = Status.CONFIRMED if seat else Status.WAITING
            registration.seat = seat
            registration.created = timezone.now()
            registration.reminder_sent = False
            registration.save()
    except IntegrityError:
        # A concurrent request of the same member won the race: theirs is the registration.
        existing = WebinarRegistration.objects.filter(webinar=webinar, user=user).first()
        if existing is None:
            raise
        return existing, False
    registration.webinar = webinar
    if registration.status == Status.CONFIRMED:
        send_confirmation(registration)
    else:
        send_waiting(registration)
    return registration, True


def cancel(registration):
    """Cancels a registration; the first people waiting take the seats freed. Returns them."""
    webinar = registration.webinar
    with transaction.atomic():
        locked = _lock(webinar)
        current = WebinarRegistration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        current.status = Status.CANCELLED
        current.seat = None
        current.save(update_fields=["status", "seat", "updated"])
        promoted = _promote_waiting(locked)
    registration.status, registration.seat = Status.CANCELLED, None
    for promoted_registration in promoted:
        promoted_registration.webinar = webinar
        send_promotion(promoted_registration)
    return promoted


def fill_free_seats(webinar):
    """Promotes people waiting while seats are free (after a capacity increase, for instance)."""
    if not webinar.is_upcoming:
        return []
    with transaction.atomic():
        promoted = _promote_waiting(_lock(webinar))
    for registration in promoted:
        registration.webinar = webinar
        send_promotion(registration)
    return promoted


def _promote_waiting(locked_webinar):
    if not locked_webinar.is_upcoming:
        return []
    promoted = []
    waiting = WebinarRegistration.objects.select_for_update().filter(
        webinar=locked_webinar, status=Status.WAITING
    )
    for registration in waiting.order_by("created", "pk"):
        seat = _free_seat(locked_webinar)
        if seat is None:
            break
        registration.status = Status.CONFIRMED
        registration.seat = seat
        registration.save(update_fields=["status", "seat", "updated"])
        promoted.append(registration)
    return promoted


# --- Emails ---------------------------------------------------------------------------------


def _context(registration):
    webinar = registration.webinar
    return {
        "registration": registration,
        "webinar": webinar,
        "user": registration.user,
        "url": absolute_url(webinar.url),
        "start": timezone.localtime(webinar.start),
    }


def _send(registration, subject, template, with_invitation):
    message = EmailMessage(
        subject=one_line(subject),
        body=render_to_string(template, _context(registration)),
        to=[registration.user.email],
    )
    if with_invitation:
        message.attach(
            f"webinaire-{registration.webinar.slug}.ics",
            webinar_calendar(registration.webinar),
            "text/calendar",
        )
    message.send()


def send_confirmation(registration):
    _send(
        registration,
        gettext("Inscription confirmée : %(title)s") % {"title": registration.webinar.title},
        "ressources/emails/registration_confirmed.txt",
        with_invitation=True,
    )


def send_waiting(registration):
    _send(
        registration,
        gettext("Liste d'attente : %(title)s") % {"title": registration.webinar.title},
        "ressources/emails/registration_waiting.txt",
        with_invitation=False,
    )


def send_promotion(registration):
    _send(
        registration,
        gettext("Une place s'est libérée : %(title)s") % {"title": registration.webinar.title},
        "ressources/emails/registration_promoted.txt",
        with_invitation=True,
    )


def send_reminder(registration):
    _send(
        registration,
        gettext("Rappel : %(title)s demain") % {"title": registration.webinar.title},
        "ressources/emails/reminder.txt",
        with_invitation=True,
    )


def send_due_reminders(now=None):
    """Emails every confirmed registrant of a webinar starting tomorrow, once; returns how many."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    until = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min))
    due = WebinarRegistration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent=False,
        webinar__start__gt=now,
        webinar__start__lt=until,
        webinar__live=True,
    ).select_related("webinar", "user")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for registration in due:
            # The claim and the email are kept together: two runs at once never send it twice,
            # and the outbox keeps the email until it is delivered.
            with transaction.atomic():
                claimed = WebinarRegistration.objects.filter(
                    pk=registration.pk, reminder_sent=False
                ).update(reminder_sent=True)
                if not claimed:
                    continue
                send_reminder(registration)
            sent += 1
    return sent
