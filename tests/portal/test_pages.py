import pytest
from django.urls import URLPattern, reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal import page_cache
from portal.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_anonymous_home_page(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bienvenue" in content
    assert 'lang="fr"' in content
    assert "Accessibilité : non conforme" in content


def test_footer_shows_the_declared_accessibility_status(client, home_page):
    statement = home_page.add_child(
        instance=StandardPage(title="Déclaration", slug="accessibilite")
    )
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.accessibility_status = "partiellement"
    site_settings.accessibility_page = statement
    site_settings.save()
    content = client.get("/").content.decode()
    assert "Accessibilité : partiellement conforme" in content
    assert 'href="/accessibilite/"' in content


def test_english_is_available_through_the_language_switch(client, home_page, settings):
    settings.LANGUAGES = [("fr", "Français"), ("en", "English")]
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert 'lang="en"' in content
    assert "Sign in" in content


def test_browser_language_does_not_override_french(client, home_page):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert 'lang="fr"' in content


def _add_content(home_page, start, count):
    for n in range(start, start + count):
        home_page.add_child(instance=StandardPage(title=f"Page {n}", slug=f"page-{n}"))
    home_page.highlights = [
        ("highlight", {"title": f"À la une {n}", "text": "Texte", "url": "https://example.org"})
        for n in range(3)
    ]
    home_page.save_revision().publish()


def test_home_page_query_count_does_not_grow_with_content(
    client, home_page, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_MEMBER_SECONDS = 0  # renders are counted
    _add_content(home_page, 0, 2)
    client.get("/")  # warm caches that are per process, not per request
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    few = len(few)  # read now: the next request empties the connection's query log
    _add_content(home_page, 2, 30)
    client.get("/")  # the first render after a write reads the header and footer again, once
    with django_assert_max_num_queries(few):
        assert client.get("/").status_code == 200


class TestPageTree(WagtailPageTestCase):
    def test_home_page_is_created_under_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_page_can_live_under_home(self):
        self.assertCanCreateAt(HomePage, StandardPage)


def test_health_check_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/sante/")
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"


def test_the_health_check_is_the_first_route_tried(client, monkeypatch):
    """The load balancer asks every few seconds: it must not walk the portal's routes first."""
    tried = []
    resolve = URLPattern.resolve
    monkeypatch.setattr(
        URLPattern, "resolve", lambda *args: tried.append(args[0]) or resolve(*args)
    )
    page_cache._view_at.cache_clear()
    assert client.get("/sante/").status_code == 200
    assert tried and {pattern.name for pattern in tried} == {"health"}
