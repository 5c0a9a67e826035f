"""Draft pages and exports keep a constant number of queries as a draft grows (versions, clauses,
shares), and stay within a small fixed budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redaction.models import DraftShare
from tests.factories import UserFactory
from tests.ressources.factories import clause, clause_index

pytestmark = pytest.mark.django_db

URLS = [
    "/rediger/",
    "/rediger/{pk}/",
    "/rediger/{pk}/etape/contexte/",
    "/rediger/{pk}/etape/social/",
    "/rediger/{pk}/etape/indicateurs/",
    "/rediger/{pk}/verification/",
    "/rediger/{pk}/versions/",
    "/rediger/{pk}/partage/",
    "/rediger/{pk}/export.docx",
    "/rediger/{pk}/export.odt",
    "/rediger/{pk}/export.pdf",
]
BUDGET = 30


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(queries)


def _grow(draft, user, index, batiment, n):
    content = draft.data
    for axis, kind in (("social", "sociale"), ("ecologique", "environnementale")):
        pages = [clause(index, clause_type=kind, familles=[batiment]) for _ in range(n)]
        content[axis]["clauses"] += [page.pk for page in pages]
        content[axis]["familles"] = [batiment.pk]
    for version in range(n):
        content["contexte"]["ambition"] = f"Version {draft.version_count} {version}"
        draft.save_version(dict(content), user, "contexte")
    for _ in range(n):
        DraftShare.objects.create(draft=draft, mentor=UserFactory(), created_by=user)


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow(client, draft, org_member, home_page, batiment, url):
    client.force_login(org_member)
    url = url.format(pk=draft.pk)
    index = clause_index(home_page)
    _grow(draft, org_member, index, batiment, 1)
    small = _count(client, url)
    _grow(draft, org_member, index, batiment, 6)
    large = _count(client, url)
    assert large <= small, (url, small, large)
    assert large <= BUDGET, (url, large)
