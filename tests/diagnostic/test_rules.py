from decimal import Decimal

import pytest

from diagnostic import rules
from diagnostic.amounts import parse_amount


@pytest.mark.parametrize(
    "year, spending, obliged",
    [
        (2023, "49999999.99", False),
        (2023, "50000000", False),  # « supérieur à » : exactly the threshold is not above it
        (2023, "50000000.01", True),
        (2025, "850000000", True),
        (2026, "0", False),
        (2022, "50000000.01", False),  # before 2023 the threshold was 100 M€
        (2022, "100000000", False),
        (2022, "100000000.01", True),
        (2015, "150000000", True),
    ],
)
def test_threshold_boundaries_and_years(year, spending, obliged):
    assert rules.obligation(year, Decimal(spending)).obliged is obliged


@pytest.mark.parametrize("text", ["50 000 000", "50 M€", "50 000 000,00 €", "50000000"])
def test_exactly_fifty_million_as_typed_is_not_obliged_and_says_why(text):
    verdict = rules.obligation(2024, parse_amount(text))
    assert not verdict.obliged
    assert "exactement égaux" in verdict.explanation
    assert "supérieur à" in verdict.explanation


def test_verdict_cites_rule_source_and_date():
    verdict = rules.obligation(2024, Decimal("850000000"))
    assert verdict.obliged and verdict.status == "obligé"
    assert "L2111-3" in verdict.threshold.source and "D2111-3" in verdict.threshold.source
    assert "2022-767" in verdict.threshold.source
    assert "1er janvier 2023" in verdict.rule
    assert "défense ou de sécurité" in verdict.rule


def test_before_2023_uses_100_million_and_warns_about_the_new_threshold():
    verdict = rules.obligation(2022, Decimal("80000000"))
    assert not verdict.obliged
    assert verdict.threshold.amount == Decimal("100000000")
    assert "100 millions" in verdict.rule
    assert any("50 millions" in note for note in verdict.notes)


def test_shared_scheme_keeps_indicators_per_buyer():
    verdict = rules.obligation(2024, Decimal("60000000"), shared_scheme=True)
    assert any("2023-973" in note and "acheteur par acheteur" in note for note in verdict.notes)
    assert any("propres indicateurs" in n for n in rules.obligation(2024, 0).notes)


def test_impossible_inputs():
    with pytest.raises(ValueError):
        rules.obligation(2014, Decimal(1))
    with pytest.raises(ValueError):
        rules.obligation(2024, Decimal(-1))
    assert rules.threshold_for(2023).amount == Decimal("50000000")
    assert rules.threshold_for(2022).amount == Decimal("100000000")
