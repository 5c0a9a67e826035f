"""The accessibility statement follows the official RGAA model and drives the footer's status."""

from datetime import date
from io import StringIO

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from portal.models import AccessibilityStatementPage, SiteSettings

pytestmark = pytest.mark.django_db

MODEL_SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Non-conformités",
    "Dérogations pour charge disproportionnée",
    "Contenus non soumis à l’obligation d’accessibilité",
    "Établissement de cette déclaration d’accessibilité",
    "Technologies utilisées pour la réalisation du site",
    "Environnement de test",
    "Outils pour évaluer l’accessibilité",
    "Pages du site ayant fait l’objet de la vérification de conformité",
    "Retour d’information et contact",
    "Voies de recours",
]


def _statement(home_page, **fields):
    statement = home_page.add_child(
        instance=AccessibilityStatementPage(
            title="Déclaration d'accessibilité", slug="accessibilite", **fields
        )
    )
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.accessibility_status = "totalement"  # the page's audit wins over the setting
    site_settings.accessibility_page = statement
    site_settings.save()
    return statement


@pytest.mark.parametrize(
    "audit, state",
    [
        ({}, "non conforme"),
        (
            {"audit_date": date(2026, 12, 3), "criteria_applicable": 42, "criteria_met": 20},
            "non conforme",
        ),
        (
            {"audit_date": date(2026, 12, 3), "criteria_applicable": 42, "criteria_met": 36},
            "partiellement conforme",
        ),
        (
            {"audit_date": date(2026, 12, 3), "criteria_applicable": 42, "criteria_met": 42},
            "totalement conforme",
        ),
    ],
)
def test_conformity_follows_the_audit_and_shows_in_the_footer(client, home_page, audit, state):
    _statement(home_page, **audit)
    content = client.get("/").content.decode()
    assert f"Accessibilité : {state}" in content
    assert 'href="/accessibilite/"' in content


def test_more_criteria_met_than_applicable_is_refused(home_page):
    statement = AccessibilityStatementPage(
        title="D", slug="d", audit_date=date(2026, 12, 3), criteria_applicable=10, criteria_met=11
    )
    with pytest.raises(ValidationError):
        statement.full_clean()


def test_demo_statement_has_every_part_of_the_official_model(client, home_page):
    call_command("seed_demo", password="Demo-a11y-2026", stdout=StringIO())
    statement = AccessibilityStatementPage.objects.get()
    response = client.get(statement.url)
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content)
    headings = [
        " ".join(h.text_content().split()) for h in document.xpath("//main//h2 | //main//h3")
    ]
    for section in MODEL_SECTIONS:
        assert section in headings, section
    text = " ".join(document.find(".//main").text_content().split())
    assert "article 47 de la loi n° 2005-102 du 11 février 2005" in text
    assert "3 décembre 2026" in text  # the audit's date
    assert f"{statement.conformity_rate} % des critères du RGAA version 4.1 sont respectés" in text
    for criterion in statement.non_conformities:
        assert f"Critère {criterion.value['criterion']}" in text
    # Voies de recours, complete: the form, the delegates, the free postal address.
    links = {a.get("href") for a in document.xpath("//main//a")}
    assert "https://formulaire.defenseurdesdroits.fr/" in links
    assert "https://www.defenseurdesdroits.fr/saisir/delegues" in links
    assert "Libre réponse 71120" in text and "75342 Paris CEDEX 07" in text
    assert "ne pas mettre de timbre" in text
    # Replaying the demo keeps one statement.
    call_command("seed_demo", password="Demo-a11y-2026", stdout=StringIO())
    assert AccessibilityStatementPage.objects.count() == 1
