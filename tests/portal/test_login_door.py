"""One door in: every login URL of the site goes through allauth (issue 21, reproduction 1)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import PASSWORD, AdminFactory, UserFactory

pytestmark = pytest.mark.django_db

ALLAUTH_LOGIN = "/comptes/login/"


def _login_paths(patterns=None, prefix=""):
    """The path of every URL pattern of the site whose route names a login (not a logout)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            found += _login_paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and re.search(r"(^|/)login", route):
            if "<" not in route and "(" not in route:
                found.append("/" + route)
    return sorted(set(found))


LOGIN_PATHS = _login_paths()


def test_the_walk_finds_every_door():
    assert {ALLAUTH_LOGIN, "/admin/login/", "/django-admin/login/", "/_util/login/"} <= set(
        LOGIN_PATHS
    )


def _signed_up_but_unconfirmed(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "mentor.copy@nantesmetropole.fr",
            "first_name": "Copie",
            "last_name": "Usurpée",
            "password1": "Achats-responsables-2026",
            "password2": "Achats-responsables-2026",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert not EmailAddress.objects.get(email="mentor.copy@nantesmetropole.fr").verified
    return "mentor.copy@nantesmetropole.fr", "Achats-responsables-2026"


def _credentials(email, password):
    user = get_user_model().objects.get(email=email)
    return {
        "username": user.get_username(),
        "login": email,
        "email": email,
        "password": password,
    }


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_no_login_url_lets_an_unconfirmed_address_in(client, home_page, path):
    email, password = _signed_up_but_unconfirmed(client)
    client.get(path)
    response = client.post(path, _credentials(email, password))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:profile")).status_code == 302
    if path != ALLAUTH_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(ALLAUTH_LOGIN)


@pytest.mark.parametrize("path", [p for p in LOGIN_PATHS if p != ALLAUTH_LOGIN])
def test_other_login_urls_check_no_password(client, home_page, path):
    member = UserFactory()
    response = client.post(path, _credentials(member.email, PASSWORD))
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"].startswith(ALLAUTH_LOGIN)


def test_a_throttled_account_stays_throttled_at_the_admin_login(client, home_page):
    member = UserFactory(email="membre@gironde.fr")
    for _attempt in range(25):
        client.post("/admin/login/", {"username": member.username, "password": "faux"})
    for _attempt in range(15):
        client.post(ALLAUTH_LOGIN, {"login": member.email, "password": "faux"})
    for path in LOGIN_PATHS:
        client.post(path, _credentials(member.email, PASSWORD))
        assert "_auth_user_id" not in client.session, path


def test_wagtail_admin_login_keeps_the_page_asked_for(client, home_page):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == ALLAUTH_LOGIN + "?next=%2Fadmin%2Fpages%2F"
    editor = AdminFactory()
    response = client.post(response["Location"], {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_login_door_ignores_a_next_page_off_the_site(client):
    response = client.get("/admin/login/", {"next": "https://exemple.invalid/piege"})
    assert response["Location"] == ALLAUTH_LOGIN + "?next=%2Fadmin%2F"


def test_a_member_without_admin_access_is_told_so_without_a_redirect_loop(client, home_page):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2
    assert "n'a pas accès à cette page" in response.content.decode()


def test_django_admin_is_for_superusers_only(client, home_page):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403
    assert "n'a pas accès à cette page" in response.content.decode()

    client.logout()
    response = client.get("/django-admin/auth/user/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == ALLAUTH_LOGIN + "?next=%2Fdjango-admin%2Fauth%2Fuser%2F"

    client.force_login(AdminFactory())
    assert client.get("/django-admin/auth/user/").status_code == 200


def test_wagtail_password_forms_are_closed(admin_client):
    assert admin_client.get("/admin/password_reset/").status_code == 404
    assert admin_client.get("/admin/account/change_password/").status_code in (302, 404)
