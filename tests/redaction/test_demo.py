import pytest

from redaction.models import Draft
from tests.demo import seed_demo_twice


@pytest.mark.django_db
def test_seed_demo_writes_one_draft_in_progress_for_the_demo_organisation(home_page, client):
    out = seed_demo_twice("Demo-redaction-2026")
    draft = Draft.objects.get()
    assert draft.organisation.siren == "200054807"
    assert draft.period_label == "2026-2028"
    assert draft.version_count == 2
    assert draft.created_by.email == "participant@ampmetropole.fr"
    data = draft.data
    assert len(data["social"]["clauses"]) == 1 and len(data["ecologique"]["clauses"]) == 1
    assert data["indicateurs"]["env"]["baseline_year"] == 2024
    missing = {check.key for check in draft.compliance().missing}
    assert "social_objectives" not in missing
    assert {"circular_economy", "scheme_published"} <= missing
    assert "redaction: draft" in out
    # the demo participant opens and exports it
    client.login(email="participant@ampmetropole.fr", password="Demo-redaction-2026")
    page = client.get(f"/rediger/{draft.pk}/").content.decode()
    assert "Il manque" in page
    assert client.get(f"/rediger/{draft.pk}/export.pdf").status_code == 200
