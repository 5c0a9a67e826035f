from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic.amounts import (
    MAX_AMOUNT,
    AmountError,
    format_amount,
    parse_amount,
    parse_percent,
)

FIFTY_MILLION = Decimal("50000000.00")


@pytest.mark.parametrize(
    "text",
    [
        "50000000",
        "50 000 000",
        "50 000 000,00 €",
        "50 000 000 € HT",
        "50 M€",
        "50 M€ HT",
        "50 millions d'euros",
        "50\u00a0000\u00a0000",
        "50\u202f000\u202f000\u00a0€",
        "50.000.000",
        "50,000,000",
        "50 000 k€",
        "0,05 Md€",
        "  50 000 000 euros hors taxes ",
        "+50 000 000",
    ],
)
def test_fifty_million_written_many_ways(text):
    assert parse_amount(text) == FIFTY_MILLION


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,5 Md€", Decimal("1500000000")),
        ("1.5 Md€", Decimal("1500000000")),
        ("850 M€", Decimal("850000000")),
        ("12 345,67 €", Decimal("12345.67")),
        ("40.000", Decimal("40000")),
        ("0", Decimal("0")),
        ("49 999 999,99", Decimal("49999999.99")),
        ("50 000 000,01 €", Decimal("50000000.01")),
    ],
)
def test_other_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Indiquez un montant"),
        ("   ", "Indiquez un montant"),
        ("-50 000 000", "négatif"),
        ("−5 M€", "négatif"),
        ("cinquante millions", "pas compris"),
        ("50 00 000", "pas compris"),
        ("5 5", "pas compris"),
        ("1e30", "pas compris"),
        ("nan", "pas compris"),
        ("M€", "pas compris"),
        ("60 M€ TTC", "hors taxes"),
        ("999 999 999 999 999", "irréaliste"),
        ("501 Md€", "irréaliste"),
        ("9" * 80, "trop long"),
    ],
)
def test_rejected_amounts_have_a_french_message(text, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(text)


def test_numbers_and_none():
    assert parse_amount(50_000_000) == FIFTY_MILLION
    assert parse_amount(Decimal("1.234")) == Decimal("1.23")
    with pytest.raises(AmountError):
        parse_amount(None)
    with pytest.raises(AmountError):
        parse_amount(-1)
    with pytest.raises(AmountError):
        parse_amount(float("nan"))


@given(st.text(max_size=80))
def test_any_text_is_parsed_or_rejected_with_a_message(text):
    try:
        amount = parse_amount(text)
    except AmountError as error:
        assert str(error)
    else:
        assert Decimal(0) <= amount <= MAX_AMOUNT


@given(st.integers(min_value=0, max_value=int(MAX_AMOUNT)))
def test_formatted_amounts_read_back(value):
    assert parse_amount(format_amount(value)) == value
    assert parse_amount(f"{value:,}".replace(",", " ")) == value
    assert parse_amount(f"{value:,}".replace(",", "\u00a0") + ",00 € HT") == value


@pytest.mark.parametrize(
    "text, expected",
    [("50", Decimal(50)), ("14 %", Decimal(14)), ("12,5 %", Decimal("12.5")), ("", None)],
)
def test_percent(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["-3", "101", "abc", "12,345", "50 %%"])
def test_bad_percent(text):
    with pytest.raises(AmountError):
        parse_percent(text)


@given(st.text(max_size=30))
def test_any_percent_text(text):
    try:
        value = parse_percent(text)
    except AmountError as error:
        assert str(error)
    else:
        assert value is None or 0 <= value <= 100
