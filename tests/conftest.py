import pytest
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Collection, Locale, Page, Site

from portal.models import HomePage
from tests.factories import AdminFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rate-limit counters, cached fragments)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's home page at the root of the default site, as `seed_demo` sets it up."""
    root = Page.get_first_root_node()
    if root is None:
        # A transactional test (browser journey) ends with a flush, which also removes the rows
        # Wagtail's data migrations created: put back the ones pages need.
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root"))
        if not Collection.objects.exists():
            Collection.add_root(name="Root")
    home = root.add_child(
        instance=HomePage(title="Accueil", slug="accueil", hero_title="Bienvenue")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "site_name": "Entraide SPASER"},
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return AdminFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def demo_site(home_page):
    """The demo content of `seed_demo`, as the accessibility and HTML checks visit it."""
    from haystack import connections

    from tests.site_pages import prepare_site

    prepare_site()
    yield
    # seed_demo indexes every page: leave the on-disk search index empty for the next tests.
    connections["default"].get_backend().clear()
