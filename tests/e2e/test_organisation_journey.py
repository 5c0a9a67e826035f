"""Joining an organisation: verified at once by a declared domain, or by its referent; then the
member saves an assessment and the earlier version stays listed."""

import re

import pytest
from django.core import mail

from diagnostic.models import Assessment
from diagnostic.scoring import Answers
from portal.models import OrganisationMembership
from tests.e2e.conftest import log_in
from tests.e2e.test_diagnostic_journey import answer_questionnaire
from tests.factories import CollectiviteTypeFactory, OrganisationFactory, verified_member
from tests.questionnaire import amp_answers

pytestmark = pytest.mark.django_db(transaction=True)


def sign_up(page, email, first_name, last_name):
    page.context.clear_cookies()
    page.goto("/comptes/signup/")
    assert page.url.endswith("/comptes/signup/"), page.url
    page.locator("#id_email").fill(email)
    page.locator("#id_first_name").fill(first_name)
    page.locator("#id_last_name").fill(last_name)
    page.locator("#id_password1").fill("Achats-durables-2026")
    page.locator("#id_password2").fill("Achats-durables-2026")
    page.get_by_role("button", name="Création de compte").click()
    page.wait_for_url(re.compile(r"/comptes/confirm-email/"))
    link = next(
        re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", message.body)
        for message in reversed(mail.outbox)
        if email in message.to
    )
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(re.compile(r"/compte/profil/"))


def test_domain_member_then_webmail_member_approved_by_the_referent(page, home_page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    kind = CollectiviteTypeFactory(name="Métropole")
    organisation = OrganisationFactory(
        name="Métropole des Calanques", kind=kind, email_domains="calanques-metropole.fr"
    )
    referent = verified_member(organisation=organisation, referent=True)
    earlier = Assessment(organisation=organisation, created_by=referent)
    earlier.fill_from(Answers.from_dict(amp_answers(year=2024, env_share="40")))
    earlier.save()

    # 1. an address at the declared domain: verified as soon as it is confirmed
    sign_up(page, "ines.roux@calanques-metropole.fr", "Inès", "Roux")
    page.get_by_text("membre vérifié").wait_for()
    assert page.get_by_text("Métropole des Calanques").first.is_visible()
    page.goto("/diagnostic/historique/")
    page.get_by_role("heading", name=re.compile("Métropole des Calanques")).wait_for()

    # 2. a webmail address: a request, nothing of the organisation's meanwhile
    sign_up(page, "paul.girard@laposte.net", "Paul", "Girard")
    page.get_by_label(re.compile("Rejoindre une organisation : son SIREN")).fill(organisation.siren)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Votre demande de rattachement est en attente").wait_for()
    assert page.get_by_text("demande en attente").is_visible()
    page.goto(f"/diagnostic/evaluations/{earlier.pk}/")
    assert page.get_by_role("heading", name=re.compile("Calanques")).count() == 0
    assert mail.outbox[-1].to == [referent.email]

    # 3. the referent approves on their organisation's page
    log_in(page, referent.email)
    page.get_by_role("link", name="Membres et demandes").click()
    page.get_by_role("button", name="Accepter Paul Girard").click()
    page.get_by_text("La demande de Paul Girard est acceptée.").wait_for()
    assert page.get_by_role("cell", name="demande acceptée").count() == 1
    assert OrganisationMembership.objects.get(user__email="paul.girard@laposte.net").is_verified
    assert "Vous êtes membre de Métropole des Calanques" in mail.outbox[-1].subject

    # 4. the new member saves an assessment: a new version, the earlier one stays listed
    log_in(page, "paul.girard@laposte.net", "Achats-durables-2026")
    answer_questionnaire(page)
    page.get_by_role(
        "button", name="Remplacer par une nouvelle version pour Métropole des Calanques"
    ).click()
    page.get_by_text("(version 2)").wait_for()
    page.get_by_role("link", name="Historique").first.click()
    assert page.locator(f'a[href="/diagnostic/evaluations/{earlier.pk}/"]').count() == 1
    latest = Assessment.objects.get(version=2)
    assert latest.created_by.email == "paul.girard@laposte.net"
    assert page.get_by_role("cell", name=re.compile("Paul Girard")).count() == 1
