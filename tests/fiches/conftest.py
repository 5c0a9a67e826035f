import pytest
from haystack import connections

from tests.fiches.factories import fiche_index


@pytest.fixture(autouse=True)
def empty_search_index():
    """The Whoosh index lives on disk across tests while the database is rolled back."""
    connections["default"].get_backend().clear()
    yield


@pytest.fixture
def index_page(home_page):
    return fiche_index(home_page)
