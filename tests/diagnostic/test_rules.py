from decimal import Decimal

import pytest

from diagnostic import rules
from diagnostic.amounts import parse_amount
from portal import legal

COLLECTIVITE, ETAT, HOPITAL = legal.COLLECTIVITE, legal.ETAT, legal.HOPITAL
STATUT, AUTRE = legal.STATUT_LEGAL, legal.AUTRE_ACHETEUR


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
    assert rules.obligation(year, Decimal(spending), category=COLLECTIVITE).obliged is obliged


# Hand-worked from L2111-3 (wording before and after loi n° 2023-973, art. 29, in force
# 25 October 2023) and D2111-3 (100 M€ HT up to 2022, 50 M€ HT from 2023), « supérieur à ».
@pytest.mark.parametrize(
    "category, year, spending, obliged",
    [
        # A collectivité: concerned every year, only the threshold moves.
        (COLLECTIVITE, 2015, "100000000.01", True),
        (COLLECTIVITE, 2022, "80000000", False),
        (COLLECTIVITE, 2023, "80000000", True),
        # A buyer whose status is set by law: named by the former wording too.
        (STATUT, 2021, "150000000", True),
        (STATUT, 2023, "50000000", False),
        # A State service: not named before the extension, whatever it spent.
        (ETAT, 2022, "900000000", False),
        (ETAT, 2015, "150000000", False),
        # 2023, the year of the extension, is read with the extended wording (docstring).
        (ETAT, 2023, "60000000", True),
        (ETAT, 2023, "50000000", False),
        (ETAT, 2025, "50000000.01", True),
        # A hospital and any other buyer subject to the code: the same dates as the State.
        (HOPITAL, 2022, "300000000", False),
        (HOPITAL, 2024, "51000000", True),
        (AUTRE, 2019, "120000000", False),
        (AUTRE, 2026, "49000000", False),
        (AUTRE, 2026, "70000000", True),
    ],
)
def test_category_year_and_amount(category, year, spending, obliged):
    verdict = rules.obligation(year, Decimal(spending), category=category)
    assert verdict.obliged is obliged
    assert verdict.category == category


def test_a_state_service_before_the_extension_is_told_why_and_since_when():
    verdict = rules.obligation(2022, Decimal("900000000"), category=ETAT)
    assert "Service de l'État" in verdict.explanation
    assert "25 octobre 2023" in verdict.explanation and "2023-973" in verdict.explanation
    assert "Jusqu'au 24 octobre 2023" in verdict.rule


def test_the_year_of_the_extension_says_how_it_is_read():
    verdict = rules.obligation(2023, Decimal("60000000"), category=HOPITAL)
    assert any("en cours d'année" in note and "31 décembre" in note for note in verdict.notes)
    assert "tout acheteur soumis au code" in verdict.rule
    collectivite = rules.obligation(2023, Decimal("60000000"), category=COLLECTIVITE)
    assert not any("en cours d'année" in note for note in collectivite.notes)


def test_an_unknown_category_matters_only_before_the_extension():
    before = rules.obligation(2022, Decimal("150000000"))
    assert not before.obliged and "indiquez la catégorie" in before.explanation
    assert rules.obligation(2024, Decimal("150000000")).obliged


def test_no_sanction_is_stated_when_obliged():
    verdict = rules.obligation(2024, Decimal("850000000"), category=COLLECTIVITE)
    assert any("Aucune sanction" in note for note in verdict.notes)
    assert [ref.article for ref in verdict.sources] == ["L2111-3", "D2111-3"]


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
    verdict = rules.obligation(2022, Decimal("80000000"), category=COLLECTIVITE)
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
