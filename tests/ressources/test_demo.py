import io

import pytest

from portal import demo as portal_demo
from ressources import demo
from ressources.models import ClausePage, WebinarPage, WebinarRegistration

pytestmark = pytest.mark.django_db


def test_demo_content_is_complete_and_idempotent(home_page, client):
    out = io.StringIO()
    portal_demo.seed(password="Demo-2026-x", stdout=out)
    demo.seed(password="Demo-2026-x", stdout=out)
    demo.seed(password="Demo-2026-x", stdout=out)
    assert WebinarPage.objects.count() == 4
    assert ClausePage.objects.count() == 10
    assert WebinarRegistration.objects.filter(status="waiting").count() == 1
    upcoming = [w for w in WebinarPage.objects.all() if w.is_upcoming]
    assert len(upcoming) == 2
    for clause in ClausePage.objects.all():
        clause.full_clean()
    insertion = ClausePage.objects.get(slug="clause-insertion-heures-travaillees")
    assert "[5 à 8] % du nombre total d'heures travaillées" in insertion.clause_text
    assert client.get("/webinaires/").status_code == 200
    content = client.get("/clauses-types/").content.decode()
    assert "Lot réservé aux ESAT et entreprises adaptées" in content
    home = client.get("/").content.decode()
    assert 'href="/clauses-types/"' in home and 'href="/webinaires/"' in home
