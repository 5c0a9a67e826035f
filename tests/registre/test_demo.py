import json

import pytest

from registre.models import AdoptedScheme
from tests.demo import seed_demo_twice


@pytest.mark.django_db
def test_seed_demo_publishes_a_few_plausible_schemes_once(home_page, client):
    out = seed_demo_twice("Demo-registre-2026")
    entries = AdoptedScheme.objects.public()
    assert entries.count() == 5
    assert "registre: 5 SPASER adoptés publiés" in out
    assert set(entries.values_list("obligation", flat=True)) == {"oblige", "volontaire"}
    assert not entries.filter(organisation__siren="200054807").exists()  # AMP: from its draft
    nantes = entries.get(organisation__siren="244400404")
    assert nantes.published_by.email == "mentor@nantesmetropole.fr"
    response = client.get(nantes.get_document_url())
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    export = json.loads(client.get("/spaser-adoptes/registre.json").content)
    assert export["count"] == 5
    assert "Nantes Métropole" in client.get("/spaser-adoptes/?region=PDL").content.decode()
    # the demo participant of AMP can publish from their draft
    client.login(email="participant@ampmetropole.fr", password="Demo-registre-2026")
    assert client.get("/spaser-adoptes/publier/").status_code == 200
