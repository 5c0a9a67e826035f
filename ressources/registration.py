"""Registering members to webinars: capacity, waiting list, promotion and emails.

Every change happens in a transaction that first locks the webinar row, so two requests for the
last seat are served one after the other (PostgreSQL). The unique (webinar, seat) constraint is the
last line of defence on any database: a seat number is only ever taken between 1 and the capacity.
"""

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import WebinarPage, WebinarRegistration

Status = WebinarRegistration.Status


class RegistrationClosed(Exception):
    """The webinar has started: nobody can register any more."""


def _lock(webinar):
    return WebinarPage.objects.select_for_update().get(pk=webinar.pk)


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
        "url": webinar.get_full_url(),
        "start": timezone.localtime(webinar.start),
    }


def _send(registration, subject, template, with_invitation):
    from .ics import webinar_calendar

    message = EmailMessage(
        subject=subject,
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
        _("Inscription confirmée : %(title)s") % {"title": registration.webinar.title},
        "ressources/emails/registration_confirmed.txt",
        with_invitation=True,
    )


def send_waiting(registration):
    _send(
        registration,
        _("Liste d'attente : %(title)s") % {"title": registration.webinar.title},
        "ressources/emails/registration_waiting.txt",
        with_invitation=False,
    )


def send_promotion(registration):
    _send(
        registration,
        _("Une place s'est libérée : %(title)s") % {"title": registration.webinar.title},
        "ressources/emails/registration_promoted.txt",
        with_invitation=True,
    )


def send_reminder(registration):
    _send(
        registration,
        _("Rappel : %(title)s demain") % {"title": registration.webinar.title},
        "ressources/emails/reminder.txt",
        with_invitation=True,
    )
