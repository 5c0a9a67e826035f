"""Every form is CSRF-protected: no view opts out unless listed here with its reason, and every
form a member, a mentor or a moderator is shown refuses a POST that lacks the token."""

import io
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db

# The views that may accept a POST without a CSRF token, and why.
CSRF_EXEMPT_ALLOWED = {
    # The signed token of the link stands in for the CSRF token, so that mail clients'
    # one-click List-Unsubscribe POST (RFC 8058) works without a session.
    "forum.views.unsubscribe",
    # The language switch is in every page's header: without a token, pages stay the same for
    # every anonymous visitor and can be cached whole (portal.page_cache). Switching the
    # language of someone's next pages is harmless.
    "django.views.i18n.set_language",
}
PROJECT_APPS = ("portal", "fiches", "ressources", "promotions", "forum", "diagnostic")


def _views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _view_class(view):
    return getattr(view, "view_class", None) or getattr(view, "cls", None)


def _dotted(view):
    view = _view_class(view) or view
    name = getattr(view, "__qualname__", type(view).__qualname__)  # a Feed is an instance
    return f"{view.__module__}.{name}"


def _is_rest_api(view):
    """Django REST framework marks its views csrf_exempt and checks the token itself: its
    SessionAuthentication enforces CSRF for a logged-in session (Basic auth carries no cookie)."""
    view_class = _view_class(view)
    return (
        view_class is not None
        and issubclass(view_class, APIView)
        and all(
            issubclass(auth, (SessionAuthentication, BasicAuthentication))
            for auth in view_class.authentication_classes
        )
    )


def test_no_view_is_csrf_exempt_unless_justified():
    views = list(_views(get_resolver().url_patterns))
    exempt = {
        _dotted(view)
        for _route, view in views
        if getattr(view, "csrf_exempt", False) and not _is_rest_api(view)
    }
    assert exempt == CSRF_EXEMPT_ALLOWED
    own = [route for route, view in views if _dotted(view).startswith(PROJECT_APPS)]
    assert len(own) > 40, own  # the walk does reach the project's own URL patterns


class _PostForms(HTMLParser):
    """Collects the action of every <form method="post"> and the links of a page."""

    def __init__(self):
        super().__init__()
        self.actions, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.actions.append(attrs.get("action") or "")
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _post_form_actions(client, start, limit=80):
    """Crawl the site as client's user, at most two pages under the same parent (two topics,
    two fiches...); return {form action, numbers as N: (action, page that shows it)}."""
    seen, queue, actions, siblings = set(), list(start), {}, Counter()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        parent = path.rstrip("/").rsplit("/", 1)[0]
        if path in seen or path.startswith(("/admin/", "/django-admin/", "/comptes/logout")):
            continue
        if parent and siblings[parent] >= 2:
            continue
        seen.add(path)
        siblings[parent] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _PostForms()
        parser.feed(response.content.decode())
        for action in parser.actions:
            action = urlsplit(urljoin(path, action)).path
            actions.setdefault(re.sub(r"/\d+/", "/N/", action), (action, path))
        for href in parser.links:
            parts = urlsplit(urljoin(path, href))
            if not parts.netloc and not parts.path.endswith((".ics", ".csv", ".rss", ".atom")):
                queue.append(parts.path)
    return actions


def test_every_form_refuses_a_post_without_csrf_token(home_page):
    call_command("seed_demo", password="Demo-csrf-2026", stdout=io.StringIO())
    start = ["/promotions/mes-promotions/", "/forum/moderation/", "/compte/profil/", "/"]
    start += ["/diagnostic/", "/diagnostic/import-decp/", "/commentaires/moderation/"]
    found = set()
    for email in ("mentor@nantesmetropole.fr", "moderation@entraide-spaser.fr"):
        user = get_user_model().objects.get(email=email)
        browsing = Client()
        browsing.force_login(user)
        actions = _post_form_actions(browsing, start)
        forger = Client(enforce_csrf_checks=True)
        forger.force_login(user)
        for action, shown_on in actions.values():
            response = forger.post(action, {"next": "/"})
            if _dotted(resolve(urlsplit(action).path).func) in CSRF_EXEMPT_ALLOWED:
                assert response.status_code != 403, action
                continue
            assert response.status_code == 403, f"{action} (form on {shown_on})"
            assert "Formulaire expiré" in response.content.decode(), action
        found |= set(actions)

    expected = {
        "/comptes/logout/",
        "/compte/profil/",
        "/commentaires/post/",
        "/forum/sujet/N/repondre/",
        "/forum/moderation/message/N/masquer/",
        "/promotions/mes-promotions/agenda/regenerer/",
        "/diagnostic/import-decp/",
    }
    if len(settings.LANGUAGES) > 1:  # the language switch shows only when there is a choice
        expected.add("/i18n/setlang/")
    assert expected <= found, sorted(found)
    assert len(found) >= 20, sorted(found)


@pytest.mark.parametrize("path", ["/commentaires/api/comment/", "/commentaires/api/flag/"])
def test_comment_api_is_not_served(member, path):
    """comments-xtd's REST API (for a JavaScript widget the portal does not use) is not routed:
    no tokenless write can go through it (portal/comment_urls.py)."""
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(member)
    response = forger.post(path, {"comment": "x", "flag": "report"})
    assert response.status_code in (403, 404)
    assert Client().post(path, {"comment": "x"}).status_code == 404
