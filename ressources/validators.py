"""Validators for resource fields: CPV codes, video timecodes, articles of the code."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CPV_RE = re.compile(r"^\d{8}-\d$")
TIMECODE_RE = re.compile(r"^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$")
ARTICLE_RE = re.compile(r"^[LRD]\.? ?\d{4}-\d+(?:-\d+)?$")


def parse_cpv_codes(value):
    """The codes of a text field holding one CPV code per line (commas and semicolons too)."""
    return [code.strip() for code in re.split(r"[\n,;]+", value or "") if code.strip()]


def validate_cpv_code(code):
    if not CPV_RE.match(code):
        raise ValidationError(
            _(
                "« %(code)s » n'est pas un code CPV valide : le format attendu est 8 chiffres, "
                "un tiret et un chiffre de contrôle, par exemple 45000000-7."
            ),
            code="invalid_cpv",
            params={"code": code},
        )
    if code.startswith("00"):
        raise ValidationError(
            _("« %(code)s » n'est pas un code CPV valide : aucune division ne commence par 00."),
            code="invalid_cpv",
            params={"code": code},
        )


def validate_cpv_codes(value):
    errors = []
    for code in parse_cpv_codes(value):
        try:
            validate_cpv_code(code)
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)


def timecode_seconds(value):
    match = TIMECODE_RE.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def validate_timecode(value):
    if timecode_seconds(value) is None:
        raise ValidationError(
            _("Le minutage doit s'écrire mm:ss ou hh:mm:ss, par exemple 12:30 ou 1:05:00."),
            code="invalid_timecode",
        )


def validate_article(value):
    if not ARTICLE_RE.match(value.strip()):
        raise ValidationError(
            _(
                "Indiquez un article du code de la commande publique, par exemple L2112-2, "
                "L2113-12 ou R2152-7."
            ),
            code="invalid_article",
        )
