"""One door in: every login form of the site sends the visitor to allauth's login page.

Wagtail's admin login (`/admin/login/`), its front-end login for private pages
(`/_util/login/`) and the Django admin's login (`portal.admin_site`) would each authenticate a
password on their own, skipping what allauth enforces: a confirmed email address, the limits on
failed logins, the same French pages. They answer with a redirection to allauth's login instead,
keeping the page the visitor wanted (`next`) when it is a page of this site; the credentials they
are sent are never checked.
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

REDIRECT_FIELD_NAME = "next"


def safe_next(request, default=""):
    """The `next` page the request asks for, if it stays on this site; `default` otherwise."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def login_url(next_url=""):
    """allauth's login page, asked to come back to `next_url` after a successful login."""
    url = reverse("account_login")
    if next_url:
        url = f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"
    return url


def no_access(request):
    """What a logged-in member sees when a page asks for a login they already did.

    Sending them to allauth's login would send them straight back (allauth redirects a logged-in
    visitor to `next`), forever: say instead that their account does not open this page.
    """
    return TemplateResponse(
        request,
        "portal/login_door_no_access.html",
        {"next_url": safe_next(request)},
        status=403,
    )


def to_allauth(default_next=""):
    """A view that sends every request (GET or POST alike) to allauth's login page."""

    def view(request, *args, **kwargs):
        if request.user.is_authenticated:
            return no_access(request)
        return HttpResponseRedirect(login_url(safe_next(request, default_next)))

    return view


wagtail_admin_login = to_allauth(default_next="/admin/")
frontend_login = to_allauth()
