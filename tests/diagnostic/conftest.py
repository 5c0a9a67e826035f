import pytest

from tests.factories import CollectiviteTypeFactory, OrganisationFactory, verified_member


@pytest.fixture
def metropole_type(db):
    return CollectiviteTypeFactory(name="Métropole")


@pytest.fixture
def organisation(metropole_type):
    return OrganisationFactory(name="Métropole d'Exemple-sur-Mer", kind=metropole_type)


@pytest.fixture
def org_member(organisation):
    return verified_member(organisation=organisation)


@pytest.fixture
def org_client(client, org_member):
    client.force_login(org_member)
    return client
