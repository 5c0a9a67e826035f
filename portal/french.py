"""French typography for dates, times, numbers and punctuation: one helper, used by `{% load french %}`.

- dates: « mardi 1er décembre 2026 » (1er for the first of the month), times « 11 h 00 »;
- numbers: thousands separated by a narrow no-break space (« 12 500 »), decimal comma (« 13,4 »);
- euros: « 850 000 000 € »;
- punctuation: a no-break space before « : ; ! ? » and inside « … » (narrow before ; ! ?).
"""

import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import dateformat, timezone

NBSP = "\u00a0"  # espace insécable (before « : » and inside guillemets)
NNBSP = "\u202f"  # espace fine insécable (before « ; ! ? » and between thousands)


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day(value):
    return "1er" if value.day == 1 else str(value.day)


def date_fr(value, weekday=False):
    """« 1er décembre 2026 », or with `weekday` « mardi 1er décembre 2026 »."""
    if not isinstance(value, (date, datetime)):
        return ""
    value = _local(value)
    text = f"{day(value)} {dateformat.format(value, 'F Y')}"
    return f"{dateformat.format(value, 'l')} {text}" if weekday else text


def time_fr(value):
    """« 11 h 00 » (no-break spaces)."""
    if not isinstance(value, datetime) and not hasattr(value, "hour"):
        return ""
    value = _local(value)
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def datetime_fr(value, weekday=False):
    """« mardi 1er décembre 2026 à 11 h 00 »."""
    if not isinstance(value, datetime):
        return date_fr(value, weekday)
    return f"{date_fr(value, weekday)} à {time_fr(value)}"


def number_fr(value, decimals=None):
    """« 12 500 », « 13,4 »: narrow no-break space between thousands, decimal comma."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if decimals is not None:
        number = round(number, decimals)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NNBSP.join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def euros_fr(value, decimals=0):
    """« 850 000 000 € »."""
    text = number_fr(value, decimals)
    return f"{text}{NBSP}€" if text else ""


_SEMICOLON = re.compile(r"[ \u00a0\u202f]+;")  # only after a space: « &amp; » is left alone
_BANG = re.compile(r"(?<=[^\s\u00a0\u202f])[ \u00a0\u202f]*([!?])")
_COLON = re.compile(r"(?<=[^\s\u00a0\u202f])[ \u00a0\u202f]*:(?=\s|$)")
_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_CLOSE = re.compile(r"[ \u00a0\u202f]*»")


def typography(text):
    """No-break spaces where French typography puts them: before « : » (not in « 11:00 » or
    « https:// »), before « ; ! ? », after « and before »."""
    if not text:
        return text
    text = str(text)
    text = _COLON.sub(NBSP + ":", text)
    text = _SEMICOLON.sub(NNBSP + ";", text)
    text = _BANG.sub(NNBSP + r"\1", text)
    text = _OPEN.sub("«" + NBSP, text)
    return _CLOSE.sub(NBSP + "»", text)
