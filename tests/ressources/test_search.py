import pytest

from ressources.search_indexes import ClausePageIndex, WebinarPageIndex
from tests.factories import ThemeFactory

from . import factories

pytestmark = pytest.mark.django_db


def test_search_documents_follow_the_conventions(webinar_index, clause_index):
    social = ThemeFactory(name="Social")
    webinar = factories.webinar(webinar_index, title="Les indicateurs du SPASER", themes=[social])
    clause = factories.clause(clause_index, title="Clause d'insertion", themes=[social])
    draft = factories.clause(clause_index, title="Brouillon")
    draft.unpublish()

    webinar_doc = WebinarPageIndex().full_prepare(webinar)
    assert webinar_doc["kind"] == "webinaire"
    assert webinar_doc["url"] == webinar.url
    assert webinar_doc["themes"] == ["Social"]
    assert "Les indicateurs du SPASER" in webinar_doc["text"]

    clause_doc = ClausePageIndex().full_prepare(clause)
    assert clause_doc["kind"] == "clause"
    assert "5 % des heures travaillées" in clause_doc["text"]

    assert list(ClausePageIndex().index_queryset()) == [clause]
