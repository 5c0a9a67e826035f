"""Private pages keep a constant number of queries as a promotion grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import MembershipFactory, RecapFactory, SessionFactory

pytestmark = pytest.mark.django_db

PAGES = ["space", "members", "recaps", "documents", "survey_results"]


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_grow(client, world, name):
    client.force_login(world.mentor_a)
    url = reverse(f"promotions:{name}", args=[world.promotion_a.slug])
    small = _count(client, url)
    for _ in range(8):
        session = SessionFactory(promotion=world.promotion_a)
        RecapFactory(session=session)
        MembershipFactory(promotion=world.promotion_a)
    large = _count(client, url)
    assert large <= small
