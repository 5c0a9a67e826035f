"""The search index follows the documents and what their text reads (portal.content_events)."""

import pytest
from django.test import override_settings

from partage.models import Audience
from tests.factories import FamilleAchatFactory
from tests.partage.conftest import make_document

pytestmark = pytest.mark.django_db


def found(client, query):
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get("/recherche/", {"q": query})
    return [result.title for result in response.context["results"]]


def test_the_index_follows_the_organisation_and_the_families(client, organisation):
    document = make_document(organisation, title="Guide des achats de denrées")
    assert found(client, "Exemple-sur-Mer") == [document.title]
    organisation.name = "Métropole des Calanques"
    organisation.save()
    assert found(client, "Calanques") == [document.title]
    famille = FamilleAchatFactory(name="Restauration collective")
    document.familles.add(famille)
    assert found(client, "restauration collective") == [document.title]


def test_the_kind_facet_names_shared_documents(client, organisation):
    make_document(organisation, title="Guide des achats de denrées")
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get("/recherche/", {"q": "denrées"})
    facets = {facet["value"]: facet["label"] for facet in response.context["kind_facets"]}
    assert facets == {"document": "Document partagé"}


def test_counts_and_facets_never_count_reserved_documents_for_a_visitor(client, organisation):
    make_document(organisation, title="Cahier réservé des denrées", audience=Audience.RESERVED)
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get("/recherche/", {"q": "denrées"})
    assert response.context["total"] == 0
    assert response.context["kind_facets"] == []
