"""The public registry: filters (organisation type, région, year of adoption, obliged or
voluntary), pagination, the page of a scheme, and a number of queries that does not grow with
the registry."""

import html
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registre.models import AdoptedScheme
from tests.factories import CollectiviteTypeFactory, OrganisationFactory
from tests.registre.conftest import make_entry

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get("/spaser-adoptes/", params)
    assert response.status_code == 200
    return [entry.title for entry in response.context["entries"]]


@pytest.fixture
def registry(organisation, other_organisation):
    departement = OrganisationFactory(
        name="Département du Levant",
        kind=CollectiviteTypeFactory(name="Département"),
        region="PAC",
    )
    make_entry(organisation, title="SPASER métropolitain", adopted_on=date(2024, 12, 12))
    make_entry(
        other_organisation,
        title="SPASER communal",
        adopted_on=date(2023, 5, 2),
        obligation=AdoptedScheme.Obligation.VOLUNTARY,
        period_start=2023,
        period_end=2025,
    )
    make_entry(departement, title="SPASER départemental", adopted_on=date(2025, 3, 3))
    return organisation, other_organisation, departement


def test_every_published_scheme_is_listed_newest_first(client, registry):
    assert titles(client) == ["SPASER départemental", "SPASER métropolitain", "SPASER communal"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"type": "commune"}, ["SPASER communal"]),
        ({"type": "metropole"}, ["SPASER métropolitain"]),
        ({"region": "PAC"}, ["SPASER départemental"]),
        ({"annee": "2023"}, ["SPASER communal"]),
        ({"obligation": "volontaire"}, ["SPASER communal"]),
        ({"obligation": "oblige", "region": "PDL"}, ["SPASER métropolitain"]),
        ({"annee": "2022"}, []),
    ],
)
def test_filters(client, registry, params, expected):
    assert titles(client, **params) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"annee": "٢٠٢٣"},
        {"annee": "2023 "},
        {"annee": "99999999999999999999"},
        {"region": "XX"},
        {"type": "inconnu"},
        {"obligation": "'; DROP TABLE"},
        {"page": "²"},
        {"page": "999"},
    ],
)
def test_unknown_filter_values_are_ignored_not_a_500(client, registry, params):
    assert len(titles(client, **params)) == 3


def test_the_filters_show_what_is_chosen_and_can_be_reset(client, registry):
    text = html.unescape(client.get("/spaser-adoptes/", {"annee": "2023"}).content.decode())
    assert '<option value="2023" selected>2023</option>' in text
    assert "Réinitialiser les filtres" in text
    assert "1 schéma" in text


def test_pagination(client, organisation):
    for year in range(2015, 2040, 1):
        make_entry(
            organisation,
            title=f"Schéma {year}",
            period_start=year,
            period_end=year,
            adopted_on=date(2015, 1, 1),
        )
    first = client.get("/spaser-adoptes/")
    assert len(first.context["entries"]) == 20
    assert first.context["page_obj"].paginator.num_pages == 2
    second = client.get("/spaser-adoptes/", {"page": "2"})
    assert len(second.context["entries"]) == 5
    assert "?page=2" in first.content.decode()


def test_an_empty_registry_says_so(client, db):
    assert "Aucun schéma n'est encore publié." in client.get("/spaser-adoptes/").content.decode()


def test_the_scheme_page_links_the_document_and_the_organisations_site(client, entry):
    text = html.unescape(client.get(entry.get_absolute_url()).content.decode())
    assert entry.get_document_url() in text
    assert 'href="https://www.exemple-sur-mer.fr/spaser" target="_blank" rel="noopener"' in text
    assert "Métropole d'Exemple-sur-Mer (Métropole, Pays de la Loire)" in text
    assert "de l'obligation (art. L2111-3 du code de la commande publique)" in text
    assert f"/spaser-adoptes/{entry.pk}/modifier/" not in text  # an anonymous visitor


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(queries)


def _grow(n):
    for i in range(n):
        kind = CollectiviteTypeFactory(name=f"Type {i}")
        organisation = OrganisationFactory(kind=kind, region="BRE")
        make_entry(organisation, title=f"Schéma n° {i}")


@pytest.mark.parametrize("who", ["anonymous", "verified", "curator"])
@pytest.mark.parametrize(
    "url",
    [
        "/spaser-adoptes/",
        "/spaser-adoptes/?region=BRE&obligation=oblige",
        "/spaser-adoptes/{pk}/",
        "/spaser-adoptes/registre.csv",
        "/spaser-adoptes/registre.json",
        "/spaser-adoptes/flux.atom",
    ],
)
def test_query_count_does_not_grow(client, settings, entry, org_member, curator, who, url):
    settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_MEMBER_SECONDS = 0  # renders are counted
    if who != "anonymous":
        client.force_login(org_member if who == "verified" else curator)
    url = url.format(pk=entry.pk)
    _grow(2)
    client.get(url)  # first view of a session: settings rows, CSRF cookie…
    small = _count(client, url)
    _grow(12)
    client.get(url)  # the first view after a write reads the header and footer again, once
    large = _count(client, url)
    assert large <= small, (url, small, large)
    assert large <= 20, (url, large)
