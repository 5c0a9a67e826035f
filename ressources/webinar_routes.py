"""What a webinar page's own routes answer (`inscription/`, `desinscription/`): HTTP only.

`registration.py` decides who gets a seat; these handlers read the request, call it, and tell the
member what happened. `WebinarPage` routes its sub-URLs here.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext

from . import registration
from .registration import RegistrationClosed, Status


def member_post(handler):
    """A GET goes back to the page, other methods are refused; a visitor is asked to log in."""

    @wraps(handler)
    def route(request, webinar):
        if request.method != "POST":
            if request.method == "GET":
                return redirect(webinar.url)
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(webinar.url, settings.LOGIN_URL)
        return handler(request, webinar)

    return route


@member_post
def register(request, webinar):
    try:
        seat, _created = registration.register(webinar, request.user)
    except RegistrationClosed:
        messages.error(request, gettext("Les inscriptions à ce webinaire sont closes."))
        return redirect(webinar.url)
    if seat.status == Status.CONFIRMED:
        messages.success(
            request,
            gettext(
                "Inscription confirmée : vous allez recevoir un courriel avec l'invitation "
                "à ajouter à votre agenda."
            ),
        )
    else:
        messages.info(
            request,
            gettext(
                "Le webinaire est complet : vous êtes sur liste d'attente. Nous vous écrirons "
                "dès qu'une place se libère."
            ),
        )
    return redirect(webinar.url)


@member_post
def cancel(request, webinar):
    current = (
        webinar.registrations.filter(user=request.user).exclude(status=Status.CANCELLED).first()
    )
    if current:
        registration.cancel(current)
        messages.success(request, gettext("Votre inscription est annulée."))
    return redirect(webinar.url)
