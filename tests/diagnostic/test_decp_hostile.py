"""Hostile DECP files: bounded work and a French message, never a crash (issue cases 1 to 3)."""

import html
import io
import json
import subprocess
import sys
import tracemalloc
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnostic import json_bounds
from diagnostic.decp import DecpError, parse
from diagnostic.json_bounds import BoundedReader
from diagnostic.sample import AMP_SIREN, contracts, siret, write_decp

AMP = siret(AMP_SIREN, 1)


def record(number=1, **extra):
    return {
        "id": f"2024-{number:06d}",
        "acheteur": {"id": AMP},
        "nature": "Marché",
        "dateNotification": "2024-03-01",
        "montant": 1000,
        "considerationsSociales": ["Clause sociale"],
        "considerationsEnvironnementales": ["Pas de considération environnementale"],
        **extra,
    }


def consolidated(*records):
    return json.dumps({"marches": list(records)}).encode()


def huge_amount_file(digits):
    """Issue case 1: a 4.4 KB file whose only record has a 4,301-digit amount."""
    text = json.dumps({"marches": [record(montant=0)]})
    return text.replace('"montant": 0', '"montant": ' + "9" * digits).encode()


def test_a_4301_digit_amount_is_refused_without_killing_the_process():
    data = huge_amount_file(4301)
    assert 4_000 < len(data) < 5_000
    code = (
        "import io, sys\n"
        "from diagnostic.decp import DecpError, parse\n"
        "try:\n"
        "    parse(io.BytesIO(sys.stdin.buffer.read()))\n"
        "except DecpError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode()[-500:]
    message = done.stdout.decode()
    assert "100 chiffres" in message and "n° 1" in message


@pytest.mark.parametrize("digits", [101, 4300, 4301, 100_000])
def test_long_numbers_are_refused_before_the_parser_sees_them(digits):
    with pytest.raises(DecpError, match="plus de 100 chiffres"):
        parse(io.BytesIO(huge_amount_file(digits)))


def test_long_digit_runs_split_across_chunks_are_counted(monkeypatch):
    monkeypatch.setattr(json_bounds, "CHUNK_BYTES", 32)
    with pytest.raises(DecpError, match="plus de 100 chiffres"):
        parse(io.BytesIO(huge_amount_file(150)))
    assert parse(io.BytesIO(consolidated(record(), record(2)))).matched == 2


def deep_file(levels):
    """Issue case 2: 400 KB of brackets in the first record."""
    head = b'{"marches":[{"id":"1","acheteur":{"id":"20005480700010"},"x":'
    return head + b"[" * levels + b"]" * levels + b"}]}"


@pytest.mark.parametrize("levels", [8, 10_000, 200_000])
def test_deep_nesting_is_refused_with_flat_memory(levels):
    data = deep_file(levels)
    tracemalloc.start()
    try:
        with pytest.raises(DecpError) as error:
            parse(io.BytesIO(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "plus de 10 niveaux" in str(error.value)
    assert "n° 1" in str(error.value)
    assert peak < 5_000_000, peak


def test_nesting_error_names_the_record_after_the_last_good_one():
    records = [record(n) for n in range(1, 300)]
    records[249]["x"] = [[[[[[[[[[1]]]]]]]]]]
    with pytest.raises(DecpError, match="n° 250"):
        parse(io.BytesIO(consolidated(*records)))


def test_ten_levels_are_enough_for_the_regulatory_format():
    titulaire = {"titulaire": {"typeIdentifiant": "SIRET", "id": "12345678900011"}}
    contract = record(modifications=[{"modification": {"titulaires": [titulaire]}}])
    data = json.dumps({"marches": {"marche": [contract]}}).encode()
    assert parse(io.BytesIO(data)).matched == 1


def test_huge_strings_and_records_are_refused():
    with pytest.raises(DecpError, match="un texte dépasse 64 Ko"):
        parse(io.BytesIO(consolidated(record(objet="é" * 40_000))))
    many = record(titulaires=[{"id": "1" * 30} for _ in range(20_000)])
    with pytest.raises(DecpError, match="un enregistrement dépasse 256 Ko"):
        parse(io.BytesIO(consolidated(record(), many)))


def test_escaped_quotes_and_backslashes_do_not_fool_the_scanner(monkeypatch):
    monkeypatch.setattr(json_bounds, "CHUNK_BYTES", 16)
    tricky = record(objet='a \\" [[[[[[[[[[[[ \\\\" ' + "9" * 200 + ' \\\\\\" ]]]}')
    assert parse(io.BytesIO(consolidated(tricky))).matched == 1


def test_twice_1e308_is_refused_instead_of_an_infinite_total():
    data = consolidated(record(1), record(2, montant=1e308), record(3, montant=1e308))
    with pytest.raises(DecpError) as error:
        parse(io.BytesIO(data))
    text = str(error.value)
    assert "n° 2" in text and "100 milliards" in text and "2024-000002" in text


@pytest.mark.parametrize("value", ["1e308", "inf", "NaN", "-inf", "9" * 50])
def test_amounts_as_text_must_be_finite_and_realistic(value):
    with pytest.raises(DecpError, match="montant"):
        parse(io.BytesIO(consolidated(record(montant=value))))


@pytest.mark.parametrize("value", ["9999-12-31", "1999-12-31", f"{date.today().year + 2}-01-01"])
def test_dates_outside_2000_to_next_year_are_refused(value):
    with pytest.raises(DecpError) as error:
        parse(io.BytesIO(consolidated(record(dateNotification=value))))
    assert f"n'est pas entre 2000 et {date.today().year + 1}" in str(error.value)
    assert "n° 1" in str(error.value)


def test_invalid_utf8_gives_a_french_sentence_without_raw_bytes():
    data = consolidated(record(1), record(2, objet="XXXX"))
    data = data.replace(b"XXXX", b"\xff\xfe\xfa")
    with pytest.raises(DecpError) as error:
        parse(io.BytesIO(data))
    text = str(error.value)
    assert "pas encodé en UTF-8" in text and "n° 2" in text
    assert "b'" not in text and "\\x" not in text and "lexical" not in text


@pytest.mark.parametrize(
    "data",
    [
        b'{"marches": [{"id": 1, }]}',
        b'{"marches": [1 garbage',
        b'{"marches": [{"id": "\x01"}]}',
        b'{"marches": [{"montant": 123456789012345678901234567890}]}',
    ],
)
def test_syntax_errors_are_french_sentences(data):
    with pytest.raises(DecpError) as error:
        parse(io.BytesIO(data))
    text = str(error.value)
    assert "JSON" in text and "b'" not in text and "error" not in text


def test_a_split_multibyte_character_is_not_an_error(monkeypatch):
    monkeypatch.setattr(json_bounds, "CHUNK_BYTES", 17)
    data = consolidated(record(objet="Économie circulaire — 🌍 déchets"))
    assert parse(io.BytesIO(data)).matched == 1


def test_bounded_reader_hands_over_every_byte_of_a_normal_file(tmp_path):
    path = tmp_path / "decp.json"
    with open(path, "w", encoding="utf-8") as fileobj:
        write_decp(fileobj, contracts(200, [AMP], years=(2024,)))
    original = path.read_bytes()
    with open(path, "rb") as fileobj:
        reader = BoundedReader(fileobj, record_depth=3)
        chunks = iter(lambda: reader.read(7_000), b"")
        assert b"".join(chunks) == original
    assert reader.error is None and reader.depth == 0


def read_all(reader, size):
    out = []
    try:
        while chunk := reader.read(size):
            out.append(chunk)
    except json_bounds.BoundsError:
        pass
    return b"".join(out)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [b"[", b"]", b"{", b"}", b'"', b"\\", b"9" * 30, b"\xc3\xa9", b"\xff", b",", b"a"]
        ),
        max_size=300,
    ),
    st.integers(min_value=16, max_value=64),
)
def test_the_fast_check_and_the_byte_scan_agree(pieces, chunk):
    """Whatever the bytes and the chunk size, the reader stops exactly at the first bad byte."""
    data = b'{"marches":[' + b"".join(pieces)
    whole = BoundedReader(io.BytesIO(data), record_depth=2)
    out = read_all(whole, 1 << 16)
    chunked = BoundedReader(io.BytesIO(data), record_depth=2)
    assert read_all(chunked, chunk) == out
    if whole.error is None:
        assert out == data and chunked.error is None
    else:
        assert str(whole.error) == str(chunked.error)
        assert out == data[: whole.error.offset]


# --- Through the import page, as the member of issue 11 ---------------------------------------


def post_file(client, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("decp.json", content, content_type="application/json")
    response = client.post(
        "/diagnostic/import-decp/", {"file": upload, "siret": "200054807"}, follow=True
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_import_page_answers_each_hostile_file_with_a_french_message(org_client):
    amp = siret("200054807", 10)
    cases = [
        (huge_amount_file(4301), "plus de 100 chiffres"),
        (deep_file(200_000), "plus de 10 niveaux"),
        (
            consolidated(
                record(1, acheteur={"id": amp}, montant=1e308),
                record(2, acheteur={"id": amp}, montant=1e308),
            ),
            "100 milliards",
        ),
        (consolidated(record(acheteur={"id": amp}, dateNotification="9999-12-31")), "entre 2000"),
        (consolidated(record(acheteur={"id": amp})).replace(b"Clause", b"Cl\xffuse"), "UTF-8"),
    ]
    for content, message in cases:
        page = post_file(org_client, content)
        assert message in page, message
        assert "inf" not in page.split("Montant total")[-1][:40]
        assert "nan %" not in page and "b'" not in page and "Indicateurs calculés" not in page
