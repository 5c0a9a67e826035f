"""allauth's emails in the portal's name, addressed to the person, with links on the public address."""

from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter

from .client_address import client_address
from .public_url import absolute_url, public_netloc, site_name


def user_display(user):
    """How an account is named to people (emails, admin lists): « Prénom Nom », else its email."""
    full_name = " ".join(part for part in (user.first_name, user.last_name) if part).strip()
    return full_name or user.email or user.get_username()


def _on_public_address(url):
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # The Django Site row may still say « example.com »: the portal's name and address come
        # from the settings (portal.public_url), whatever the request or the database say.
        context = {
            **context,
            "current_site": SimpleNamespace(name=site_name(), domain=public_netloc()),
            "public_url": absolute_url("/"),
        }
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return _on_public_address(super().get_email_confirmation_url(request, emailconfirmation))

    def get_client_ip(self, request):
        # allauth's rate limits (failed logins, signups, resets) count per client behind our proxy.
        return client_address(request)

    def get_reset_password_from_key_url(self, key):
        return _on_public_address(super().get_reset_password_from_key_url(key))
