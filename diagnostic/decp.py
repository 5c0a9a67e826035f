"""Streamed reading of DECP files (données essentielles de la commande publique). No Django import.

Reads the regulatory format 2.0.x ({"marches": {"marche": [...]}}), the consolidated national files
({"marches": [...]}, "Sans objet" for "Pas de considération …", several values joined with " ; ")
and the 2019 format (no consideration fields: the social and environmental indicators are then
unknown, never guessed). Records are read one at a time with ijson over the file object, so a
500 MB national file is never loaded whole in memory; only per-buyer, per-year counters are kept.

Usage::

    with open("decp.json", "rb") as f:
        result = parse(f, buyer="200054807")     # SIREN (9 digits) or SIRET (14 digits)
    year, stats = result.for_buyer("200054807")
    stats.env_share, stats.social_share          # % of contracts, None when unknown
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import ijson

from .json_bounds import BoundedReader, BoundsError

# Amounts above this are typing errors or hostile (the largest French contracts are a few billion).
MAX_AMOUNT = 100_000_000_000
FIRST_YEAR = 2000

SOCIAL_VALUES = [
    "Clause sociale",
    "Critère social",
    "Marché réservé",
    "Pas de considération sociale",
]
ENV_VALUES = [
    "Clause environnementale",
    "Critère environnemental",
    "Pas de considération environnementale",
]
SOCIAL_NONE = "Pas de considération sociale"
ENV_NONE = "Pas de considération environnementale"
NATURE_DEFENCE = "Marché de défense ou de sécurité"


class DecpError(ValueError):
    """A file that cannot be read; ``str(error)`` is a French message naming the bad record."""

    def __init__(self, message, index=None, record_id=None):
        self.index, self.record_id = index, record_id
        if index is not None:
            where = f"l'enregistrement n° {index}"
            if record_id not in (None, ""):
                where += f" (id « {str(record_id)[:40]} »)"
            message = f"Erreur dans {where} : {message}"
        super().__init__(message)


@lru_cache(maxsize=4096)
def _fold(text):
    """Accent-, case- and space-insensitive form; callers pass at most 200 characters."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().casefold()


_SOCIAL_BY_FOLD = {_fold(v): v for v in SOCIAL_VALUES} | {"sans objet": SOCIAL_NONE}
_NATURE_DEFENCE_FOLD = _fold(NATURE_DEFENCE)
_ENV_BY_FOLD = {_fold(v): v for v in ENV_VALUES} | {"sans objet": ENV_NONE}


@dataclass
class Stats:
    """Counters for one buyer (SIRET) and one year of notification."""

    contracts: int = 0
    value: float = 0.0
    defence_excluded: int = 0
    social_known: int = 0
    social_known_value: float = 0.0
    social_any: int = 0
    social_any_value: float = 0.0
    env_known: int = 0
    env_known_value: float = 0.0
    env_any: int = 0
    env_any_value: float = 0.0
    by_value: dict = field(default_factory=dict)

    def merge(self, other):
        for name in (
            "contracts value defence_excluded social_known social_known_value social_any "
            "social_any_value env_known env_known_value env_any env_any_value"
        ).split():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, count in other.by_value.items():
            self.by_value[key] = self.by_value.get(key, 0) + count
        return self

    @staticmethod
    def _share(part, whole):
        return round(100.0 * part / whole, 1) if whole else None

    @property
    def social_share(self):
        """% of contracts (with known considerations) that have at least one social one."""
        return self._share(self.social_any, self.social_known)

    @property
    def env_share(self):
        return self._share(self.env_any, self.env_known)

    @property
    def social_value_share(self):
        return self._share(self.social_any_value, self.social_known_value)

    @property
    def env_value_share(self):
        return self._share(self.env_any_value, self.env_known_value)

    @property
    def social_unknown(self):
        return self.contracts - self.social_known

    @property
    def env_unknown(self):
        return self.contracts - self.env_known


@dataclass
class ImportResult:
    stats: dict = field(default_factory=dict)  # (siret, year) -> Stats
    records: int = 0
    matched: int = 0
    concessions_skipped: int = 0
    shape: str = ""
    warnings: list = field(default_factory=list)

    def years(self, buyer=""):
        return sorted({year for siret, year in self.stats if siret.startswith(buyer)})

    def for_buyer(self, buyer="", year=None):
        """(year, merged Stats) for the establishments whose SIRET starts with `buyer`."""
        years = self.years(buyer)
        if not years:
            return None, None
        year = int(year) if year else years[-1]
        merged = Stats()
        for (siret, stat_year), stats in self.stats.items():
            if stat_year == year and siret.startswith(buyer):
                merged.merge(stats)
        return year, merged


class _Source:
    """A binary file object read from `start` (after a UTF-8 byte order mark, if any)."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        fileobj.seek(0)
        head = fileobj.read(3)
        if isinstance(head, str):
            raise DecpError("Le fichier doit être ouvert en mode binaire.")
        self.start = 3 if head == b"\xef\xbb\xbf" else 0
        fileobj.seek(self.start)
        chunk = fileobj.read(4096)
        if not chunk.strip() and len(chunk) < 4096:
            raise DecpError("Le fichier est vide.")
        fileobj.seek(self.start)

    def reader(self, record_depth=None):
        """A bounded reader from the start: ijson only ever sees checked bytes."""
        self.fileobj.seek(self.start)
        return BoundedReader(self.fileobj, record_depth)


# ijson's messages quote raw bytes: the user gets one of these French reasons instead.
_JSON_REASONS = [
    ("premature eof", "le fichier est tronqué"),
    ("incomplete", "le fichier est tronqué"),
    ("overflow", "un nombre est trop grand"),
    ("invalid char", "un caractère inattendu"),
    ("invalid string", "un texte mal formé"),
    ("invalid bytes in utf8", "le fichier n'est pas encodé en UTF-8"),
    ("lexical error", "un caractère inattendu"),
    ("trailing garbage", "du texte après la fin des données"),
    ("parse error", "la structure est incorrecte"),
]


def _reason(exc):
    text = str(exc).lower()
    for needle, reason in _JSON_REASONS:
        if needle in text:
            return reason
    return "erreur de syntaxe"


def _json_error(exc, reader=None, index=None, record_id=None):
    if reader is not None and reader.error is not None:
        exc = reader.error
    if isinstance(exc, BoundsError):
        if index is None:
            return DecpError(f"Le fichier ne peut pas être lu comme un JSON valide : {exc}")
        return DecpError(str(exc), index + 1)
    reason = _reason(exc)
    if index is None:
        return DecpError(f"Le fichier n'est pas un JSON valide ({reason}).")
    return DecpError(
        f"le JSON est invalide juste après cet enregistrement ({reason}).", index, record_id
    )


def _find_items_prefix(source):
    """Reads the start of the file to find where the contracts are; returns the ijson prefix."""
    reader = source.reader()
    try:
        events = ijson.parse(reader)
        first = next(events, None)
        if first is None:
            raise DecpError("Le fichier est vide.")
        if first[:2] != ("", "start_map"):
            raise DecpError(
                "Le fichier ne suit pas le format DECP : il doit contenir un objet JSON avec la "
                "clé « marches »."
            )
        for prefix, event, _value in events:
            if prefix == "marches" and event == "start_array":
                return "marches.item", "consolidé (liste « marches »)", 2
            if prefix == "marches.marche" and event == "start_array":
                return "marches.marche.item", "réglementaire (« marches » → « marche »)", 3
            if prefix == "marches" and event == "end_map":
                raise DecpError(
                    "Le fichier ne contient aucun marché : la liste « marches.marche » est absente."
                )
            if prefix == "marches" and event not in ("start_map", "map_key"):
                raise DecpError(
                    "Le fichier ne suit pas le format DECP : « marches » doit être une liste ou "
                    "un objet contenant « marche »."
                )
    except DecpError:
        raise
    except Exception as exc:  # ijson errors, bounds
        raise _json_error(exc, reader) from None
    raise DecpError("Le fichier ne suit pas le format DECP : la clé « marches » est introuvable.")


def _considerations(record, outer, inner, mapping, index, record_id):
    """The set of canonical values, or None when the field is absent (2019 format)."""
    if outer not in record or record[outer] is None:
        return None
    raw = record[outer]
    if isinstance(raw, dict):
        if inner not in raw or raw[inner] is None:
            return None
        raw = raw[inner]
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise DecpError(f"« {outer} » doit être une liste de valeurs.", index, record_id)
    values = set()
    for item in raw:
        if not isinstance(item, str):
            raise DecpError(
                f"« {outer} » contient une valeur qui n'est pas un texte.", index, record_id
            )
        for part in item.split(";"):
            folded = _fold(part[:200])
            if not folded:
                continue
            if folded not in mapping:
                raise DecpError(
                    f"valeur inconnue « {part.strip()[:60]} » dans « {outer} » "
                    f"(valeurs admises : {', '.join(sorted(set(mapping.values())))}, Sans objet).",
                    index,
                    record_id,
                )
            values.add(mapping[folded])
    return values or None


def _montant(value, index, record_id):
    if isinstance(value, bool) or value is None:
        raise DecpError("le montant est absent.", index, record_id)
    if isinstance(value, str):
        try:
            if len(value) > 40:
                raise ValueError
            value = float(value.replace(" ", "").replace(",", "."))
        except ValueError:
            raise DecpError(
                f"le montant « {value[:30]} » n'est pas un nombre.", index, record_id
            ) from None
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise DecpError("le montant n'est pas un nombre.", index, record_id)
    if value < 0:
        raise DecpError("le montant est négatif.", index, record_id)
    if value > MAX_AMOUNT:
        raise DecpError(
            "le montant dépasse 100 milliards d'euros : ce n'est pas un montant réel.",
            index,
            record_id,
        )
    return float(value)


def _year(value, index, record_id):
    if not isinstance(value, str) or not re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise DecpError(
            f"la date de notification « {str(value)[:30]} » n'est pas au format AAAA-MM-JJ.",
            index,
            record_id,
        )
    try:
        year = date.fromisoformat(value[:10]).year
    except ValueError:
        raise DecpError(
            f"la date de notification « {value[:30]} » n'existe pas.", index, record_id
        ) from None
    last = date.today().year + 1
    if not FIRST_YEAR <= year <= last:
        raise DecpError(
            f"la date de notification « {value[:10]} » n'est pas entre {FIRST_YEAR} et {last}.",
            index,
            record_id,
        )
    return year


def _siret(record):
    acheteur = record.get("acheteur")
    if isinstance(acheteur, dict):
        value = acheteur.get("id")
        return "" if value is None else str(value).strip()
    return ""


def parse(fileobj, buyer=None):
    """Reads a DECP JSON file (binary, seekable file object); `buyer` filters by SIREN/SIRET prefix."""
    buyer = (buyer or "").replace(" ", "")
    if buyer and not re.fullmatch(r"[0-9]{9}|[0-9]{14}", buyer):
        raise DecpError(
            "Le filtre acheteur doit être un SIREN (9 chiffres) ou un SIRET (14 chiffres)."
        )
    source = _Source(fileobj)
    prefix, shape, record_depth = _find_items_prefix(source)
    reader = source.reader(record_depth)
    result = ImportResult(shape=shape)
    index, record_id = 0, None
    try:
        for record in ijson.items(reader, prefix, use_float=True):
            index += 1
            record_id = record.get("id") if isinstance(record, dict) else None
            _count(result, record, index, record_id, buyer)
    except DecpError:
        raise
    except Exception as exc:  # ijson errors, bounds
        if index == 0 and not isinstance(reader.error or exc, BoundsError):
            raise _json_error(exc) from None
        raise _json_error(exc, reader, index, record_id) from None
    result.records = index
    _add_warnings(result, buyer)
    return result


def _count(result, record, index, record_id, buyer):
    if not isinstance(record, dict):
        raise DecpError("l'enregistrement n'est pas un objet JSON.", index)
    kind = _fold(str(record.get("_type", ""))[:200])
    if "concession" in kind:
        result.concessions_skipped += 1
        return
    siret = _siret(record)
    if buyer and not siret.startswith(buyer):
        return
    if record_id in (None, "") or isinstance(record_id, dict | list | bool):
        raise DecpError("l'identifiant « id » du marché est absent.", index)
    if not re.fullmatch(r"[0-9]{14}", siret):
        raise DecpError(
            f"le SIRET de l'acheteur « {siret[:20]} » est invalide (14 chiffres attendus).",
            index,
            record_id,
        )
    year = _year(record.get("dateNotification"), index, record_id)
    montant = _montant(record.get("montant"), index, record_id)
    social = _considerations(
        record, "considerationsSociales", "considerationSociale", _SOCIAL_BY_FOLD, index, record_id
    )
    env = _considerations(
        record,
        "considerationsEnvironnementales",
        "considerationEnvironnementale",
        _ENV_BY_FOLD,
        index,
        record_id,
    )
    stats = result.stats.get((siret, year))
    if stats is None:
        stats = result.stats[(siret, year)] = Stats()
    result.matched += 1
    if _fold(str(record.get("nature", ""))[:200]) == _NATURE_DEFENCE_FOLD:
        stats.defence_excluded += 1
        return
    stats.contracts += 1
    stats.value += montant
    if social is not None:
        stats.social_known += 1
        stats.social_known_value += montant
        if social - {SOCIAL_NONE}:
            stats.social_any += 1
            stats.social_any_value += montant
    if env is not None:
        stats.env_known += 1
        stats.env_known_value += montant
        if env - {ENV_NONE}:
            stats.env_any += 1
            stats.env_any_value += montant
    for value in (social or set()) | (env or set()):
        stats.by_value[value] = stats.by_value.get(value, 0) + 1


def _add_warnings(result, buyer):
    if result.records == 0:
        result.warnings.append("Le fichier ne contient aucun marché.")
        return
    if buyer and result.matched == 0:
        result.warnings.append(f"Aucun marché de l'acheteur {buyer} dans ce fichier.")
        return
    total = Stats()
    for stats in result.stats.values():
        total.merge(stats)
    if total.contracts and total.social_known == 0 and total.env_known == 0:
        result.warnings.append(
            "Ce fichier ne contient pas les champs de considérations sociales et "
            "environnementales (format 2019) : ces indicateurs sont inconnus, ils n'ont pas été "
            "calculés."
        )
    elif total.social_unknown or total.env_unknown:
        result.warnings.append(
            f"{max(total.social_unknown, total.env_unknown)} marché(s) n'indiquent pas leurs "
            "considérations sociales ou environnementales (format 2019 ou données incomplètes) : "
            "les parts sont calculées sur les seuls marchés qui les indiquent."
        )
    if total.defence_excluded:
        result.warnings.append(
            f"{total.defence_excluded} marché(s) de défense ou de sécurité ont été exclus, comme "
            "pour le calcul du seuil."
        )
    if result.concessions_skipped:
        result.warnings.append(
            f"{result.concessions_skipped} contrat(s) de concession ont été ignorés."
        )
