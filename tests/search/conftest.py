import pytest

from tests.fiches.factories import fiche_index


@pytest.fixture
def index_page(home_page):
    return fiche_index(home_page)
