import pytest

from . import factories


@pytest.fixture
def webinar_index(home_page):
    return factories.webinar_index(home_page)


@pytest.fixture
def clause_index(home_page):
    return factories.clause_index(home_page)


@pytest.fixture
def webinar(webinar_index):
    return factories.webinar(webinar_index, title="Construire son SPASER en 6 étapes", capacity=2)
