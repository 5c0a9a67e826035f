"""Postcode → département (portal.geography), boundaries first. No database."""

import pytest

from portal import geography
from portal.geography import (
    CORSICA_UNASSIGNED,
    DEPARTEMENTS,
    NOT_A_DEPARTEMENT,
    NOT_A_POSTCODE,
    UNKNOWN,
    departement_for_postcode,
    normalise_departement,
    parse_departements,
)


@pytest.mark.parametrize(
    "postcode,departement",
    [
        ("01000", "01"),  # the first postcode of the mainland
        ("35000", "35"),
        ("75001", "75"),
        ("95880", "95"),
        ("19000", "19"),  # just below Corsica
        ("21000", "21"),  # just above Corsica
        # Corsica: 200xx and 201xx are Corse-du-Sud, 202xx and 206xx Haute-Corse.
        ("20000", "2A"),
        ("20090", "2A"),
        ("20190", "2A"),
        ("20199", "2A"),
        ("20200", "2B"),
        ("20290", "2B"),
        ("20299", "2B"),
        ("20600", "2B"),
        ("20620", "2B"),
        ("20699", "2B"),
        # Overseas départements: three digits.
        ("97100", "971"),
        ("97139", "971"),  # Les Abymes: Guadeloupe, beside Saint-Barthélemy's 97133
        ("97200", "972"),
        ("97300", "973"),
        ("97400", "974"),
        ("97490", "974"),
        ("97600", "976"),
    ],
)
def test_postcode_gives_its_departement(postcode, departement):
    lookup = departement_for_postcode(postcode)
    assert (lookup.departement, lookup.problem) == (departement, None)


@pytest.mark.parametrize(
    "postcode,problem",
    [
        ("20300", CORSICA_UNASSIGNED),
        ("20599", CORSICA_UNASSIGNED),
        ("20700", CORSICA_UNASSIGNED),
        ("20999", CORSICA_UNASSIGNED),
        ("97500", NOT_A_DEPARTEMENT),  # Saint-Pierre-et-Miquelon
        ("97133", NOT_A_DEPARTEMENT),  # Saint-Barthélemy
        ("97150", NOT_A_DEPARTEMENT),  # Saint-Martin
        ("98000", NOT_A_DEPARTEMENT),  # Monaco
        ("98800", NOT_A_DEPARTEMENT),  # Nouvelle-Calédonie
        ("97700", UNKNOWN),
        ("97000", UNKNOWN),
        ("00000", UNKNOWN),
        ("00999", UNKNOWN),
        ("96000", UNKNOWN),
        ("99999", UNKNOWN),
    ],
)
def test_postcode_without_departement_says_why(postcode, problem):
    lookup = departement_for_postcode(postcode)
    assert (lookup.departement, lookup.problem) == (None, problem)


def test_a_collectivite_is_named():
    assert departement_for_postcode("97500").place == "Saint-Pierre-et-Miquelon"
    assert departement_for_postcode("97133").place == "Saint-Barthélemy"
    assert departement_for_postcode("98000").place == "Monaco"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "3500",
        "350000",
        "35 000",
        " 35000",
        "35000\n",
        "3500a",
        "٣٥٠٠٠",
        "３５０００",
        "2A000",
        None,
    ],
)
def test_only_five_ascii_digits_are_a_postcode(value):
    assert departement_for_postcode(value) == geography.Lookup(None, NOT_A_POSTCODE)


@pytest.mark.parametrize(
    "typed,code",
    [
        ("35", "35"),
        ("5", "05"),
        ("05", "05"),
        ("2a", "2A"),
        (" 2B ", "2B"),
        ("974", "974"),
        ("976", "976"),
        ("20", None),  # split in 1976
        ("975", None),  # Saint-Pierre-et-Miquelon: a collectivité d'outre-mer
        ("977", None),
        ("96", None),
        ("00", None),
        ("٣٥", None),
        ("", None),
        (None, None),
    ],
)
def test_departement_codes(typed, code):
    assert normalise_departement(typed) == code


def test_a_typed_list_is_read_in_the_cog_order_without_duplicates():
    assert parse_departements("56, 35 ;29 22\n35, 2b") == (["2B", "22", "29", "35", "56"], [])
    assert parse_departements("35, 20, 975, abc") == (["35"], ["20", "975", "abc"])
    assert parse_departements("") == ([], [])


def test_the_cog_holds_101_departements_each_in_a_portal_region():
    from portal.models import REGIONS

    assert len(DEPARTEMENTS) == 101
    regions = {code for code, _name in REGIONS}
    assert {region for _name, region in DEPARTEMENTS.values()} == regions
    assert geography.departements_of_region("COR") == ["2A", "2B"]
    assert geography.region_of("974") == "LRE" and geography.departement_name("2B") == "Haute-Corse"
