import pytest
from allauth.account.models import EmailAddress

from promotions.models import Membership
from redaction.services import start_draft
from tests.factories import (
    AdminFactory,
    CollectiviteTypeFactory,
    FamilleAchatFactory,
    OrganisationFactory,
    UserFactory,
    verified_member,
)
from tests.promotions.factories import MembershipFactory, PromotionFactory
from tests.ressources.factories import clause, clause_index


def member_of(organisation, **kwargs):
    return verified_member(UserFactory(**kwargs), organisation)


@pytest.fixture
def organisation(db):
    kind = CollectiviteTypeFactory(name="Métropole")
    return OrganisationFactory(name="Métropole d'Exemple-sur-Mer", kind=kind)


@pytest.fixture
def org_member(organisation):
    return member_of(organisation)


@pytest.fixture
def other_member(db):
    return member_of(OrganisationFactory(name="Commune voisine"))


@pytest.fixture
def pending_member(organisation):
    """Says they belong to the organisation, but their address is not verified."""
    user = member_of(organisation)
    EmailAddress.objects.filter(user=user).update(verified=False)
    return user


@pytest.fixture
def staff(db):
    return AdminFactory()


@pytest.fixture
def promotion(org_member):
    promotion = PromotionFactory()
    MembershipFactory(promotion=promotion, user=org_member)
    return promotion


@pytest.fixture
def mentor(promotion):
    user = UserFactory(first_name="Dominique", last_name="Mentor")
    MembershipFactory(promotion=promotion, user=user, role=Membership.Role.MENTOR)
    return user


@pytest.fixture
def draft(organisation, org_member):
    return start_draft(organisation, 2026, 2028, org_member)


@pytest.fixture
def batiment(db):
    return FamilleAchatFactory(name="Bâtiment")


@pytest.fixture
def clauses(home_page, batiment):
    index = clause_index(home_page)
    insertion = clause(
        index,
        title="Clause d'insertion par les heures travaillées",
        clause_type="sociale",
        familles=[batiment],
        clause_text="Le titulaire réserve 7 % des heures travaillées à des personnes en insertion.",
    )
    dechets = clause(
        index,
        title="Valorisation des déchets de chantier",
        clause_type="environnementale",
        familles=[batiment],
        clause_text="Le titulaire valorise au moins 70 % des déchets de chantier non dangereux.",
    )
    return insertion, dechets
