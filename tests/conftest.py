import pytest
from django.conf import settings
from django.core.cache import caches
from haystack import connections
from wagtail.models import Collection, Locale, Page, Site

from portal.models import HomePage
from tests.factories import AdminFactory, UserFactory, give_role


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (rate-limit counters, cached fragments, pages)."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


# Test packages whose tests write to the search index (browser journeys that do ask for
# `empty_search_index` themselves).
INDEXING_PACKAGES = {"fiches", "partage", "redaction", "registre", "search", "territoires"}


@pytest.fixture
def empty_search_index():
    """The Whoosh index lives on disk across tests while the database is rolled back: a test that
    writes to it starts and ends with it empty."""
    backend = connections["default"].get_backend()
    backend.clear()
    yield
    backend.clear()


@pytest.fixture(autouse=True)
def _search_index_of_indexing_packages(request):
    if request.path.parent.name in INDEXING_PACKAGES:
        request.getfixturevalue("empty_search_index")


@pytest.fixture(autouse=True)
def emails_through_outbox(settings):
    """Django's test runner swaps EMAIL_BACKEND for locmem: put the outbox back, so every email of
    a test goes the way it goes in production (outbox, task, delivery). Tasks run at once
    (immediate backend) and deliver to locmem: `django.core.mail.outbox` holds what was sent."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


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
def superuser(db):
    return AdminFactory()


@pytest.fixture
def staff(db):
    """Staff status alone opens nothing."""
    return UserFactory(is_staff=True)


@pytest.fixture
def curator(db):
    """Curator of the networks' shared documents and registry."""
    return give_role(UserFactory(first_name="Soizic", last_name="Le Bihan"), "curator")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def demo_site(home_page, empty_search_index):
    """The demo content of `seed_demo` (which indexes every page), as the accessibility and HTML
    checks visit it."""
    from tests.site_pages import prepare_site

    prepare_site()
