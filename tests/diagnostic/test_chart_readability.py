"""The self-assessment charts stay readable on a phone (RGAA 10.4 / 3.3 and the issue's rules)."""

import re

import pytest

from diagnostic import charts

PHONE_WIDTH = 343  # a 375 px screen less the page's margins
MIN_FONT_PX = 12


def _relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    high, low = sorted((_relative_luminance(one), _relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _view_width(svg):
    return float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))


EXAMPLES = {
    "score": charts.score_bars(
        "s", [("Contenus du schéma (clauses, objectifs, suivi, publication)", 10, 25)]
    ),
    "indicators": charts.indicator_bars(
        "i",
        [
            ("Marchés avec une considération environnementale", 50, 100, 100),
            ("Part des achats auprès d'entreprises solidaires (ESUS)", 3, 5, None),
        ],
    ),
    "history": charts.line_chart("l", "Titre", [(2021, 38), (2023, 61)], target=30),
}


@pytest.mark.parametrize("name", EXAMPLES)
def test_text_is_at_least_12_px_on_a_phone(name):
    svg = EXAMPLES[name]
    scale = PHONE_WIDTH / _view_width(svg)
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    assert sizes and min(sizes) * scale >= MIN_FONT_PX, (name, min(sizes) * scale)


def test_labels_wrap_instead_of_being_cut():
    svg = EXAMPLES["score"]
    assert "publication)" in svg and "…" not in svg
    assert svg.count("<tspan") == 2


def test_a_gap_too_long_for_one_line_breaks_after_its_comma():
    svg = charts.indicator_bars(
        "i", [("Env", 50, 100, 100, ["Objectif 2025 du PNAD : 100 %, écart de 50 points"])]
    )
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert "Objectif 2025 du PNAD : 100 %," in lines and "écart de 50 points" in lines
    short = charts.indicator_bars("i", [("Env", 50, 100, None, ["Votre cible : 100 %, atteinte"])])
    assert "Votre cible : 100 %, atteinte" in re.findall(r"<tspan[^>]*>([^<]*)</tspan>", short)


def _marks(svg, colour):
    return [
        (float(y1), float(y2))
        for y1, y2 in re.findall(
            rf'<line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)" y2="([\d.]+)" stroke="{colour}"', svg
        )
    ]


def test_a_target_equal_to_the_national_one_stays_visible():
    svg = charts.indicator_bars("i", [("Env", 50, 100, 100)])
    (own,), (national,) = _marks(svg, charts.GREEN)[:1], _marks(svg, charts.RED)[:1]
    # Same x, but the two marks cover different heights of the bar.
    assert own[1] <= national[0] or national[1] <= own[0]


def test_target_marks_stand_out_on_the_bar_and_the_track():
    svg = charts.indicator_bars("i", [("Env", 50, 40, 100)])
    # Each coloured mark is drawn over a wider white halo: the halo meets the blue bar and the
    # coloured line meets the halo, each pair at 3:1 or more.
    assert svg.count(f'stroke="{charts.WHITE}" stroke-width="7"') >= 2
    assert contrast(charts.WHITE, charts.BLUE) >= 3
    for colour in (charts.GREEN, charts.RED):
        assert contrast(colour, charts.WHITE) >= 3
        assert contrast(colour, charts.GREY) >= 3


def test_history_target_line_has_a_visible_legend():
    svg = EXAMPLES["history"]
    visible_text = re.sub(r"<(title|desc)[^>]*>.*?</\1>", "", svg)
    assert "Cible : 30 %" in visible_text
    assert "Cible" not in re.sub(
        r"<(title|desc)[^>]*>.*?</\1>", "", charts.line_chart("n", "T", [(2021, 3)])
    )
