"""The compliance rules, hand-worked: each required content present and missing, targets below
the law and below the national plan."""

from decimal import Decimal

import pytest

from redaction import compliance


def complete_content():
    content = compliance.empty_content()
    content["social"].update(
        objectifs="Insertion : 5 % des heures travaillées.", mise_en_oeuvre="Bilan annuel."
    )
    content["ecologique"].update(objectifs="Condition environnementale.", mise_en_oeuvre="Bilan.")
    content["circulaire"].update(objectifs="Réemploi du mobilier.")
    for key, targets in {
        "env": ("100", "100"),
        "social": ("30", "35"),
        "esus": ("3", "5"),
    }.items():
        content["indicateurs"][key] = {
            "measure": "nombre",
            "baseline_year": 2025,
            "baseline": "10",
            "targets": dict(zip(("2027", "2028"), targets, strict=True)),
        }
    content["gouvernance"].update(
        publication_indicateurs=True,
        publication_lieu="https://exemple.fr/spaser",
        pilotage="Vice-président",
        calendrier="Bilan annuel",
        facilitateur="PLIE",
    )
    return content


def keys(result, present):
    return {check.key for check in result.checks if check.present is present}


def test_a_complete_draft_has_every_content_and_no_warning():
    result = compliance.check(complete_content(), 2027, 2028)
    assert result.complete
    assert keys(result, False) == set()
    assert result.warnings == []
    assert result.assessment_contents() == [
        "content_social",
        "content_ecological",
        "content_circular",
        "content_indicators",
        "content_targets",
    ]


def test_an_empty_draft_misses_every_required_content():
    result = compliance.check({}, 2026, 2028)
    assert {c.key for c in result.missing} == {
        "social_objectives",
        "social_follow_up",
        "ecological_objectives",
        "ecological_follow_up",
        "circular_economy",
        "indicators",
        "category_targets",
        "indicators_published",
        "scheme_published",
    }
    assert result.assessment_contents() == []
    # governance and the facilitator are recommended, not required
    assert {c.key for c in result.checks if not c.required} == {"governance", "facilitator"}


@pytest.mark.parametrize(
    "section, field, key",
    [
        ("social", "objectifs", "social_objectives"),
        ("social", "mise_en_oeuvre", "social_follow_up"),
        ("ecologique", "objectifs", "ecological_objectives"),
        ("ecologique", "mise_en_oeuvre", "ecological_follow_up"),
        ("circulaire", "objectifs", "circular_economy"),
        ("gouvernance", "publication_lieu", "scheme_published"),
    ],
)
def test_each_text_content_missing_alone(section, field, key):
    content = complete_content()
    content[section][field] = "   \n "  # blanks do not count
    result = compliance.check(content, 2027, 2028)
    assert [c.key for c in result.missing] == [key]


def test_publication_of_indicators_missing():
    content = complete_content()
    content["gouvernance"]["publication_indicateurs"] = False
    assert [c.key for c in compliance.check(content, 2027, 2028).missing] == [
        "indicators_published"
    ]


def test_an_indicator_needs_a_measure_a_baseline_year_and_every_year_target():
    content = complete_content()
    content["indicateurs"]["social"]["targets"].pop("2028")
    result = compliance.check(content, 2027, 2028)
    assert [c.key for c in result.missing] == ["indicators"]
    assert "la cible de 2028" in result.missing[0].detail

    content = complete_content()
    content["indicateurs"]["env"]["measure"] = ""
    result = compliance.check(content, 2027, 2028)
    assert [c.key for c in result.missing] == ["indicators"]
    assert "la mesure (nombre ou valeur)" in result.missing[0].detail

    content = complete_content()
    content["indicateurs"]["env"]["baseline_year"] = None
    assert [c.key for c in compliance.check(content, 2027, 2028).missing] == ["indicators"]


def test_esus_targets_are_the_per_category_targets():
    content = complete_content()
    content["indicateurs"]["esus"]["targets"] = {"2027": "3"}
    result = compliance.check(content, 2027, 2028)
    assert [c.key for c in result.missing] == ["category_targets"]
    assert result.assessment_contents() == [
        "content_social",
        "content_ecological",
        "content_circular",
        "content_indicators",
    ]


def test_a_longer_period_asks_a_target_for_each_year():
    # Targets for 2027-2028 only: a 2026-2028 scheme lacks 2026.
    result = compliance.check(complete_content(), 2026, 2028)
    assert {c.key for c in result.missing} == {"indicators", "category_targets"}


def test_environmental_target_below_100_from_2027_is_below_the_law():
    content = complete_content()
    content["indicateurs"]["env"]["targets"] = {"2026": "80", "2027": "90", "2028": "100"}
    warnings = compliance.check(content, 2026, 2028).warnings
    # 2026 is the year the clauses came (21 August): only 2027 is below the law.
    assert [(w.indicator, w.year, w.kind, w.target) for w in warnings] == [
        ("env", 2027, "loi", Decimal("90"))
    ]
    assert "90 %" in warnings[0].message
    assert "L2112-2" in warnings[0].message


def test_social_target_below_30_is_below_the_plan_not_the_law():
    content = complete_content()
    content["indicateurs"]["social"]["targets"] = {"2027": "29.5", "2028": "30"}
    warnings = compliance.check(content, 2027, 2028).warnings
    assert [(w.indicator, w.year, w.kind) for w in warnings] == [("social", 2027, "plan")]
    assert "29,5 %" in warnings[0].message
    assert "PNAD 2022-2025" in warnings[0].message
    assert "non une obligation légale" in warnings[0].message


def test_each_rule_cites_its_article():
    for check in compliance.check({}, 2026, 2028).checks:
        if check.required:
            assert "art. L2111-3 du code de la commande publique" in check.source
    targets = next(
        c for c in compliance.check({}, 2026, 2028).checks if c.key == "category_targets"
    )
    assert "L3332-17-1" in targets.source


def test_an_older_draft_missing_keys_reads_as_empty():
    content = {"social": {"objectifs": "x"}, "indicateurs": {"env": {"measure": "valeur"}}}
    data = compliance.merged(content)
    assert data["social"]["objectifs"] == "x"
    assert data["social"]["clauses"] == []
    assert data["indicateurs"]["env"] == {
        "measure": "valeur",
        "baseline_year": None,
        "baseline": "",
        "targets": {},
    }


def test_the_module_imports_no_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(compliance))
    imported = [
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [None])
    ]
    assert not [name for name in imported if name and name.startswith("django")]
