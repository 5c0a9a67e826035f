"""The registry as open data (CSV, JSON under the licence etalab-2.0, validated against the JSON
schema shipped in the repository) and as RSS/Atom feeds: public entries only, inert cells."""

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from django.conf import settings

from registre import services
from tests.registre.conftest import make_entry

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(settings.BASE_DIR) / "registre" / "schema" / "registre.schema.json").read_text()
)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def registry(organisation, other_organisation, org_member, other_member):
    published = make_entry(organisation, org_member)
    make_entry(
        other_organisation,
        other_member,
        title='=HYPERLINK("http://evil.example")',
        deliberation="@SUM(1+1)",
        env_target=None,
        social_target=None,
        esus_target=None,
        obligation="volontaire",
    )
    withdrawn = make_entry(
        organisation, org_member, title="Schéma retiré", period_start=2019, period_end=2021
    )
    services.withdraw(withdrawn, org_member)
    return published


def test_the_json_export_validates_against_the_shipped_schema(client, registry):
    response = client.get("/spaser-adoptes/registre.json")
    assert response["Content-Type"] == "application/json"
    assert "etalab" in response["Link"] and 'rel="license"' in response["Link"]
    data = json.loads(response.content)
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert data["licence"]["id"] == "etalab-2.0"
    assert data["count"] == 2
    first = next(s for s in data["schemes"] if s["id"] == registry.pk)
    assert first["organisation"]["siren"] == registry.organisation.siren
    assert first["targets"] == {"environmental": 100, "social": 30, "esus": 5}
    assert first["period"] == {"start": 2025, "end": 2027}
    assert first["document_url"] == "http://testserver" + registry.get_document_url()
    assert "Schéma retiré" not in response.content.decode()
    assert "published_by" not in json.dumps(data)
    assert registry.published_by.email not in response.content.decode()


def test_the_schema_refuses_what_the_export_must_never_hold(client, registry):
    data = json.loads(client.get("/spaser-adoptes/registre.json").content)
    for broken in (
        {**data, "licence": {**data["licence"], "id": "cc-by"}},
        {**data, "schemes": [{**data["schemes"][0], "obligation": "peut-être"}]},
        {
            **data,
            "schemes": [
                {**data["schemes"][0], "targets": {"environmental": 120, "social": 0, "esus": 0}}
            ],
        },
        {**data, "schemes": [{**data["schemes"][0], "published_by": "maya@exemple.fr"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_the_schema_is_served_as_shipped(client, db):
    response = client.get("/spaser-adoptes/registre.schema.json")
    assert json.loads(response.content) == SCHEMA


def test_the_csv_export_is_inert_and_states_its_licence(client, registry):
    response = client.get("/spaser-adoptes/registre.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="spaser-adoptes.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2
    assert {row["licence"] for row in rows} == {"etalab-2.0"}
    hostile = next(row for row in rows if row["adoption"] == "volontaire")
    assert hostile["titre"] == '\'=HYPERLINK("http://evil.example")'
    assert hostile["deliberation"] == "'@SUM(1+1)"
    assert hostile["cible_environnement_pct"] == ""
    published = next(row for row in rows if row["identifiant"] == str(registry.pk))
    assert published["cible_social_pct"] == "30"
    assert published["region"] == "Pays de la Loire"
    assert "Schéma retiré" not in text


def test_atom_and_rss_feeds_list_the_public_schemes(client, registry):
    atom = ElementTree.fromstring(client.get("/spaser-adoptes/flux.atom").content)
    entries = atom.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert f"Métropole d'Exemple-sur-Mer — {registry.title}" in titles
    assert not any("Schéma retiré" in title for title in titles)
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert "http://testserver" + registry.get_absolute_url() in links
    rss = ElementTree.fromstring(client.get("/spaser-adoptes/flux.rss").content)
    items = rss.findall("channel/item")
    assert len(items) == 2
    assert "Délibération n° 2024-211" in "".join(item.find("description").text for item in items)


def test_the_listing_links_the_feeds_and_exports(client, registry):
    text = client.get("/spaser-adoptes/").content.decode()
    for url in (
        "/spaser-adoptes/registre.csv",
        "/spaser-adoptes/registre.json",
        "/spaser-adoptes/flux.atom",
        "/spaser-adoptes/flux.rss",
        "/spaser-adoptes/registre.schema.json",
        "etalab-2.0",
    ):
        assert url in text
