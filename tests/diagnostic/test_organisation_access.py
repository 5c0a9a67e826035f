"""An organisation's assessments belong to its verified members (and staff): the permission
matrix of every organisation URL, and the reproduction of issue 12 (a claimed SIREN)."""

import html
from decimal import Decimal

import pytest
from django.utils.html import strip_tags

from diagnostic.models import Assessment
from diagnostic.scoring import Answers
from portal.models import OrganisationMembership
from tests.factories import (
    AdminFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    verified_member,
)
from tests.questionnaire import amp_answers, fill_questionnaire

pytestmark = pytest.mark.django_db

TARGET_NAME = "Métropole Cible-du-Test"
SECRET_AUTHOR = ("Hortense", "Confidentielle")
SECRET_SPENDING = "987654321"

ROLES = [
    "anonymous",
    "no_organisation",
    "pending",
    "other_verified",
    "verified",
    "referent",
    "staff",
]


@pytest.fixture
def target(metropole_type):
    organisation = OrganisationFactory(name=TARGET_NAME, kind=metropole_type)
    author = verified_member(
        UserFactory(first_name=SECRET_AUTHOR[0], last_name=SECRET_AUTHOR[1]), organisation
    )
    assessment = Assessment(organisation=organisation, created_by=author)
    assessment.fill_from(Answers.from_dict(amp_answers(year=2024, spending=SECRET_SPENDING)))
    assessment.save()
    return organisation, assessment


def log_in_as(client, role, organisation):
    if role == "anonymous":
        return None
    if role == "no_organisation":
        user = UserFactory()
    elif role == "pending":
        user = MembershipFactory(organisation=organisation).user
    elif role == "other_verified":
        user = verified_member(organisation=OrganisationFactory(name="Autre Collectivité"))
    elif role == "verified":
        user = verified_member(organisation=organisation)
    elif role == "referent":
        user = verified_member(organisation=organisation, referent=True)
    else:
        user = AdminFactory()
    client.force_login(user)
    return user


# url builder, expected status per role (in ROLES order); 302 = sent to the login page
MATRIX = {
    "history": (
        lambda o, a: "/diagnostic/historique/",
        [302, 403, 403, 200, 200, 200, 403],
    ),
    "history_of": (
        lambda o, a: f"/diagnostic/historique/?organisation={o.pk}",
        [302, 404, 404, 404, 200, 200, 200],
    ),
    "detail": (
        lambda o, a: f"/diagnostic/evaluations/{a.pk}/",
        [302, 404, 404, 404, 200, 200, 200],
    ),
    "pdf": (
        lambda o, a: f"/diagnostic/evaluations/{a.pk}/export.pdf",
        [302, 404, 404, 404, 200, 200, 200],
    ),
    "csv": (
        lambda o, a: f"/diagnostic/evaluations/{a.pk}/export.csv",
        [302, 404, 404, 404, 200, 200, 200],
    ),
    "decp_import": (lambda o, a: "/diagnostic/import-decp/", [302, 200, 200, 200, 200, 200, 200]),
    "members": (
        lambda o, a: f"/compte/organisations/{o.pk}/membres/",
        [302, 404, 404, 404, 404, 200, 200],
    ),
    "requests": (
        lambda o, a: "/compte/organisations/demandes/",
        [302, 404, 404, 404, 404, 404, 200],
    ),
}


def _text(body):
    return strip_tags(body) if body.lstrip().startswith("<") else body


def _body(response):
    if response["Content-Type"].startswith("application/pdf"):
        return response.content.decode("latin-1")
    return html.unescape(response.content.decode("utf-8-sig"))


@pytest.mark.parametrize("page", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, home_page, target, role, page):
    organisation, assessment = target
    url_for, expected = MATRIX[page]
    log_in_as(client, role, organisation)
    response = client.get(url_for(organisation, assessment))
    status = expected[ROLES.index(role)]
    assert response.status_code == status, (role, page, response.status_code)
    if status == 302:
        assert "/comptes/login/" in response["Location"]
    if role in ("anonymous", "no_organisation", "pending", "other_verified"):
        body = _body(response)
        # a pending member sees the name of the organisation they asked to join, nothing more
        assert role == "pending" or TARGET_NAME not in body
        assert SECRET_AUTHOR[1] not in body
        # the spending, however formatted, in what the page shows (not in a random CSRF token)
        assert "987" not in _text(body).replace(" ", "").replace("\u202f", "")


@pytest.mark.parametrize("role", ROLES)
def test_saving_for_an_organisation(client, home_page, target, role):
    organisation, assessment = target
    log_in_as(client, role, organisation)
    if role != "anonymous":
        fill_questionnaire(client)
    response = client.post("/diagnostic/enregistrer/", {"organisation": organisation.pk})
    expected = {"anonymous": 302, "verified": 302, "referent": 302}.get(role, 403)
    assert response.status_code == expected
    versions = Assessment.objects.filter(organisation=organisation, year=2024)
    if role in ("verified", "referent"):
        assert versions.count() == 2
        assert response["Location"] == f"/diagnostic/evaluations/{versions.last().pk}/"
    else:
        assert versions.count() == 1
        if role not in ("anonymous", "pending"):
            assert TARGET_NAME not in _body(response)
    # the first version is never touched
    assessment.refresh_from_db()
    assert assessment.spending == Decimal(SECRET_SPENDING) and assessment.version == 1


def test_claimed_siren_opens_nothing(client, home_page, target, metropole_type):
    """Reproduction 1: a member sets another organisation's SIREN in their profile."""
    organisation, assessment = target
    intruder = UserFactory(email="membre@gironde.fr")
    client.force_login(intruder)
    response = client.post(
        "/compte/profil/",
        {"first_name": "Thomas", "last_name": "Dupuy", "siren": organisation.siren},
    )
    assert response.status_code == 302
    membership = OrganisationMembership.objects.get(user=intruder)
    assert membership.status == OrganisationMembership.REQUESTED
    profile_page = html.unescape(client.get("/compte/profil/").content.decode())
    assert "demande en attente" in profile_page
    assert client.get("/diagnostic/historique/").status_code == 403
    for suffix in ("", "export.csv", "export.pdf"):
        assert client.get(f"/diagnostic/evaluations/{assessment.pk}/{suffix}").status_code == 404
    fill_questionnaire(client)
    assert client.post("/diagnostic/enregistrer/").status_code == 403
    assert (
        client.post("/diagnostic/enregistrer/", {"organisation": organisation.pk}).status_code
        == 403
    )
    assessment.refresh_from_db()
    assert assessment.created_by.last_name == SECRET_AUTHOR[1]
    assert Assessment.objects.count() == 1


def test_unknown_siren_does_not_name_an_organisation(client, home_page, metropole_type):
    """Reproduction 1 (end): claiming an unknown SIREN first creates a pending organisation
    that staff validate; it is named nowhere and nobody is its member meanwhile."""
    member = UserFactory()
    client.force_login(member)
    response = client.post(
        "/compte/profil/",
        {
            "first_name": "A",
            "last_name": "B",
            "siren": "200054807",
            "organisation_name": "Métropole Usurpée",
            "organisation_kind": metropole_type.pk,
            "region": "PAC",
        },
    )
    assert response.status_code == 302
    membership = OrganisationMembership.objects.get(user=member)
    assert not membership.organisation.validated
    assert membership.status == OrganisationMembership.REQUESTED
    page = html.unescape(client.get("/compte/profil/").content.decode())
    assert "Métropole Usurpée" not in page and "en cours de validation" in page
    assert client.get("/diagnostic/historique/").status_code == 403
    assert client.get("/annuaire/").content.decode().count("Usurpée") == 0


def test_saving_again_keeps_every_version(org_client, org_member, organisation, home_page):
    """Reproduction 1: saving overwrote the year's assessment; now each save is a version."""
    fill_questionnaire(org_client)
    org_client.post("/diagnostic/enregistrer/")
    fill_questionnaire(org_client, indicateurs={"env_share": "60"})
    page = html.unescape(org_client.get("/diagnostic/resultat/").content.decode())
    assert "la version précédente restera consultable" in page
    org_client.post("/diagnostic/enregistrer/")
    first, second = Assessment.objects.order_by("version")
    assert (first.version, first.env_share) == (1, Decimal("50"))
    assert (second.version, second.env_share) == (2, Decimal("60"))
    assert second.created_by == org_member
    history = html.unescape(org_client.get("/diagnostic/historique/").content.decode())
    assert f"/diagnostic/evaluations/{first.pk}/" in history
    assert f"/diagnostic/evaluations/{second.pk}/" in history
    assert org_member.last_name in history
    detail = html.unescape(org_client.get(f"/diagnostic/evaluations/{second.pk}/").content.decode())
    assert "Version 2" in detail and f"/diagnostic/evaluations/{first.pk}/" in detail
    assert org_client.get(f"/diagnostic/evaluations/{first.pk}/").status_code == 200
    assert list(Assessment.objects.latest_versions()) == [second]
