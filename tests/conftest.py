import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from portal.models import HomePage
from tests.factories import AdminFactory, UserFactory


def pytest_collection_modifyitems(items):
    """Transactional tests (browser journeys, concurrency) end with a flush that also removes
    the rows Wagtail's data migrations created (locale, root page, site, groups, collection).
    Serialized rollback reloads them before each such test."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )


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
