import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registre import services
from registre.models import AdoptedScheme
from tests.factories import (
    CollectiviteTypeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    verified_member,
)
from tests.samples import pdf_bytes


@pytest.fixture(autouse=True)
def registre_root(settings, tmp_path):
    """Each test stores the schemes' documents in its own folder."""
    settings.REGISTRE_DOCUMENTS_ROOT = tmp_path / "registre"
    return settings.REGISTRE_DOCUMENTS_ROOT


@pytest.fixture
def organisation(db):
    kind = CollectiviteTypeFactory(name="Métropole")
    return OrganisationFactory(name="Métropole d'Exemple-sur-Mer", kind=kind, region="PDL")


@pytest.fixture
def other_organisation(db):
    kind = CollectiviteTypeFactory(name="Commune")
    return OrganisationFactory(name="Commune de Val-Voisin", kind=kind, region="BRE")


@pytest.fixture
def org_member(organisation):
    return verified_member(UserFactory(first_name="Maya", last_name="Ribault"), organisation)


@pytest.fixture
def other_member(other_organisation):
    return verified_member(UserFactory(), other_organisation)


@pytest.fixture
def pending_member(organisation):
    """Asked to join the organisation; nobody decided yet."""
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def users(member, pending_member, org_member, other_member, curator, staff, superuser):
    return {
        "member": member,
        "pending": pending_member,
        "verified": org_member,
        "other": other_member,
        "curator": curator,
        "staff": staff,
        "superuser": superuser,
    }


def pdf_upload(name="spaser.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def values(**overrides):
    from datetime import date
    from decimal import Decimal

    data = {
        "title": "Schéma des achats responsables 2025-2027",
        "summary": "Clauses d'insertion dans les marchés de travaux, réemploi du mobilier.",
        "adopted_on": date(2024, 12, 12),
        "deliberation": "Délibération n° 2024-211 du conseil métropolitain",
        "period_start": 2025,
        "period_end": 2027,
        "website_url": "https://www.exemple-sur-mer.fr/spaser",
        "obligation": AdoptedScheme.Obligation.OBLIGED,
        "env_target": Decimal("100"),
        "social_target": Decimal("30"),
        "esus_target": Decimal("5"),
    }
    data.update(overrides)
    return data


def make_entry(organisation, user=None, upload=None, **overrides):
    return services.publish(organisation, values(**overrides), upload or pdf_upload(), user)


@pytest.fixture
def entry(organisation, org_member):
    return make_entry(organisation, org_member)


def form_data(organisation=None, **overrides):
    """What the publication form posts, as a member types it."""
    data = {
        "title": "Schéma des achats responsables 2025-2027",
        "adopted_on": "12/12/2024",
        "deliberation": "Délibération n° 2024-211 du conseil métropolitain",
        "period_start": "2025",
        "period_end": "2027",
        "website_url": "https://www.exemple-sur-mer.fr/spaser",
        "obligation": "oblige",
        "env_target": "100",
        "social_target": "30 %",
        "esus_target": "5,5",
        "summary": "Clauses d'insertion dans les marchés de travaux.",
    }
    if organisation is not None:
        data["organisation"] = str(organisation.pk)
    data.update(overrides)
    return data
