"""A verified member shares a document reserved to public buyers; the curator publishes it as
« relu par un réseau »; an anonymous visitor cannot find it, a verified buyer can."""

import re

import pytest
from django.core import mail

from partage.models import SharedDocument, Status
from partage.pdf import simple_pdf
from tests.e2e.conftest import log_in
from tests.factories import (
    CollectiviteTypeFactory,
    FamilleAchatFactory,
    OrganisationFactory,
    UserFactory,
    give_role,
    verified_member,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("empty_search_index"),
]

TITLE = "Cahier des charges du nettoyage avec clause d'insertion"


def tick(page, text):
    """Clicks the label, as a person does (the DSFR draws radio buttons and boxes on it)."""
    label = page.locator("label", has_text=text)
    label.click()
    assert page.locator(f"#{label.get_attribute('for')}").is_checked(), text


def test_reserved_document_from_contribution_to_verified_buyers(page, home_page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    kind = CollectiviteTypeFactory(name="Commune")
    FamilleAchatFactory(name="Moyens généraux et logistique")
    organisation = OrganisationFactory(name="Ville de Port-Exemple", kind=kind)
    contributor = verified_member(
        UserFactory(first_name="Julien", last_name="Vasseur"), organisation
    )
    curator = give_role(UserFactory(first_name="Soizic", last_name="Le Bihan"), "curator")
    buyer = verified_member(organisation=OrganisationFactory(name="Département d'Exemple"))

    # 1. the member proposes a reserved document
    log_in(page, contributor.email)
    page.goto("/documents-partages/")
    page.get_by_role("link", name="Proposer un document").click()
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Nature du document").select_option("cahier-des-charges")
    page.get_by_label("Présentation").fill(
        "Les articles de notre CCTP : 7 % des heures en insertion."
    )
    page.get_by_label("Fichier").set_input_files(
        files=[
            {
                "name": "cctp-nettoyage.pdf",
                "mimeType": "application/pdf",
                "buffer": simple_pdf(TITLE, ["Article 1."]),
            }
        ]
    )
    for label in (
        "réservé aux acheteurs publics vérifiés",
        "sociale",
        "Moyens généraux et logistique",
        "Je certifie que mon organisation peut diffuser",
    ):
        tick(page, label)
    page.get_by_role("button", name="Proposer le document").click()
    page.wait_for_url(re.compile(r"/documents-partages/mes-contributions/"))
    page.get_by_role("cell", name=re.compile("en attente de relecture")).wait_for()
    document = SharedDocument.objects.get()
    assert document.status == Status.PENDING and document.is_reserved

    # 2. the curator publishes it as « relu par un réseau »
    log_in(page, curator.email)
    page.goto("/documents-partages/a-relire/")
    page.get_by_role("link", name=f"Relire « {TITLE} »").click()
    tick(page, "relu par un réseau")
    page.get_by_role("button", name="Publier le document").click()
    page.get_by_text("est publié (relu par un réseau)").wait_for()
    assert mail.outbox[-1].to == [contributor.email]
    assert "relu par un réseau" in mail.outbox[-1].body

    # 3. an anonymous visitor finds it neither in the listing nor in the search
    page.context.clear_cookies()
    page.goto("/documents-partages/")
    page.get_by_role("heading", name="Documents partagés", level=1).wait_for()
    assert page.get_by_text(TITLE).count() == 0
    page.goto("/recherche/?q=nettoyage+insertion")
    assert page.get_by_text(TITLE).count() == 0
    response = page.goto(f"/documents-partages/{document.pk}/")
    assert response.status == 404

    # 4. a verified buyer finds it in both, with its reliability, and downloads it
    log_in(page, buyer.email)
    page.goto("/documents-partages/?fiabilite=reseau")
    card = page.locator(".fr-card", has_text=TITLE)
    card.wait_for()
    text = card.inner_text().lower()  # badges are in capitals
    assert "fiabilité : relu par un réseau" in text
    assert "réservé aux acheteurs publics" in text
    page.goto("/recherche/?q=nettoyage+insertion")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name=TITLE, level=1).wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger")).click()
    assert download.value.suggested_filename == "cctp-nettoyage.pdf"
