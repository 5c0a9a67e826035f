"""On a 375 px phone, the self-assessment's result reads as on a desktop: its charts keep text of
12 px at least, their text alternative names every figure, and the page never scrolls sideways."""

import re

import pytest

from tests.factories import CollectiviteTypeFactory

from .test_diagnostic_journey import answer_questionnaire
from .test_reflow import OVERFLOW

pytestmark = pytest.mark.django_db(transaction=True)

MIN_FONT_PX = 12
# The smallest rendered font of a chart: each <text>'s font-size times the SVG's scale.
SMALLEST_FONT = """(svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")));
    return Math.min(...sizes) * scale;
}"""
# What a screen reader announces for a chart: its title, then its description.
TEXT_ALTERNATIVE = """(svg) => svg.getAttribute("aria-labelledby").split(" ")
    .map(id => document.getElementById(id).textContent).join(" — ")"""


def test_a_phone_reads_the_result_charts(page, home_page):
    CollectiviteTypeFactory(name="Métropole")
    page.set_viewport_size({"width": 375, "height": 800})
    answer_questionnaire(page)  # 50 % for a target of 100 %, 14 % for a target of 30 %

    assert page.evaluate(OVERFLOW) is None
    score = page.get_by_role("img", name=re.compile("Score de"))
    indicators = page.get_by_role("img", name=re.compile("Vos indicateurs et vos cibles"))
    for chart in (score, indicators):
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert 300 <= box["width"] <= 375 and box["x"] >= 0
        assert chart.evaluate(SMALLEST_FONT) >= MIN_FONT_PX

    # Reading the indicators chart: the share, the target and the gap, as text on the chart…
    gap = indicators.locator("text", has_text="Votre cible : 100 %, écart de 50 points")
    assert gap.is_visible()
    assert gap.bounding_box()["height"] >= MIN_FONT_PX
    # …and in its text alternative, with the same figures.
    alternative = indicators.evaluate(TEXT_ALTERNATIVE)
    assert "Marchés avec une considération environnementale : 50 %, cible 100 %" in alternative
    assert "écart de 50 points" in alternative and "écart de 16 points" in alternative
    assert "sur 30" in score.evaluate(TEXT_ALTERNATIVE)
    # The same figures are in a table too.
    table = page.get_by_role("table", name=re.compile("Vos indicateurs, vos cibles"))
    row = table.get_by_role("row", name=re.compile("considération environnementale"))
    assert "écart de 50 points" in row.inner_text()
