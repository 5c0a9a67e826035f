"""A verified member writes their SPASER: from the self-assessment result to the three exports."""

import io
import os
import re

import pytest

from redaction.models import Draft
from tests.e2e.conftest import log_in
from tests.e2e.test_diagnostic_journey import answer_questionnaire
from tests.factories import (
    CollectiviteTypeFactory,
    FamilleAchatFactory,
    OrganisationFactory,
    verified_member,
)
from tests.redaction.documents import HEADINGS, pdf_text
from tests.ressources.factories import clause, clause_index

pytestmark = pytest.mark.django_db(transaction=True)

INSERTION = "Le titulaire réserve 7 % des heures travaillées à des personnes en insertion."
DECHETS = "Le titulaire valorise au moins 70 % des déchets de chantier non dangereux."
SCREENSHOTS = os.environ.get("REDACTION_SCREENSHOTS")


def save_and_continue(page):
    page.get_by_role("button", name="Enregistrer et continuer").click()


def attach(page, famille, clause_title):
    page.locator("label", has_text=famille).first.click()
    page.get_by_role("button", name="Enregistrer et actualiser les propositions").click()
    page.get_by_text("enregistré (version").wait_for()
    page.locator("label", has_text=clause_title).first.click()


def download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).first.click()
    value = info.value
    with open(value.path(), "rb") as fileobj:
        return value.suggested_filename, fileobj.read()


def test_member_writes_checks_and_exports_a_spaser(page, home_page):
    kind = CollectiviteTypeFactory(name="Métropole")
    organisation = OrganisationFactory(name="Métropole de Démonstration", kind=kind)
    user = verified_member(organisation=organisation)
    batiment = FamilleAchatFactory(name="Bâtiment")
    index = clause_index(home_page)
    clause(
        index,
        title="Clause d'insertion par les heures",
        clause_type="sociale",
        familles=[batiment],
        clause_text=INSERTION,
    )
    clause(
        index,
        title="Valorisation des déchets de chantier",
        clause_type="environnementale",
        familles=[batiment],
        clause_text=DECHETS,
    )

    log_in(page, user.email)
    answer_questionnaire(page)
    page.get_by_role("link", name="Rédiger mon SPASER à partir de ce résultat").click()
    page.get_by_label("Première année du schéma").fill("2026")
    page.get_by_label("Dernière année du schéma").fill("2028")
    page.get_by_role("button", name="Commencer le projet").click()

    page.get_by_text("Étape 1 sur 6").wait_for()
    assert page.get_by_text("Ce que dit votre autodiagnostic 2024").is_visible()
    ambition = page.get_by_label("Contexte et ambition")
    assert "Métropole de Démonstration adopte son schéma" in ambition.input_value()
    ambition.fill("La Métropole fait de ses achats un levier pour l'emploi et le climat.")
    page.get_by_label("Services concernés").fill("Direction de la commande publique.")
    save_and_continue(page)

    page.get_by_text("Étape 2 sur 6").wait_for()
    attach(page, "Bâtiment", "Clause d'insertion par les heures")
    page.locator("label[for=id_leviers_0]").click()
    page.get_by_label("Objectifs sociaux").fill("Porter à 30 % les marchés avec clause sociale.")
    page.get_by_label("Mise en œuvre et suivi annuel").fill("Bilan annuel des heures.")
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, "editeur.png"), full_page=True)
    save_and_continue(page)

    page.get_by_text("Étape 3 sur 6").wait_for()
    attach(page, "Bâtiment", "Valorisation des déchets de chantier")
    page.get_by_label("Objectifs écologiques").fill("Une condition environnementale partout.")
    page.get_by_label("Mise en œuvre et suivi annuel").fill("Revue annuelle.")
    save_and_continue(page)

    page.get_by_text("Étape 4 sur 6").wait_for()
    page.get_by_label("Contribution à l'économie circulaire").fill("Réemploi du mobilier.")
    save_and_continue(page)

    page.get_by_text("Étape 5 sur 6").wait_for()
    targets = {
        "env": ("nombre", "85", "100", "100"),
        "social": ("nombre", "22", "26", "31,5"),
        "esus": ("valeur", "3", "4", "5,25"),
    }
    for key, (measure, *values) in targets.items():
        page.locator(f"#id_{key}_measure").select_option(measure)
        page.locator(f"#id_{key}_baseline_year").fill("2024")
        for year, value in zip((2026, 2027, 2028), values, strict=True):
            page.locator(f"#id_{key}_target_{year}").fill(value)
    # one validation error on the way: nothing is lost
    page.locator("#id_esus_target_2027").fill("quatre")
    save_and_continue(page)
    page.get_by_text("Indiquez un pourcentage entre 0 et 100").first.wait_for()
    assert page.locator("#id_social_target_2028").input_value() == "31,5"
    page.locator("#id_esus_target_2027").fill("4")
    save_and_continue(page)

    page.get_by_text("Étape 6 sur 6").wait_for()
    page.get_by_label("Pilotage").fill("La vice-présidente à la commande publique.")
    page.get_by_label("Calendrier de suivi et de révision").fill("Comité annuel.")
    page.locator("label", has_text="Les indicateurs sont publiés tous les deux ans").click()
    page.get_by_label("Où le schéma est rendu public").fill("https://exemple.fr/spaser")
    page.get_by_label("Facilitateur des clauses sociales").fill("PLIE de la Métropole")
    page.get_by_role("button", name="Enregistrer et vérifier").click()

    page.get_by_role(
        "heading", name="Tous les contenus exigés par la loi sont présents."
    ).wait_for()
    draft = Draft.objects.get()
    # creation, contexte, social and écologique twice (proposals, then clauses), circulaire,
    # indicateurs (the refused save adds none) and gouvernance
    assert draft.version_count == 9
    assert draft.versions.filter(saved_by=user).count() == draft.version_count

    name, docx = download(page, "Word (.docx)")
    assert name == "spaser-metropole-de-demonstration-2026-2028.docx"
    from docx import Document

    document = Document(io.BytesIO(docx))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    text = "\n".join(p.text for p in document.paragraphs)
    for heading in HEADINGS:
        assert heading in headings
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["100 %", "100 %"] == rows[1][-2:]
    assert rows[2][-3:] == ["22 %", "26 %", "31,5 %"]
    assert rows[3][-3:] == ["3 %", "4 %", "5,25 %"]
    assert INSERTION in text and DECHETS in text

    name, odt = download(page, "OpenDocument (.odt)")
    assert name.endswith("2026-2028.odt")
    from odf import teletype
    from odf.opendocument import load
    from odf.table import TableCell
    from odf.text import H, P

    loaded = load(io.BytesIO(odt))
    odt_headings = [teletype.extractText(h) for h in loaded.getElementsByType(H)]
    for heading in HEADINGS:
        assert heading in odt_headings
    cells = [teletype.extractText(c) for c in loaded.getElementsByType(TableCell)]
    assert "31,5 %" in cells and "5,25 %" in cells
    odt_text = "\n".join(teletype.extractText(p) for p in loaded.getElementsByType(P))
    assert INSERTION in odt_text and DECHETS in odt_text

    name, pdf = download(page, "PDF")
    assert name.endswith("2026-2028.pdf") and pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for heading in HEADINGS:
        assert heading in text
    assert "31,5 %" in text and "5,25 %" in text
    flat = re.sub(r"\s", "", text)
    assert re.sub(r"\s", "", INSERTION) in flat and re.sub(r"\s", "", DECHETS) in flat
    if SCREENSHOTS:
        with open(os.path.join(SCREENSHOTS, "spaser.pdf"), "wb") as fileobj:
            fileobj.write(pdf)
