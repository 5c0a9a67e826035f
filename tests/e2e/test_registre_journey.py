"""A verified member publishes their organisation's adopted SPASER, then finds it in the public
registry (filtered by région) and in the site search, as an anonymous visitor would."""

import pytest

from registre.models import AdoptedScheme
from tests.e2e.conftest import log_in
from tests.factories import CollectiviteTypeFactory, OrganisationFactory, verified_member
from tests.samples import pdf_bytes

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("empty_search_index"),
]


@pytest.fixture(autouse=True)
def registre_root(settings, tmp_path):
    settings.REGISTRE_DOCUMENTS_ROOT = tmp_path / "registre"


def test_member_publishes_an_adopted_spaser_and_finds_it(page, home_page, tmp_path):
    kind = CollectiviteTypeFactory(name="Métropole")
    organisation = OrganisationFactory(name="Métropole des Trois Rivières", kind=kind, region="OCC")
    OrganisationFactory(name="Commune de Lointain", kind=CollectiviteTypeFactory(name="Commune"))
    user = verified_member(organisation=organisation)
    document = tmp_path / "spaser-2025-2027.pdf"
    document.write_bytes(pdf_bytes())

    log_in(page, user.email)
    page.goto("/spaser-adoptes/")
    page.get_by_role("link", name="Publier le SPASER de mon organisation").click()
    page.get_by_label("Titre du schéma").fill("Schéma des achats responsables 2025-2027")
    page.get_by_label("Document adopté").set_input_files(str(document))
    page.get_by_label("Date d'adoption").fill("2024-11-28")
    page.get_by_label("Référence de la délibération").fill(
        "Délibération n° 2024-311 du conseil métropolitain"
    )
    page.get_by_label("Première année couverte").fill("2025")
    page.get_by_label("Dernière année couverte").fill("2027")
    page.get_by_label("Adresse du schéma sur le site de l'organisation").fill(
        "https://www.trois-rivieres.fr/spaser"
    )
    page.locator("label", has_text="au titre de l'obligation (art. L2111-3)").click()
    page.get_by_label("Cible : marchés avec une considération environnementale (%)").fill("100")
    page.get_by_label("Cible : marchés avec une considération sociale (%)").fill("30 %")
    # A typo: the form says so in French and keeps what was typed.
    page.get_by_label("Cible : achats auprès d'entreprises solidaires (ESUS) (%)").fill("150")
    page.get_by_label("Résumé (facultatif)").fill(
        "Clauses d'insertion dans les marchés de voirie et réemploi du mobilier de bureau."
    )
    page.get_by_role("button", name="Publier au registre").click()
    page.get_by_text("Un pourcentage doit être compris entre 0 et 100.").wait_for()
    assert page.title().startswith("Erreur")
    assert page.get_by_label("Titre du schéma").input_value() == (
        "Schéma des achats responsables 2025-2027"
    )
    page.get_by_label("Cible : achats auprès d'entreprises solidaires (ESUS) (%)").fill("5")
    page.get_by_label("Document adopté").set_input_files(str(document))
    page.get_by_role("button", name="Publier au registre").click()

    page.get_by_text("Votre schéma est publié dans le registre des SPASER adoptés.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Schéma des achats responsables 2025-2027"
    )
    entry = AdoptedScheme.objects.get()
    assert entry.organisation == organisation and entry.published_by == user

    # An anonymous visitor finds it in the registry, filtered by région, and downloads it.
    page.context.clear_cookies()
    page.goto("/spaser-adoptes/")
    page.get_by_label("Région").select_option("OCC")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_text("1 schéma").wait_for()
    page.get_by_role("link", name="Schéma des achats responsables 2025-2027").click()
    page.get_by_text("Délibération n° 2024-311 du conseil métropolitain").wait_for()
    link = page.get_by_role("link", name="Télécharger le schéma adopté")
    assert "PDF" in link.inner_text()
    download = page.request.get(link.get_attribute("href"))
    assert download.ok and download.body().startswith(b"%PDF")

    # …and in the site search.
    page.goto("/recherche/?q=r%C3%A9emploi+mobilier")
    result = page.get_by_role(
        "link", name="Schéma des achats responsables 2025-2027 — Métropole des Trois Rivières"
    )
    result.wait_for()
    assert page.get_by_text("SPASER adopté").first.is_visible()
    result.click()
    page.wait_for_url(f"**{entry.get_absolute_url()}")
