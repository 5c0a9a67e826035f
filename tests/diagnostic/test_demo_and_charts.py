import io

import pytest

from diagnostic import charts, demo
from diagnostic.models import Assessment
from portal import demo as portal_demo
from portal.models import HomePage, SiteSettings


@pytest.mark.django_db
def test_demo_seed_is_idempotent(home_page):
    out = io.StringIO()
    for _run in range(2):
        portal_demo.seed("Mot-de-passe-demo-2026", out)
        demo.seed("Mot-de-passe-demo-2026", out)
    amp = Assessment.objects.filter(organisation__siren="200054807").order_by("year")
    assert [a.year for a in amp] == [2021, 2022, 2023, 2024]
    q3_2022 = amp.get(year=2022)
    assert (q3_2022.env_share, q3_2022.social_share, q3_2022.esus_share) == (50, 14, 2)
    assert q3_2022.spending == 850_000_000 and q3_2022.obliged and q3_2022.score == 76
    assert q3_2022.answers["env_target"] == "100" and q3_2022.answers["esus_target"] == "5"
    assert q3_2022.created_by.email == "participant@ampmetropole.fr"
    assert (
        Assessment.objects.filter(organisation__kind__name="Métropole")
        .values("organisation")
        .distinct()
        .count()
        == 5
    )
    home = HomePage.objects.get()
    assert [b.value["url"] for b in home.sections].count("/diagnostic/") == 1
    links = portal_demo.navigation_links(SiteSettings.objects.get())
    assert [link["url"] for link in links].count("/diagnostic/") == 1


def test_charts_are_accessible_and_escape_text():
    svg = charts.score_bars("s", [("Rubrique <b>", 12.5, 25)])
    assert 'role="img"' in svg and 'aria-labelledby="s-title s-desc"' in svg
    assert '<title id="s-title">' in svg and "12,5 sur 25" in svg
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    svg = charts.indicator_bars("i", [("Env", 50, 100, 100), ("Social", None, None, 30)])
    assert "Env : 50 %, cible 100 %, objectif 2025 du PNAD 2022-2025 100 %" in svg
    assert "Social : inconnu" in svg
    svg = charts.line_chart("l", "Titre", [(2021, 38), (2022, None), (2023, 61)], target=100)
    assert "2022 : inconnu" in svg and "<polyline" in svg and "Cible : 100 %" in svg
    assert "<circle" not in charts.line_chart("e", "Vide", [(2024, None)])
