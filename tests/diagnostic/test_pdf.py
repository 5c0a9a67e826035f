"""RGAA 13.3: every PDF export of the self-assessment is a tagged PDF with its language, title and
structure, and shows the same charts and tables as the result page."""

import re

import pytest

from diagnostic.models import Assessment
from diagnostic.scoring import Answers
from tests.factories import OrganisationFactory
from tests.questionnaire import amp_answers, fill_questionnaire

from .pdf_tools import info, language, raster_images, structure, text

pytestmark = pytest.mark.django_db


def save_assessment(organisation):
    assessment = Assessment(organisation=organisation)
    assessment.fill_from(Answers.from_dict(amp_answers()))
    assessment.save()
    return assessment


def assert_accessible(pdf_bytes, title):
    fields = info(pdf_bytes)
    assert fields["Tagged"] == "yes"
    assert fields["Title"] == title
    assert language(pdf_bytes) == "fr"
    tree = structure(pdf_bytes)
    for element in ("H1", "H2", "P", "Table", "TH", "TD", "Figure"):
        assert f"{element} " in tree or f"{element}\n" in tree or f"{element}:" in tree, element


def test_result_pdf_is_tagged_with_language_title_and_charts(client, home_page, metropole_type):
    fill_questionnaire(client)
    response = client.get("/diagnostic/resultat/export.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert_accessible(response.content, "Autodiagnostic SPASER 2024")
    content = text(response.content)
    assert "Score : 76 sur 100" in content
    # The charts' text is drawn as on the page, and their figures are also in a table.
    assert "Part actuelle" in content and "Indicateurs clés" in content
    assert "Détail du score, rubrique par rubrique" in content


def test_saved_assessment_pdf_names_the_organisation(org_client, organisation):
    assessment = save_assessment(organisation)
    response = org_client.get(f"/diagnostic/evaluations/{assessment.pk}/export.pdf")
    assert "attachment" in response["Content-Disposition"]
    title = f"Autodiagnostic SPASER {assessment.year} — {organisation.name}"
    assert_accessible(response.content, title)
    assert organisation.name in text(response.content)
    assert Assessment.objects.count() == 1


def test_result_pdf_reads_as_a_document_with_french_numbers_and_vector_charts(
    client, home_page, metropole_type
):
    fill_questionnaire(
        client, indicateurs={"env_share": "52,5", "social_share": "14,5", "esus_target": ""}
    )
    document = client.get("/diagnostic/resultat/export.pdf").content
    assert_accessible(document, "Autodiagnostic SPASER 2024")
    content = text(document)
    # French numbers everywhere: decimal commas, never a decimal point.
    assert not re.search(r"\d\.\d", content), re.findall(r".{30}\d\.\d.{30}", content)
    # Own targets: 10 × 52,5/100 = 5,2 (to one decimal) + 10 × 14,5/30 = 4,8 + no ESUS target.
    assert "52,5 %" in content and "10 / 25" in content
    assert "14,5 %" in content and "14,50" not in content  # as typed, without a trailing zero
    # A summary first, as a document handed to elected officials, then the method.
    assert content.index("En bref") < content.index("Obligation d'adopter un SPASER")
    assert "Document édité le" in content and "Méthode" in content
    # The page's charts, drawn as vector graphics (their words are text, no picture inside).
    assert raster_images(document) == 0
    assert "Votre cible : 100 %, écart de 47,5 points" in content
    # Each indicator's gap in points, and what a blank target costs.
    assert "52,5 % pour une cible de 100 % : écart de 47,5 points" in content
    assert "5 points non attribués faute de cible" in content
    assert "cible de non fixée" not in content


def test_pdf_of_a_buyer_under_the_threshold_scores_a_voluntary_scheme(
    client, home_page, metropole_type
):
    fill_questionnaire(client, organisation={"spending": "12 M€"})
    content = text(client.get("/diagnostic/resultat/export.pdf").content)
    assert "n'est pas soumise à l'obligation d'adopter un SPASER" in content
    assert "Démarche volontaire" in content and "pas un manquement" in content
    assert "Conformité à l'obligation 0" not in content


def test_pdf_compares_with_the_peers_of_the_same_year(org_client, organisation, metropole_type):
    for env in ("10", "20", "30", "40", "50"):
        peer = OrganisationFactory(kind=metropole_type)
        for year in (2021, 2024):
            peer_assessment = Assessment(organisation=peer)
            peer_assessment.fill_from(Answers.from_dict(amp_answers(year=year, env_share=env)))
            peer_assessment.save()
    assessment = Assessment(organisation=organisation)
    assessment.fill_from(Answers.from_dict(amp_answers(year=2021)))
    assessment.save()
    content = text(org_client.get(f"/diagnostic/evaluations/{assessment.pk}/export.pdf").content)
    assert "Médiane des autodiagnostics 2021 de 6 organisations" in content
    assert "Version 1 enregistrée le" in content
