"""The self-assessment's recommendations about social clauses point to the facilitators of the
organisation's département."""

import html

import pytest

from diagnostic.recommendations import CATALOGUE, SOCIAL_CLAUSE_KEYS
from tests.factories import CollectiviteTypeFactory, OrganisationFactory, verified_member
from tests.questionnaire import fill_questionnaire

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rennes(home_page):
    kind = CollectiviteTypeFactory(name="Métropole")
    return OrganisationFactory(name="Rennes Métropole", kind=kind, region="BRE", departement="35")


def result(client):
    # 14 % of contracts with a social consideration against a target of 30 %: social gaps.
    fill_questionnaire(client)
    response = client.get("/diagnostic/resultat/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_social_clause_recommendations_are_known():
    assert SOCIAL_CLAUSE_KEYS <= set(CATALOGUE)
    assert CATALOGUE["social_below_target"].about_social_clauses
    assert not CATALOGUE["env_below_target"].about_social_clauses


def test_a_verified_member_sees_their_departements_facilitators(client, rennes):
    factories.facilitator("35", name="Gwenaëlle Le Roux", email="g.leroux@clauses.example")
    factories.facilitator("29", name="Yannick Kerbrat")
    factories.network("35", name="Réseau breton")
    client.force_login(verified_member(organisation=rennes))
    content = result(client)
    assert "Facilitateurs des clauses sociales — Ille-et-Vilaine (35) :" in content
    assert "Gwenaëlle Le Roux" in content and "g.leroux@clauses.example" in content
    assert "Yannick Kerbrat" not in content
    assert "Trouver un facilitateur dans votre département (35)" in content
    assert "/trouver-un-facilitateur/?code=35" in content


def test_without_an_organisation_the_finder_is_offered(client, rennes):
    factories.facilitator("35", name="Gwenaëlle Le Roux")
    content = result(client)
    assert "Gwenaëlle Le Roux" not in content
    assert 'href="/trouver-un-facilitateur/"' in content


def test_an_organisation_departement_must_be_in_its_region(rennes):
    from django.core.exceptions import ValidationError

    rennes.departement = "13"
    with pytest.raises(ValidationError, match="n'est pas dans la région"):
        rennes.full_clean()
