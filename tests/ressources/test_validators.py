import pytest
from django.core.exceptions import ValidationError

from ressources.validators import (
    parse_cpv_codes,
    validate_article,
    validate_cpv_codes,
    validate_timecode,
)

from . import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value", ["45000000-7", "45000000-7\n90911200-8", "55523100-3, 15800000-6", ""]
)
def test_valid_cpv_codes(value):
    validate_cpv_codes(value)


@pytest.mark.parametrize(
    "value", ["4500000-7", "45000000", "45000000-77", "ABCDEFGH-1", "00000000-0"]
)
def test_invalid_cpv_codes_are_explained_in_french(value):
    with pytest.raises(ValidationError) as error:
        validate_cpv_codes(value)
    assert "n'est pas un code CPV valide" in " ".join(error.value.messages)


def test_every_bad_code_is_named(clause_index):
    page = factories.clause(clause_index)
    page.cpv_codes = "45000000-7\n4500-7\n90911200"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    messages = error.value.message_dict["cpv_codes"]
    assert len(messages) == 2
    assert "« 4500-7 » n'est pas un code CPV valide" in messages[0]
    assert "8 chiffres, un tiret et un chiffre de contrôle, par exemple 45000000-7" in messages[0]
    assert "« 90911200 »" in messages[1]


def test_parse_cpv_codes():
    assert parse_cpv_codes(" 45000000-7 ;90911200-8\n\n") == ["45000000-7", "90911200-8"]


@pytest.mark.parametrize("value", ["L2112-2", "L2113-12", "L2152-7", "R2152-7", "D2111-3"])
def test_valid_articles(value):
    validate_article(value)


@pytest.mark.parametrize("value", ["article 12", "2112-2", "L21-2"])
def test_invalid_articles(value):
    with pytest.raises(ValidationError) as error:
        validate_article(value)
    assert "code de la commande publique" in error.value.messages[0]


@pytest.mark.parametrize(
    "value,ok", [("04:10", True), ("1:05:00", True), ("4h10", False), ("99:99", False)]
)
def test_timecodes(value, ok):
    if ok:
        validate_timecode(value)
    else:
        with pytest.raises(ValidationError, match="mm:ss"):
            validate_timecode(value)
