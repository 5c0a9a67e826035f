import io
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diagnostic.decp import ENV_VALUES, SOCIAL_VALUES, DecpError, parse
from diagnostic.sample import AMP_SIREN, SAMPLE_PATH, contract, sample_records, siret, write_decp

FIXTURES = Path(SAMPLE_PATH).parent
AMP = siret(AMP_SIREN, 1)


def as_file(data):
    if isinstance(data, bytes):
        return io.BytesIO(data)
    if isinstance(data, str):
        return io.BytesIO(data.encode("utf-8"))
    return io.BytesIO(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def record(number=1, social=("Clause sociale",), env=("Clause environnementale",), **extra):
    import random

    data = contract(number, AMP, 2024, random.Random(number), social=list(social), env=list(env))
    data.update(extra)
    return data


def regulatory(*records):
    return {"marches": {"marche": list(records)}}


def test_sample_file_follows_the_official_schema_and_is_up_to_date():
    schema = json.loads((FIXTURES / "schema_decp_v2.0.3.json").read_text(encoding="utf-8"))
    data = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["marches"]["marche"] == json.loads(json.dumps(sample_records()))


def test_sample_file_figures():
    with open(SAMPLE_PATH, "rb") as fileobj:
        result = parse(fileobj, buyer=AMP_SIREN)
    assert result.records == 15 and result.matched == 12 and result.warnings == []
    year, stats = result.for_buyer(AMP_SIREN)
    assert year == 2024 and stats.contracts == 12
    assert stats.env_any == 8 and stats.env_share == 66.7
    assert stats.social_any == 5 and stats.social_share == 41.7
    for value in SOCIAL_VALUES + ENV_VALUES:
        assert stats.by_value[value] >= 1


@pytest.mark.parametrize("value", SOCIAL_VALUES)
def test_every_social_value(value):
    result = parse(as_file(regulatory(record(social=[value]))))
    _year, stats = result.for_buyer()
    assert stats.social_known == 1
    assert stats.social_any == (0 if value.startswith("Pas de") else 1)
    assert stats.by_value[value] == 1


@pytest.mark.parametrize("value", ENV_VALUES)
def test_every_environmental_value(value):
    result = parse(as_file(regulatory(record(env=[value]))))
    _year, stats = result.for_buyer()
    assert stats.env_any == (0 if value.startswith("Pas de") else 1)


def test_consolidated_variants():
    records = [
        record(1, social=["Sans objet"], env=["Sans objet"]),
        record(2, social=["Clause sociale ; Critère social"], env=["Critère environnemental"]),
        {**record(3), "considerationsSociales": "Marché réservé ; Clause sociale"},
        {**record(4), "considerationsEnvironnementales": ["clause environnementale"]},
        {**record(5), "considerationsSociales": {"considerationSociale": "Critere social"}},
        {**record(6), "_type": "Contrat de concession"},
    ]
    result = parse(as_file({"marches": records}))
    assert result.shape.startswith("consolidé")
    assert result.concessions_skipped == 1
    _year, stats = result.for_buyer(AMP)
    assert stats.contracts == 5
    assert stats.social_any == 4  # all but the "Sans objet" one
    assert stats.env_any == 4
    assert stats.by_value["Pas de considération sociale"] == 1
    assert stats.by_value["Critère social"] == 2
    assert any("concession" in w for w in result.warnings)


def test_2019_format_is_accepted_with_a_warning():
    old = {
        "id": "2019-0001",
        "acheteur": {"id": AMP, "nom": "Métropole"},
        "nature": "Marché",
        "dateNotification": "2019-05-02",
        "montant": 120000,
    }
    result = parse(as_file({"marches": [old, {**old, "id": "2019-0002"}]}))
    year, stats = result.for_buyer(AMP_SIREN)
    assert year == 2019 and stats.contracts == 2
    assert stats.env_share is None and stats.social_share is None
    assert any("format 2019" in w and "inconnus" in w for w in result.warnings)


def test_partly_known_considerations_are_counted_on_known_contracts_only():
    old = record(2)
    del old["considerationsSociales"], old["considerationsEnvironnementales"]
    result = parse(as_file(regulatory(record(1), old)))
    _year, stats = result.for_buyer()
    assert stats.contracts == 2 and stats.env_known == 1 and stats.env_share == 100.0
    assert any("n'indiquent pas" in w for w in result.warnings)


def test_defence_contracts_are_excluded():
    result = parse(
        as_file(regulatory(record(1), record(2, nature="Marché de défense ou de sécurité")))
    )
    _year, stats = result.for_buyer()
    assert stats.contracts == 1 and stats.defence_excluded == 1


def test_filter_by_siren_or_siret_and_year():
    other = siret(AMP_SIREN, 2)
    records = [record(1), {**record(2), "acheteur": {"id": other}}]
    records.append({**record(3), "dateNotification": "2025-02-03"})
    records.append({**record(4), "acheteur": {"id": siret("244400404", 1)}})
    data = as_file(regulatory(*records))
    assert parse(data, buyer=AMP_SIREN).matched == 3
    result = parse(data, buyer=AMP)
    assert result.matched == 2
    assert result.years(AMP) == [2024, 2025]
    assert result.for_buyer(AMP, 2024)[1].contracts == 1
    assert result.for_buyer(AMP)[0] == 2025  # the latest year by default
    assert parse(data, buyer="244400404").for_buyer("244400404")[1].contracts == 1
    nobody = parse(data, buyer="213000000")
    assert nobody.matched == 0 and "Aucun marché" in nobody.warnings[0]


def test_byte_order_mark_and_other_buyers_errors_ignored_when_filtering():
    bad_other = {**record(2), "acheteur": {"id": "123"}, "montant": "beaucoup"}
    data = b"\xef\xbb\xbf" + json.dumps(regulatory(record(1), bad_other)).encode()
    assert parse(io.BytesIO(data), buyer=AMP_SIREN).matched == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "vide"),
        (b"   ", "vide"),
        (b"[1, 2]", "« marches »"),
        (b'{"autre": []}', "introuvable"),
        (b'{"marches": "non"}', "liste ou un objet"),
        (b'{"marches": {"contrat-concession": []}}', "aucun marché"),
        (b'{"marches": [', "JSON valide"),
        (b"not json at all", "JSON valide"),
        (b"\xff\xfe\x00{", "JSON valide"),
    ],
)
def test_broken_or_wrong_files(content, message):
    with pytest.raises(DecpError, match=message):
        parse(io.BytesIO(content))


def test_broken_json_names_the_last_good_record():
    text = json.dumps(regulatory(record(1), record(2)))
    truncated = text[: text.index('"2024-000002"') + 40]
    with pytest.raises(DecpError) as error:
        parse(as_file(truncated))
    assert "n° 1" in str(error.value) and "2024-000001" in str(error.value)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"acheteur": {"id": "12345"}}, "SIRET de l'acheteur"),
        ({"acheteur": "Métropole"}, "SIRET de l'acheteur"),
        ({"dateNotification": "02/05/2024"}, "AAAA-MM-JJ"),
        ({"dateNotification": "2024-02-30"}, "n'existe pas"),
        ({"montant": -5}, "négatif"),
        ({"montant": "cher"}, "pas un nombre"),
        ({"montant": None}, "absent"),
        ({"considerationsSociales": {"considerationSociale": ["Clause verte"]}}, "Clause verte"),
        ({"considerationsEnvironnementales": 12}, "liste"),
        ({"considerationsSociales": [{"x": 1}]}, "pas un texte"),
        ({"id": None}, "identifiant"),
    ],
)
def test_first_bad_record_is_named(change, message):
    bad = {**record(3), **change}
    with pytest.raises(DecpError) as error:
        parse(as_file(regulatory(record(1), record(2), bad, {**record(4), "montant": -1})))
    text = str(error.value)
    assert message in text
    assert "n° 3" in text
    if change.get("id", "x") is not None:
        assert "2024-000003" in text


def test_record_that_is_not_an_object():
    with pytest.raises(DecpError, match="n° 2"):
        parse(as_file(regulatory(record(1), "texte")))


def test_amount_as_string_and_buyer_filter_validation():
    result = parse(as_file(regulatory({**record(1), "montant": "45000.50"})))
    assert result.for_buyer()[1].value == 45000.5
    with pytest.raises(DecpError, match="SIREN"):
        parse(as_file(regulatory(record(1))), buyer="12AB")


def test_streamed_writer_gives_both_shapes():
    for shape in ("regulatory", "consolidated"):
        buffer = io.StringIO()
        write_decp(buffer, (record(n) for n in range(1, 4)), shape=shape)
        assert parse(as_file(buffer.getvalue())).matched == 3


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_result_or_a_message(content):
    try:
        parse(io.BytesIO(content))
    except DecpError as error:
        assert str(error)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(
    st.sampled_from(["regulatory", "consolidated", "top"]),
    st.lists(json_values, max_size=4),
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "acheteur",
                "dateNotification",
                "montant",
                "nature",
                "considerationsSociales",
                "considerationsEnvironnementales",
                "_type",
            ]
        ),
        json_values,
    ),
)
def test_any_json_gives_a_result_or_a_message(shape, items, overrides):
    items = items + [{**record(1), **overrides}]
    data = {"regulatory": regulatory(*items), "consolidated": {"marches": items}, "top": items}[
        shape
    ]
    try:
        parse(as_file(data))
    except DecpError as error:
        assert str(error)
