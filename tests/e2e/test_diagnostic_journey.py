import re

import pytest
from django.conf import settings as django_settings

from diagnostic.models import Assessment
from tests.factories import CollectiviteTypeFactory, OrganisationFactory, verified_member

pytestmark = pytest.mark.django_db(transaction=True)


def answer_questionnaire(page):
    page.goto("/diagnostic/")
    page.get_by_role("link", name="Commencer l'autodiagnostic").click()
    page.get_by_text("Étape 1 sur 4").wait_for()
    page.get_by_label("Type d'organisation").select_option("Métropole")
    page.get_by_label("Année civile des achats").fill("2024")
    page.get_by_label("Montant des achats de l'année").fill("50 000 000,00 €")
    page.get_by_role("button", name="Étape suivante").click()

    page.get_by_text("Étape 2 sur 4").wait_for()
    page.locator("label[for=id_adopted_0]").click()
    page.locator("label[for=id_published_0]").click()
    page.get_by_role("button", name="Étape suivante").click()

    page.get_by_text("Étape 3 sur 4").wait_for()
    page.locator("label[for=id_contents_0]").click()
    page.locator("label[for=id_contents_1]").click()
    # back and forth: answers are kept
    page.get_by_role("button", name="Étape précédente").click()
    page.get_by_text("Étape 2 sur 4").wait_for()
    assert page.locator("#id_adopted_0").is_checked()
    page.get_by_role("button", name="Étape suivante").click()
    assert page.locator("#id_contents_0").is_checked()
    page.get_by_role("button", name="Étape suivante").click()

    page.get_by_text("Étape 4 sur 4").wait_for()
    page.get_by_label("Part des marchés avec au moins une considération environnementale").fill(
        "abc"
    )
    page.get_by_role("button", name="Voir le résultat").click()
    page.get_by_text("Indiquez un pourcentage entre 0 et 100").first.wait_for()
    page.get_by_label("Part des marchés avec au moins une considération environnementale").fill(
        "50"
    )
    page.locator("#id_env_target").fill("100")
    page.get_by_label("Part des marchés avec au moins une considération sociale").fill("14 %")
    page.locator("#id_social_target").fill("30")
    page.get_by_role("button", name="Voir le résultat").click()
    page.wait_for_url(re.compile(r"/diagnostic/resultat/$"))


def test_questionnaire_to_result_and_pdf(page, home_page):
    CollectiviteTypeFactory(name="Métropole")
    answer_questionnaire(page)
    page.get_by_role(
        "heading", name="Votre organisation n'est pas soumise à l'obligation"
    ).wait_for()
    assert page.get_by_text("exactement égaux à 50 millions").is_visible()
    assert page.get_by_role("heading", name=re.compile(r"Score : \d+ sur 100")).is_visible()
    chart = page.get_by_role("img", name=re.compile("Score de"))
    assert chart.count() == 1
    assert page.get_by_role("link", name=re.compile("Clauses types")).first.is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le PDF").click()
    download = download_info.value
    assert download.suggested_filename == "autodiagnostic-spaser-2024.pdf"
    with open(download.path(), "rb") as fileobj:
        assert fileobj.read(5) == b"%PDF-"


def test_member_saves_then_imports_decp_and_sees_history(page, home_page, client, live_server):
    kind = CollectiviteTypeFactory(name="Métropole")
    organisation = OrganisationFactory(
        name="Métropole de Démonstration", siren="200054807", kind=kind
    )
    user = verified_member(organisation=organisation)
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    answer_questionnaire(page)
    page.get_by_role("button", name="Enregistrer pour Métropole de Démonstration").click()
    page.get_by_text("a été enregistré").wait_for()
    assert Assessment.objects.get().organisation == organisation

    page.goto("/diagnostic/import-decp/")
    page.get_by_label("Fichier DECP (JSON)").set_input_files(
        "diagnostic/fixtures/decp_exemple.json"
    )
    page.get_by_role("button", name="Importer et calculer").click()
    page.get_by_text("Indicateurs calculés").wait_for()
    page.get_by_role("link", name="Continuer le questionnaire").click()
    assert page.locator("#id_env_share").input_value() == "66,7"
    page.get_by_role("button", name="Voir le résultat").click()
    # the year is saved already: the new save is a second version, the first stays listed
    page.get_by_role("button", name=re.compile("Remplacer par une nouvelle version pour")).click()
    page.get_by_text("(version 2)").wait_for()

    page.goto("/diagnostic/historique/")
    assert page.get_by_role("img", name=re.compile("considération environnementale")).count() == 1
    first, second = Assessment.objects.order_by("version")
    assert (first.source, second.source) == ("questionnaire", "decp")
    assert page.locator(f'a[href="/diagnostic/evaluations/{first.pk}/"]').count() == 1
