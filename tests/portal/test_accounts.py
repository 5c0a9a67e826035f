import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Organisation, OrganisationMembership, Profile
from tests.factories import PASSWORD, CollectiviteTypeFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_signup_verify_login_and_edit_profile(client, home_page):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "acheteuse@ville-exemple.fr",
            "first_name": "Inès",
            "last_name": "Moreau",
            "password1": "Achats-responsables-2026",
            "password2": "Achats-responsables-2026",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", mail.outbox[0].body
    ).group(1)

    # Before verification, login is refused (mandatory verification).
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "acheteuse@ville-exemple.fr", "password": "Achats-responsables-2026"},
    )
    assert "_auth_user_id" not in client.session

    response = client.get(link)
    assert response.status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "acheteuse@ville-exemple.fr", "password": "Achats-responsables-2026"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session

    kind = CollectiviteTypeFactory(name="Commune")
    response = client.post(
        reverse("portal:profile"),
        {
            "first_name": "Inès",
            "last_name": "Moreau",
            "job_title": "Responsable des achats",
            "siren": "215 901 836",
            "organisation_name": "Ville de Dunkerque",
            "organisation_kind": kind.pk,
            "region": "HDF",
            "in_directory": "on",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user__email="acheteuse@ville-exemple.fr")
    assert profile.job_title == "Responsable des achats"
    assert profile.in_directory
    # an unknown SIREN: a pending organisation for staff to validate, and a request
    assert profile.organisation is None
    membership = OrganisationMembership.objects.get(user=profile.user)
    assert membership.status == OrganisationMembership.REQUESTED
    assert membership.organisation.siren == "215901836"
    assert not membership.organisation.validated


def test_profile_joins_an_existing_organisation_by_siren(member_client, member):
    organisation = OrganisationFactory()
    response = member_client.post(
        reverse("portal:profile"),
        {"first_name": "Camille", "last_name": "Martin", "siren": organisation.siren},
    )
    assert response.status_code == 302
    member.profile.refresh_from_db()
    # a request only: the organisation declares no domain of the member's address
    assert member.profile.organisation is None
    assert OrganisationMembership.objects.get(user=member).status == "requested"
    assert Organisation.objects.count() == 1


def test_profile_joins_at_once_when_the_address_is_at_a_declared_domain(member_client, member):
    organisation = OrganisationFactory(email_domains="autre.fr\ncollectivite.fr")
    member_client.post(
        reverse("portal:profile"),
        {"first_name": "Camille", "last_name": "Martin", "siren": organisation.siren},
    )
    member.profile.refresh_from_db()
    assert member.profile.organisation == organisation
    assert OrganisationMembership.objects.get(user=member).status == "verified"


@pytest.mark.parametrize(
    ("siren", "message"),
    [
        ("12345", "Le SIREN doit comporter exactement 9 chiffres."),
        ("abcdefghi", "Le SIREN doit comporter exactement 9 chiffres."),
        ("200054808", "clé de contrôle incorrecte"),
    ],
)
def test_profile_rejects_bad_siren_with_a_french_message(member_client, siren, message):
    response = member_client.post(
        reverse("portal:profile"), {"first_name": "A", "last_name": "B", "siren": siren}
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_unknown_organisation_requires_its_details(member_client):
    response = member_client.post(
        reverse("portal:profile"), {"first_name": "A", "last_name": "B", "siren": "200054807"}
    )
    assert response.status_code == 200
    assert "Cette organisation n&#x27;est pas encore connue" in response.content.decode()
    assert not Organisation.objects.exists()


def test_profile_requires_login(client):
    response = client.get(reverse("portal:profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_login_failures_are_rate_limited_per_account(client, member):
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion échouées" in response.content.decode()


def test_login_failures_are_rate_limited_per_address(client, member):
    """Ten failures from one address, on ten accounts: the eleventh login is refused too."""
    for attempt in range(10):
        client.post(
            reverse("account_login"), {"login": f"x{attempt}@exemple.fr", "password": "wrong"}
        )
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives de connexion échouées" in response.content.decode()


def test_signups_are_rate_limited_with_a_french_page(client, home_page):
    for attempt in range(20):
        response = client.post(reverse("account_signup"), {"email": f"a{attempt}@exemple.fr"})
        assert response.status_code == 200  # the form, with its errors
    response = client.post(reverse("account_signup"), {"email": "encore@exemple.fr"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de tentatives" in html and "Patientez quelques minutes" in html
    assert "<html" in html and "Too Many Requests" not in html


def test_password_reset_sends_a_link(client, member):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/comptes/password/reset/key/" in mail.outbox[0].body


def test_directory_lists_only_visible_members(client, member):
    hidden = Profile.objects.exclude(user=member).first()
    assert hidden is None
    member.profile.in_directory = True
    member.profile.job_title = "Acheteur"
    member.profile.save()
    client.force_login(member)
    response = client.get(reverse("portal:directory"))
    assert response.status_code == 200
    assert "Acheteur" in response.content.decode()


def test_directory_is_for_members_only(client):
    response = client.get(reverse("portal:directory"))
    assert response.status_code == 302


def test_an_address_another_account_confirmed_cannot_be_added(client, member):
    """Issue 21, reproduction 7: the owner of the address got an email naming the other account."""
    from tests.factories import UserFactory

    intruder = UserFactory(username="intrus-42")
    client.force_login(intruder)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": member.email.upper()}
    )
    assert response.status_code == 200
    assert "Cette adresse est déjà confirmée par un autre compte" in response.content.decode()
    assert mail.outbox == []
    assert not intruder.emailaddress_set.filter(email__iexact=member.email).exists()


def test_a_free_address_can_still_be_added(client, member):
    client.force_login(member)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "autre@collectivite.fr"}
    )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["autre@collectivite.fr"]]
