"""Rate limits survive page-cache traffic and count clients behind our proxy apart (cases 6-8)."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from portal.client_address import client_address
from portal.models import SiteSettings
from tests.factories import PASSWORD, UserFactory

LOCKED = "Trop de tentatives de connexion échouées"


def fail_five_times(client, email):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": email, "password": "wrong"})


def log_in(client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    return response.content.decode()


@pytest.fixture(params=["locmem", "files"])
def cache_kind(request, settings, tmp_path):
    """The caches as in development (local memory) and as in production without Redis (files)."""
    if request.param == "files":
        settings.CACHES = {
            alias: {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / alias),
                "OPTIONS": {"MAX_ENTRIES": 300},
            }
            for alias in ("default", "pages")
        }
    else:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "pages-test",
                "OPTIONS": {"MAX_ENTRIES": 300},
            },
        }
    yield request.param
    for cache in caches.all():
        cache.clear()


@pytest.mark.django_db
def test_an_autocomplete_flood_does_not_evict_the_login_counters(client, home_page, cache_kind):
    member = UserFactory(email="membre@gironde.fr")
    fail_five_times(client, member.email)
    assert LOCKED in log_in(client, member.email)
    anonymous = Client()
    for number in range(400):
        response = anonymous.get("/recherche/autocomplete/", {"q": f"yy{number:05d}"})
        assert response.status_code == 200
    page = log_in(client, member.email)
    assert LOCKED in page and "_auth_user_id" not in client.session


def stored_entries(cache):
    """How many entries the page cache holds, in memory (tests) or in Redis (CI on PostgreSQL)."""
    return len(cache.keys("*")) if hasattr(cache, "keys") else len(cache._cache)


@pytest.mark.django_db
def test_unknown_query_parameters_bypass_the_page_cache(client, home_page):
    SiteSettings.for_site(home_page.get_site())  # created on a first view, which bumps the cache
    pages = caches["pages"]
    client.get("/forum/")
    assert client.get("/forum/").headers["X-Page-Cache"] == "hit"
    before = stored_entries(pages)
    for number in range(50):
        assert client.get("/forum/", {"x": number}).status_code == 200
        assert client.get("/forum/", {"page": "1", "q": "a" * 300}).status_code == 200
    assert stored_entries(pages) == before
    response = client.get("/forum/", {"x": "1"})
    assert "X-Page-Cache" not in response.headers
    assert client.get("/forum/").headers["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_no_cache_header_unless_asked(client, home_page, settings):
    settings.PAGE_CACHE_HEADER = False
    for _visit in range(2):
        response = client.get("/forum/")
        assert response.status_code == 200 and "X-Page-Cache" not in response.headers


def test_production_settings_do_not_send_the_cache_header(monkeypatch):
    import importlib

    import portal.settings.base as base

    monkeypatch.delenv("PAGE_CACHE_HEADER", raising=False)
    assert importlib.reload(base).PAGE_CACHE_HEADER is False
    monkeypatch.setenv("PAGE_CACHE_HEADER", "true")
    assert importlib.reload(base).PAGE_CACHE_HEADER is True
    monkeypatch.delenv("PAGE_CACHE_HEADER")
    importlib.reload(base)


class FakeRequest:
    def __init__(self, remote, forwarded=None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.mark.parametrize(
    "count, remote, forwarded, expected",
    [
        (0, "10.0.0.1", "203.0.113.7", "10.0.0.1"),  # no proxy of ours: the header is a lie
        (1, "10.0.0.1", "203.0.113.7", "203.0.113.7"),
        (1, "10.0.0.1", "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # the client wrote 1.2.3.4
        (2, "10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.1", "203.0.113.7"),
        (1, "10.0.0.1", None, "10.0.0.1"),
        (2, "10.0.0.1", "203.0.113.7", "10.0.0.1"),  # not through both proxies
        (1, "10.0.0.1", "pas une adresse", "10.0.0.1"),
        (1, "10.0.0.1", " 2001:db8::1 ", "2001:db8::1"),
        (1, "10.0.0.1", "١٢٧.0.0.1", "10.0.0.1"),
    ],
)
def test_client_address(settings, count, remote, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(FakeRequest(remote, forwarded)) == expected


@pytest.mark.django_db
def test_two_clients_behind_the_proxy_are_counted_apart(settings):
    """Behind nginx every request comes from 127.0.0.1: one guesser must not lock out others."""
    settings.TRUSTED_PROXY_COUNT = 1
    member = UserFactory()
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    for attempt in range(10):
        guesser.post(
            reverse("account_login"), {"login": f"x{attempt}@exemple.fr", "password": "wrong"}
        )
    assert LOCKED in log_in(guesser, member.email)
    neighbour = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    log_in(neighbour, member.email)
    assert "_auth_user_id" in neighbour.session
    # A guesser who forges the header is still counted on the address nginx saw.
    forger = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.9")
    assert LOCKED in log_in(forger, member.email)


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    member = UserFactory()
    for attempt in range(10):
        Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}").post(
            reverse("account_login"), {"login": f"x{attempt}@exemple.fr", "password": "wrong"}
        )
    assert LOCKED in log_in(Client(HTTP_X_FORWARDED_FOR="203.0.113.7"), member.email)
