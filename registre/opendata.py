"""The registry as open data: CSV and JSON exports of every published entry, under the licence
Etalab 2.0 (Licence Ouverte), stated in each file. `registre/schema/registre.schema.json`
describes the JSON export; a test validates the export against it.

Only public entries leave the server (AdoptedScheme.objects.public()); who published an entry is
not exported. Every text cell of the CSV is neutralised (portal.csv_safe).
"""

import io
import json

from django.utils import timezone

from portal.csv_safe import SafeWriter
from portal.models import REGIONS
from portal.public_url import absolute_url

from .models import AdoptedScheme

LICENCE = {
    "id": "etalab-2.0",
    "name": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
SCHEMA_PATH = "registre/schema/registre.schema.json"
REGION_LABELS = dict(REGIONS)

CSV_COLUMNS = [
    "identifiant",
    "titre",
    "organisation",
    "siren",
    "type_organisation",
    "code_region",
    "region",
    "date_adoption",
    "deliberation",
    "annee_debut",
    "annee_fin",
    "adoption",
    "cible_environnement_pct",
    "cible_social_pct",
    "cible_esus_pct",
    "adresse_site_organisation",
    "adresse_document",
    "adresse_fiche",
    "publie_le",
    "mis_a_jour_le",
    "licence",
]


def entries():
    return (
        AdoptedScheme.objects.public()
        .select_related("organisation", "organisation__kind")
        .order_by("-adopted_on", "-pk")
    )


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def record(entry):
    organisation = entry.organisation
    return {
        "id": entry.pk,
        "title": entry.title,
        "organisation": {
            "name": organisation.name,
            "siren": organisation.siren,
            "type": organisation.kind.name,
            "region_code": organisation.region,
            "region": REGION_LABELS.get(organisation.region, ""),
        },
        "adopted_on": entry.adopted_on.isoformat(),
        "deliberation": entry.deliberation,
        "period": {"start": entry.period_start, "end": entry.period_end},
        "obligation": entry.obligation,
        "targets": {
            "environmental": _number(entry.env_target),
            "social": _number(entry.social_target),
            "esus": _number(entry.esus_target),
        },
        "website_url": entry.website_url,
        "document_url": absolute_url(entry.get_document_url()),
        "document_format": entry.extension.lower(),
        "url": absolute_url(entry.get_absolute_url()),
        "published_at": entry.published_at.isoformat(timespec="seconds"),
        "updated_at": entry.updated_at.isoformat(timespec="seconds"),
    }


def as_json():
    records = [record(entry) for entry in entries()]
    document = {
        "title": "Registre des SPASER adoptés — Entraide SPASER",
        "description": (
            "Schémas de promotion des achats socialement et écologiquement responsables "
            "(art. L2111-3 du code de la commande publique) adoptés et publiés par les "
            "acheteurs publics."
        ),
        "licence": LICENCE,
        "source": absolute_url("/spaser-adoptes/"),
        "schema": absolute_url("/spaser-adoptes/registre.schema.json"),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "count": len(records),
        "schemes": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_csv():
    stream = io.StringIO()
    writer = SafeWriter(stream)
    writer.writerow(CSV_COLUMNS)
    for entry in entries():
        data = record(entry)
        targets = data["targets"]
        writer.writerow(
            [
                data["id"],
                data["title"],
                data["organisation"]["name"],
                data["organisation"]["siren"],
                data["organisation"]["type"],
                data["organisation"]["region_code"],
                data["organisation"]["region"],
                data["adopted_on"],
                data["deliberation"],
                data["period"]["start"],
                data["period"]["end"],
                data["obligation"],
                _csv_number(targets["environmental"]),
                _csv_number(targets["social"]),
                _csv_number(targets["esus"]),
                data["website_url"],
                data["document_url"],
                data["url"],
                data["published_at"],
                data["updated_at"],
                LICENCE["id"],
            ]
        )
    return stream.getvalue()


def _csv_number(value):
    """French spreadsheets read « 12,5 »."""
    return "" if value is None else str(value).replace(".", ",")
