"""Security headers and cookies of real responses, with the production settings' values."""

import importlib
import sys

import pytest
from csp.utils import build_policy
from django.http import HttpResponse
from django.urls import reverse

from portal.middleware import CSPMiddleware
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

HOST = "spaser.example.org"


@pytest.fixture
def production(settings, monkeypatch):
    """The security settings of portal.settings.production, applied to this test's settings."""
    monkeypatch.setattr(
        "portal.settings.base.SECRET_KEY", "k" * 20 + "9#Lm2@pQ7!vZ4&rT8*wY1^bN6%cH3(jD5)"
    )
    monkeypatch.setenv("ALLOWED_HOSTS", HOST)
    monkeypatch.delitem(sys.modules, "portal.settings.production", raising=False)
    module = importlib.import_module("portal.settings.production")
    monkeypatch.delitem(sys.modules, "portal.settings.production")
    prefixes = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_")
    for name in dir(module):
        if name.startswith(prefixes) or name in (
            "ALLOWED_HOSTS",
            "X_FRAME_OPTIONS",
            "CONTENT_SECURITY_POLICY",
        ):
            setattr(settings, name, getattr(module, name))
    return module


def test_pages_carry_every_security_header(client, home_page, production):
    response = client.get("/", secure=True, headers={"host": HOST})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(
        (directive.strip().split(" ", 1) + [""])[:2]
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no nonce used on this page, no inline code
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert "upgrade-insecure-requests" in policy


def test_plain_http_is_redirected_to_https(client, home_page, production):
    response = client.get("/fiches/", headers={"host": HOST})
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/fiches/"


def test_session_and_csrf_cookies_are_secure(client, home_page, member, production):
    login = client.get(reverse("account_login"), secure=True, headers={"host": HOST})
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"

    client.post(
        reverse("account_login"),
        {"login": member.email, "password": PASSWORD},
        secure=True,
        headers={"host": HOST},
    )
    session = client.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_the_nonce_of_a_page_is_in_its_policy(rf):
    """A template that uses `request.csp_nonce` gets that nonce allowed, and only that one."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string("<script nonce='{{ request.csp_nonce }}'></script>")
    request = rf.get("/")
    middleware = CSPMiddleware(lambda request: HttpResponse(template.render(request=request)))
    response = middleware(request)
    nonce = response.content.decode().split("'")[1]
    assert len(nonce) >= 22
    assert f"script-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_wagtail_admin_is_outside_the_policy(admin_client, home_page):
    """Wagtail's editor needs inline scripts and styles: the admin is excluded, not weakened."""
    assert "Content-Security-Policy" not in admin_client.get("/admin/")
    assert "Content-Security-Policy" in admin_client.get("/")


def _served(request, response):
    middleware = CSPMiddleware(lambda request: response)
    middleware.process_request(request)
    return middleware.process_response(request, response)


def test_the_policy_built_once_is_django_csps_and_follows_the_settings(rf, settings):
    assert _served(rf.get("/fiches/"), HttpResponse())["Content-Security-Policy"] == build_policy()

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    response = _served(rf.get("/fiches/"), HttpResponse())
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_drawn_nonce_or_a_views_own_policy_is_in_the_header(rf):
    request = rf.get("/fiches/")
    middleware = CSPMiddleware(lambda request: HttpResponse())
    middleware.process_request(request)
    nonce = str(request.csp_nonce)
    response = middleware.process_response(request, HttpResponse())
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]

    own = HttpResponse()
    own._csp_update = {"img-src": ["https://images.example.org"]}
    assert "https://images.example.org" in _served(rf.get("/"), own)["Content-Security-Policy"]


def test_exempt_responses_and_excluded_prefixes_get_no_policy(rf):
    exempt = HttpResponse()
    exempt._csp_exempt = True
    assert "Content-Security-Policy" not in _served(rf.get("/fiches/"), exempt)
    assert "Content-Security-Policy" not in _served(rf.get("/admin/pages/"), HttpResponse())
