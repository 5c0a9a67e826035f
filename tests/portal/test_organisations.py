"""Membership of an organisation: verified by the e-mail domain, or decided by a referent or
staff; every change logged and the requester told by e-mail (portal.organisations)."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from portal import organisations
from portal.models import MembershipEvent, Organisation, OrganisationMembership
from tests.factories import (
    AdminFactory,
    CollectiviteTypeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    verified_member,
)

pytestmark = pytest.mark.django_db


def sign_up(client, email):
    client.post(
        reverse("account_signup"),
        {
            "email": email,
            "first_name": "Nora",
            "last_name": "Belkacem",
            "password1": "Achats-responsables-2026",
            "password2": "Achats-responsables-2026",
        },
    )
    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    client.post(link.group(1))


def test_confirmed_address_at_a_declared_domain_is_verified_at_once(client, home_page):
    amp = OrganisationFactory(name="Métropole d'Exemple", email_domains="ampmetropole.fr")
    sign_up(client, "nora.belkacem@ampmetropole.fr")
    membership = OrganisationMembership.objects.get(user__email="nora.belkacem@ampmetropole.fr")
    assert membership.organisation == amp and membership.is_verified
    assert membership.user.profile.organisation == amp
    event = MembershipEvent.objects.get(action=MembershipEvent.AUTO_VERIFIED)
    assert event.member == membership.user and event.actor is None
    assert "Vous êtes membre de Métropole d'Exemple" in mail.outbox[-1].subject
    assert client.get("/diagnostic/historique/").status_code == 200


def test_a_webmail_address_waits_for_the_referent(client, home_page):
    organisation = OrganisationFactory(email_domains="ampmetropole.fr")
    referent = verified_member(organisation=organisation, referent=True)
    sign_up(client, "nora.belkacem@laposte.net")
    client.post(
        reverse("portal:profile"),
        {"first_name": "Nora", "last_name": "Belkacem", "siren": organisation.siren},
    )
    requester = OrganisationMembership.objects.get(user__email="nora.belkacem@laposte.net")
    assert requester.status == OrganisationMembership.REQUESTED
    assert mail.outbox[-1].to == [referent.email]
    assert f"/compte/organisations/{organisation.pk}/membres/" in mail.outbox[-1].body
    assert client.get("/diagnostic/historique/").status_code == 403

    client.force_login(referent)
    page = html.unescape(
        client.get(f"/compte/organisations/{organisation.pk}/membres/").content.decode()
    )
    assert "nora.belkacem@laposte.net" in page and "Accepter Nora Belkacem" in page
    response = client.post(
        f"/compte/organisations/{organisation.pk}/membres/",
        {"membership": requester.pk, "action": "approve"},
    )
    assert response.status_code == 302
    requester.refresh_from_db()
    assert requester.is_verified and requester.verified_by == referent
    assert mail.outbox[-1].to == ["nora.belkacem@laposte.net"]
    assert "Vous êtes membre de" in mail.outbox[-1].subject
    log = html.unescape(
        client.get(f"/compte/organisations/{organisation.pk}/membres/").content.decode()
    )
    assert "demande acceptée" in log and referent.last_name in log


def test_refusal_removal_and_naming_a_referent(client, home_page):
    organisation = OrganisationFactory()
    referent = verified_member(organisation=organisation, referent=True)
    request = MembershipFactory(organisation=organisation)
    member = OrganisationMembership.objects.get(
        user=verified_member(organisation=organisation), organisation=organisation
    )
    client.force_login(referent)
    url = f"/compte/organisations/{organisation.pk}/membres/"
    client.post(url, {"membership": request.pk, "action": "refuse"})
    request.refresh_from_db()
    assert request.status == OrganisationMembership.REFUSED
    assert "n'a pas été acceptée" in mail.outbox[-1].subject
    client.post(url, {"membership": member.pk, "action": "referent"})
    assert OrganisationMembership.objects.get(pk=member.pk).is_referent
    client.post(url, {"membership": member.pk, "action": "remove"})
    assert not OrganisationMembership.objects.filter(pk=member.pk).exists()
    assert member.user.profile.__class__.objects.get(user=member.user).organisation is None
    actions = list(
        MembershipEvent.objects.filter(organisation=organisation).values_list("action", flat=True)
    )
    assert {"refused", "referent_named", "removed"} <= set(actions)
    # a referent decides only for their own organisation
    other = MembershipFactory()
    response = client.post(url, {"membership": other.pk, "action": "approve"})
    assert response.status_code == 404
    assert client.get(f"/compte/organisations/{other.organisation.pk}/membres/").status_code == 404
    # a decided request cannot be decided again
    client.post(url, {"membership": request.pk, "action": "approve"})
    request.refresh_from_db()
    assert request.status == OrganisationMembership.REFUSED
    # bad input: a French message or a 404, never a 500
    assert client.post(url, {"membership": "abc", "action": "approve"}).status_code == 404
    response = client.post(url, {"membership": request.pk, "action": "pirater"}, follow=True)
    assert "Action inconnue" in response.content.decode()


def test_staff_validate_a_declared_organisation_then_decide(
    client, home_page, django_capture_on_commit_callbacks
):
    kind = CollectiviteTypeFactory(name="Commune")
    requester = UserFactory(email="agent@mairie-exemple.fr")
    membership = organisations.claim_siren(
        requester, "215901836", name="Nom Choisi", kind=kind, region="HDF"
    )
    organisation = membership.organisation
    assert not organisation.validated
    assert organisations.organisations_for(requester).count() == 0
    admin = AdminFactory()
    client.force_login(admin)
    page = html.unescape(client.get("/compte/organisations/demandes/").content.decode())
    assert "organisation à valider" in page and "Accepter" not in page
    organisation.name = "Ville Vérifiée"
    organisation.email_domains = "mairie-exemple.fr"
    organisation.validated = True
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    membership.refresh_from_db()
    # the requester's confirmed address is at the validated domain: verified and told
    assert membership.is_verified
    assert "Vous êtes membre de Ville Vérifiée" in mail.outbox[-1].subject


def test_staff_approve_from_their_queue(client, home_page):
    request = MembershipFactory()
    client.force_login(AdminFactory())
    response = client.post(
        "/compte/organisations/demandes/", {"membership": request.pk, "action": "approve"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.is_verified


def test_a_refused_request_is_not_overruled_by_the_domain(home_page):
    organisation = OrganisationFactory(email_domains="collectivite.fr")
    membership = MembershipFactory(organisation=organisation, status="refused")
    assert organisations.verify_by_domain(membership.user) == []
    membership.refresh_from_db()
    assert membership.status == "refused"


def test_deleting_a_pending_organisation_tells_its_requesters(home_page):
    organisation = OrganisationFactory(validated=False)
    membership = MembershipFactory(organisation=organisation)
    organisation.delete()
    assert mail.outbox[-1].to == [membership.user.email]
    assert "n'a pas été enregistrée" in mail.outbox[-1].subject


def test_leaving_an_organisation(client, home_page):
    user = verified_member()
    membership = OrganisationMembership.objects.get(user=user)
    client.force_login(user)
    response = client.post(f"/compte/organisations/quitter/{membership.pk}/")
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(user=user).exists()
    assert organisations.acting_organisation(user) is None


def test_declared_domains_are_checked(admin_client):
    organisation = OrganisationFactory()
    organisation.email_domains = "ampmetropole.fr\npas un domaine"
    with pytest.raises(Exception, match="Domaine non valide"):
        organisation.full_clean()
    organisation.email_domains = "AMPmetropole.fr, @ville.fr"
    organisation.full_clean()
    assert organisation.domains == ["ampmetropole.fr", "ville.fr"]
    assert Organisation.objects.count() == 1


def test_a_newly_declared_domain_verifies_pending_requests(
    home_page, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    membership = MembershipFactory(organisation=organisation)  # membreN@collectivite.fr
    other = MembershipFactory(organisation=organisation, user=UserFactory(email="x@gmail.com"))
    organisation.email_domains = "collectivite.fr"
    with django_capture_on_commit_callbacks(execute=True):
        organisation.save()
    membership.refresh_from_db()
    other.refresh_from_db()
    assert membership.is_verified and other.status == OrganisationMembership.REQUESTED
