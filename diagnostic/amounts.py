"""Parsing of amounts and percentages as French buyers type them. No Django import.

Accepted amounts (all give 50 000 000 €):
    "50000000", "50 000 000", "50 000 000,00 €", "50 000 000 € HT", "50 M€", "50 millions",
    "50.000.000", "50 000 k€", "0,05 Md€"; non-breaking and narrow spaces count as spaces.
Rejected with a French message (``AmountError``): empty, negative, text, "TTC" amounts (the rule
counts amounts excluding VAT), and absurd amounts above ``MAX_AMOUNT``.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

#: No French public buyer spends 500 billion euros a year: above that, the unit is wrong.
MAX_AMOUNT = Decimal("500000000000")
MAX_INPUT_LENGTH = 60

_MULTIPLIERS = [
    # (pattern at the end of the text, factor); longest first
    (r"(milliards?|mds?|md€|mds€|md ?eur(os?)?)", Decimal("1000000000")),
    (r"(millions?|m€|m ?eur(os?)?|m)", Decimal("1000000")),
    (r"(milliers?|k€|k ?eur(os?)?|k)", Decimal("1000")),
]
_NUMBER = re.compile(r"^[0-9][0-9 .,]*$")


class AmountError(ValueError):
    """An amount or percentage that cannot be read; ``str(error)`` is a French message."""


def _normalise(text):
    text = unicodedata.normalize("NFKC", str(text))
    # NFKC turns U+00A0 and U+202F into plain spaces; thin spaces and tabs too.
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text


def _strip_tax_and_currency(text):
    if re.search(r"\bttc\b", text):
        raise AmountError(
            "Indiquez un montant hors taxes (HT) : le seuil du SPASER se calcule hors taxes."
        )
    text = re.sub(r"\b(h\.?t\.?|hors[ -]taxes?)$", "", text).strip()
    return text


def _read_number(text, has_multiplier):
    """Reads '50 000 000,00', '50.000.000', '1,5', '50,000,000' as a Decimal."""
    if not text or not _NUMBER.match(text):
        return None
    if re.search(r"\d \d{1,2}(?!\d)|\d \d{4,}", text):
        return None  # "50 00 000": spaces must group digits by three
    digits = text.replace(" ", "")
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        decimal_sep = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        if digits.count(decimal_sep) > 1:
            return None
        digits = digits.replace(thousands, "").replace(decimal_sep, ".")
    elif commas > 1 or dots > 1:
        separator = "," if commas else "."
        groups = digits.split(separator)
        if any(len(group) != 3 for group in groups[1:]):
            return None
        digits = "".join(groups)
    elif commas == 1:
        digits = digits.replace(",", ".")
    elif dots == 1:
        head, tail = digits.split(".")
        if len(tail) == 3 and not has_multiplier:
            digits = head + tail  # "50.000" is fifty thousand in French writing
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def parse_amount(value):
    """Returns the amount in euros HT as a Decimal rounded to the cent, or raises AmountError."""
    if value is None:
        raise AmountError("Indiquez un montant.")
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise AmountError("Ce montant n'est pas un nombre.")
        return _check_bounds(amount)
    text = _normalise(value)
    if not text:
        raise AmountError("Indiquez un montant.")
    if len(text) > MAX_INPUT_LENGTH:
        raise AmountError("Ce montant est trop long : écrivez par exemple 50 000 000 ou 50 M€.")
    if text.startswith(("-", "−", "–")):
        raise AmountError("Le montant ne peut pas être négatif.")
    text = text.lstrip("+").strip()
    text = _strip_tax_and_currency(text)
    text = re.sub(r"\s*(€|eur|euros?|d['’] ?euros?)$", "", text).strip()
    factor = Decimal(1)
    for pattern, multiplier in _MULTIPLIERS:
        match = re.search(r"\s*" + pattern + r"$", text)
        if match and match.start() > 0:
            factor = multiplier
            text = text[: match.start()].strip()
            break
    text = re.sub(r"\s*(€|eur|euros?)$", "", text).strip()
    number = _read_number(text, has_multiplier=factor != 1)
    if number is None:
        raise AmountError(
            "Ce montant n'est pas compris : écrivez par exemple 50 000 000, 50 000 000,00 € ou 50 M€."
        )
    return _check_bounds(number * factor)


def _check_bounds(amount):
    if amount < 0:
        raise AmountError("Le montant ne peut pas être négatif.")
    if amount > MAX_AMOUNT:
        raise AmountError(
            "Ce montant paraît irréaliste (plus de 500 milliards d'euros) : vérifiez l'unité."
        )
    return amount.quantize(Decimal("0.01"))


def parse_percent(value):
    """'50', '50 %', '12,5 %', '0.5' (read as 0.5 %) → Decimal between 0 and 100; '' → None."""
    if value is None:
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = _normalise(value)
        if not text:
            return None
        if len(text) > 20:
            raise AmountError("Indiquez un pourcentage entre 0 et 100, par exemple 30 ou 12,5 %.")
        if text.startswith(("-", "−", "–")):
            raise AmountError("Un pourcentage ne peut pas être négatif.")
        text = re.sub(r"\s*(%|pour ?cent|pourcents?)$", "", text).strip().replace(",", ".")
        if not re.fullmatch(r"\d{1,3}(\.\d{1,2})?", text):
            raise AmountError("Indiquez un pourcentage entre 0 et 100, par exemple 30 ou 12,5 %.")
        number = Decimal(text)
    if not number.is_finite() or number < 0 or number > 100:
        raise AmountError("Un pourcentage doit être compris entre 0 et 100.")
    return number.quantize(Decimal("0.01"))


def format_amount(amount):
    """50000000 → '50 000 000 €' (narrow no-break spaces as thousands separators)."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    whole, cents = divmod(abs(amount), 1)
    text = f"{int(whole):,}".replace(",", "\u202f")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return text + "\u00a0€"
