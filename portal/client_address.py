"""The visitor's address, for rate limits: behind our proxies, not the proxy's own address.

Behind the nginx the README prescribes, REMOTE_ADDR is nginx's address for every visitor: keyed
on it, ten failed logins by anyone would lock everyone out. X-Forwarded-For cannot be trusted
blindly either (a client writes what it likes in it). Each proxy of ours appends the address it
saw, so with TRUSTED_PROXY_COUNT = N the client is the N-th entry from the end; entries before it
were written by the client and are ignored.

    client_address(request)      # "203.0.113.7"

allauth asks `portal.account_adapter.AccountAdapter.get_client_ip`; any other rate limit keyed on an
address must call `client_address`.
"""

import ipaddress

from django.conf import settings


def _valid(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address as seen by our nearest trusted proxy (REMOTE_ADDR without one)."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")[:2000]
    entries = [entry for entry in forwarded.split(",") if entry.strip()]
    if len(entries) < count:
        # Not through all our proxies (a direct request): only the connection can be believed.
        return remote
    return _valid(entries[-count]) or remote
