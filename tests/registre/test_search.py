"""Published schemes in the site search, following the data through the derived-state mechanism
(portal.content_events): published, edited, withdrawn, unpublished, organisation renamed or
invalidated; results re-checked against the visitor."""

import json

import pytest
from django.db import connection
from haystack import connections

from registre import services
from tests.registre.conftest import make_entry

pytestmark = pytest.mark.django_db


def indexed():
    return connections["default"].get_backend().indexed_documents("registre.adoptedscheme")


def search_titles(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


def autocomplete_titles(client, query):
    response = client.get("/recherche/autocomplete/", {"q": query})
    return [result["title"] for result in json.loads(response.content)["results"]]


def test_a_published_scheme_is_found_with_its_kind(client, entry):
    title = "Schéma des achats responsables 2025-2027 — Métropole d'Exemple-sur-Mer"
    assert search_titles(client, "insertion réemploi") == [title]
    assert search_titles(client, "Exemple", kind="registre") == [title]
    response = client.get("/recherche/", {"q": "Exemple"})
    assert "SPASER adopté" in response.content.decode()
    assert response.context["results"][0].url == entry.get_absolute_url()
    assert autocomplete_titles(client, "Schéma des achats") == [title]


def test_an_edit_reaches_the_index(client, entry, org_member):
    services.update(entry, {"summary": "Restauration collective biologique."}, None, org_member)
    assert len(search_titles(client, "biologique")) == 1
    assert search_titles(client, "réemploi") == []


@pytest.mark.parametrize("how", ["withdraw", "unpublish"])
def test_a_scheme_out_of_the_registry_leaves_the_search_at_once(
    client, entry, org_member, curator, how
):
    client.get("/recherche/", {"q": "insertion"})  # a cached results page
    if how == "withdraw":
        services.withdraw(entry, org_member)
    else:
        services.unpublish(entry, curator, "Lien mort.")
    assert f"registre.adoptedscheme.{entry.pk}" not in indexed()
    assert search_titles(client, "insertion") == []
    assert autocomplete_titles(client, "Schéma des achats") == []


def test_the_organisations_name_and_validation_follow(client, entry, organisation):
    organisation.name = "Métropole du Grand Littoral"
    organisation.save()
    assert search_titles(client, "Littoral") == [
        "Schéma des achats responsables 2025-2027 — Métropole du Grand Littoral"
    ]
    organisation.validated = False
    organisation.save()
    assert f"registre.adoptedscheme.{entry.pk}" not in indexed()
    assert search_titles(client, "Littoral") == []


def test_a_bulk_update_reaches_the_index(client, entry, organisation):
    from registre.models import AdoptedScheme

    AdoptedScheme.objects.filter(pk=entry.pk).update(status="withdrawn")
    assert search_titles(client, "insertion") == []


def test_results_are_rechecked_when_the_index_is_behind(client, entry):
    """A write that bypassed the mechanism (raw SQL) never shows a withdrawn scheme."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registre_adoptedscheme SET status = 'withdrawn' WHERE id = %s", [entry.pk]
        )
    assert f"registre.adoptedscheme.{entry.pk}" in indexed()
    assert search_titles(client, "insertion") == []


def test_only_public_schemes_are_indexed(organisation, org_member):
    kept = make_entry(organisation, org_member)
    gone = make_entry(organisation, org_member, period_start=2019, period_end=2021)
    services.withdraw(gone, org_member)
    assert set(indexed()) == {f"registre.adoptedscheme.{kept.pk}"}
