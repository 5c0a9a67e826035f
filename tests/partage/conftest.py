import pytest
from django.core.files.base import ContentFile

from partage.models import Audience, Kind, Reliability, SharedDocument, Status
from partage.pdf import simple_pdf
from tests.factories import (
    CollectiviteTypeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    verified_member,
)


def pdf_file(name="document.pdf", title="Document"):
    return ContentFile(simple_pdf(title, ["Texte du document."]), name=name)


def make_document(organisation, contributor=None, **fields):
    """A shared document saved as the services leave it (published by default)."""
    status = fields.pop("status", Status.PUBLISHED)
    themes = fields.pop("themes", ())
    familles = fields.pop("familles", ())
    types = fields.pop("types", ())
    defaults = {
        "title": "Délibération d'adoption du SPASER",
        "summary": "Le texte voté en conseil, avec ses objectifs chiffrés.",
        "kind": Kind.DELIBERATION,
        "audience": Audience.PUBLIC,
        "reliability": Reliability.SHARED if status == Status.PUBLISHED else "",
    }
    defaults.update(fields)
    document = SharedDocument(
        organisation=organisation, contributor=contributor, status=status, **defaults
    )
    if status == Status.PUBLISHED:
        from django.utils import timezone

        document.published_at = document.decided_at = timezone.now()
    document.file.save("document.pdf", pdf_file(title=document.title), save=False)
    document.save()
    document.themes.set(themes)
    document.familles.set(familles)
    document.collectivite_types.set(types)
    return document


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Métropole d'Exemple-sur-Mer", kind=CollectiviteTypeFactory(name="Métropole")
    )


@pytest.fixture
def contributor(organisation):
    return verified_member(UserFactory(first_name="Maya", last_name="Ribault"), organisation)


@pytest.fixture
def buyer(db):
    """A verified member of another organisation."""
    return verified_member(organisation=OrganisationFactory(name="Commune voisine"))


@pytest.fixture
def plain_member(db):
    return UserFactory()


@pytest.fixture
def pending_member(organisation):
    """Asked to join the organisation; nobody has verified the request yet."""
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def users(contributor, buyer, plain_member, pending_member, curator, staff, superuser):
    return {
        "anonymous": None,
        "member": plain_member,
        "pending": pending_member,
        "verified": buyer,
        "owner": contributor,
        "curator": curator,
        "staff": staff,
        "superuser": superuser,
    }


@pytest.fixture
def public_document(organisation, contributor):
    return make_document(
        organisation, contributor, title="Clause d'insertion pour la propreté urbaine"
    )


@pytest.fixture
def reserved_document(organisation, contributor):
    return make_document(
        organisation,
        contributor,
        title="Cahier des charges confidentiel girafe",
        audience=Audience.RESERVED,
        reliability=Reliability.REVIEWED,
        kind=Kind.SPECIFICATION,
    )


@pytest.fixture
def pending_document(organisation, contributor):
    return make_document(
        organisation, contributor, title="Guide en relecture", status=Status.PENDING
    )
