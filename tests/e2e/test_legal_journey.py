import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_state_service_sees_three_kinds_of_recommendation_and_what_changed(
    page, home_page, tmp_path
):
    page.goto("/diagnostic/etape/organisation/")
    page.get_by_label("Type d'organisation").select_option("Autre acheteur")
    page.get_by_label("Catégorie d'acheteur").select_option("etat")
    page.get_by_label("Année civile des achats").fill("2024")
    page.get_by_label("Montant des achats de l'année").fill("120 M€")
    page.get_by_role("button", name="Étape suivante").click()
    page.locator("label[for=id_adopted_1]").click()
    page.locator("label[for=id_published_2]").click()
    page.get_by_role("button", name="Étape suivante").click()
    page.get_by_role("button", name="Étape suivante").click()
    page.locator("#id_env_share").fill("40")
    page.locator("#id_social_share").fill("10")
    page.locator("#id_social_target").fill("20")
    page.get_by_role("button", name="Voir le résultat").click()
    page.wait_for_url(re.compile(r"/diagnostic/resultat/$"))

    page.get_by_role("heading", name="Votre organisation est soumise à l'obligation").wait_for()
    recommendations = page.locator(".diagnostic-recommendations")
    for nature in ("obligation", "bonne_pratique", "plan"):
        assert recommendations.locator(f".diagnostic-nature-{nature}").first.is_visible()
    social = page.get_by_role(
        "heading", name="Prévoir la condition d'exécution sociale obligatoire"
    )
    assert social.is_visible()
    assert page.get_by_role("link", name=re.compile("L2112-2-1")).first.is_visible()

    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    page.locator("#recommendations-title").scroll_into_view_if_needed()
    page.screenshot(path=folder / "diagnostic-recommandations.png", full_page=True)

    page.get_by_role("link", name="Ce qui a changé dans les textes, date par date").click()
    page.get_by_role("heading", name="Ce qui a changé", exact=True).wait_for()
    assert page.locator("time[datetime='2023-10-25']").is_visible()
    assert page.locator("time[datetime='2026-08-21']").is_visible()
