"""« Trouver un facilitateur »: a postcode or a département gives its facilitators and networks;
bad input is answered in French and kept in the field."""

import html

import pytest
from django.urls import reverse
from haystack import connections
from haystack.query import SearchQuerySet

from territoires.models import Facilitator
from tests.factories import OrganisationFactory, verified_member

from . import factories

pytestmark = pytest.mark.django_db

URL = "/trouver-un-facilitateur/"


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.fixture
def directory(home_page):
    return {
        "rennes": factories.facilitator("35", name="Gwenaëlle Le Roux"),
        "brest": factories.facilitator("22, 29, 56", name="Yannick Kerbrat"),
        "corse_sud": factories.facilitator("2A", name="Ajaccio Facilitation"),
        "haute_corse": factories.facilitator("2B", name="Bastia Facilitation"),
        "reunion": factories.facilitator("974", name="Facilitation Réunion"),
        "bretagne": factories.network("22, 29, 35, 56", name="Réseau breton"),
    }


def test_the_url_is_named():
    assert reverse("territoires:finder") == URL


def test_a_postcode_gives_its_departements_facilitator(client, directory):
    content = page(client, code="35000")
    assert "Code postal 35000 : département 35 — Ille-et-Vilaine" in content
    assert "Gwenaëlle Le Roux" in content and "Réseau breton" in content
    assert "Yannick Kerbrat" not in content  # 22, 29, 56: not 35
    assert "Ajaccio Facilitation" not in content


def test_a_departement_code_works_too(client, directory):
    content = page(client, code="29")
    assert "Département 29 — Finistère" in content
    assert "Yannick Kerbrat" in content and "Gwenaëlle Le Roux" not in content


@pytest.mark.parametrize(
    "code,found,not_found",
    [
        ("20000", "Ajaccio Facilitation", "Bastia Facilitation"),
        ("20190", "Ajaccio Facilitation", "Bastia Facilitation"),
        ("20200", "Bastia Facilitation", "Ajaccio Facilitation"),
        ("2b", "Bastia Facilitation", "Ajaccio Facilitation"),
        ("97400", "Facilitation Réunion", "Gwenaëlle Le Roux"),
    ],
)
def test_corsica_and_overseas(client, directory, code, found, not_found):
    content = page(client, code=code)
    assert found in content and not_found not in content


def test_a_code_inside_another_is_not_a_match(client, home_page):
    """« 974 » holds « 97 » and « 4 »; « 2A » holds « 2 »: only whole codes count."""
    factories.facilitator("974", name="Facilitation Réunion")
    factories.facilitator("44", name="Facilitation Nantes")
    content = page(client, code="04")
    assert "Facilitation Réunion" not in content and "Facilitation Nantes" not in content
    assert "Aucun facilitateur n'est encore référencé pour ce département." in content


@pytest.mark.parametrize(
    "typed,message",
    [
        (
            "3500",
            "« 3500 » n'est ni un code postal (5 chiffres, par exemple 35000) ni un département",
        ),
        ("35 000", "« 35 000 » n'est ni un code postal"),
        ("٣٥٠٠٠", "« ٣٥٠٠٠ » n'est ni un code postal"),
        ("abc", "« abc » n'est ni un code postal"),
        ("20", "« 20 » n'est ni un code postal"),
        ("96000", "Le code postal 96000 n'existe pas."),
        ("20400", "Le code postal 20400 n'est celui d'aucune commune de Corse"),
        (
            "97500",
            "Le code postal 97500 est celui de Saint-Pierre-et-Miquelon, qui n'est pas un département",
        ),
        ("x" * 41, "Un code postal a 5 chiffres, un département 2 ou 3 caractères."),
        ("", "Indiquez un code postal ou un numéro de département."),
    ],
)
def test_bad_input_is_answered_in_french_and_kept(client, directory, typed, message):
    content = page(client, code=typed)
    assert message in content
    assert 'aria-invalid="true"' in content
    if typed:
        assert f'value="{typed}"' in content
    assert "Gwenaëlle Le Roux" not in content


def test_the_empty_page_offers_the_form_without_error(client, home_page):
    content = page(client)
    assert "Code postal ou département" in content and "fr-error-text" not in content


def test_a_member_gets_a_link_to_their_organisations_departement(client, home_page):
    organisation = OrganisationFactory(name="Rennes Métropole", region="BRE", departement="35")
    client.force_login(verified_member(organisation=organisation))
    assert "Voir ceux du département de Rennes Métropole (35)" in page(client)


def test_query_count_does_not_grow_with_the_directory(
    client, home_page, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_MEMBER_SECONDS = 0
    factories.facilitator("35")
    client.get(URL, {"code": "35000"})  # warm the per-process caches
    with django_assert_max_num_queries(6) as few:
        client.get(URL, {"code": "35000"})
    few = len(few)
    for _ in range(25):
        factories.facilitator("35")
        factories.network("35")
    client.get(URL, {"code": "35000"})
    with django_assert_max_num_queries(few):
        assert "Facilitatrice n°" in page(client, code="35000")


def test_the_site_search_finds_the_directory_and_follows_it(client, home_page):
    connections["default"].get_backend().clear()
    facilitator = factories.facilitator("29", name="Yannick Kerbrat", structure="Atelier Ouest")
    content = html.unescape(client.get("/recherche/", {"q": "Finistère"}).content.decode())
    assert "Yannick Kerbrat" in content
    assert "/trouver-un-facilitateur/?code=29" in content
    facilitator.departements = "56"
    facilitator.save()
    assert [r.title for r in SearchQuerySet().models(Facilitator).auto_query("Morbihan")] == [
        "Yannick Kerbrat"
    ]
    assert not SearchQuerySet().models(Facilitator).auto_query("Finistère").count()
    facilitator.delete()
    assert not SearchQuerySet().models(Facilitator).count()
