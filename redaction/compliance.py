"""What a SPASER must contain, and whether a draft has it. No Django import.

The contents required by art. L2111-3 of the code de la commande publique, in force since the
loi n° 2023-973 (industrie verte):

- social objectives: the integration of disabled or disadvantaged workers (loi ESS n° 2014-856,
  art. 13), with the means of their implementation and their yearly follow-up;
- ecological objectives (loi n° 2015-992, LTECV), with their implementation and yearly follow-up;
- the contribution to the circular economy (LTECV, 2015);
- precise indicators, in number of contracts or in value (loi Climat et Résilience n° 2021-1104,
  art. 35), published every two years;
- target objectives per category of purchase, notably purchases from ESUS enterprises (art.
  L3332-17-1 of the code du travail) or enterprises employing disadvantaged or vulnerable people
  (loi Climat et Résilience, art. 35);
- the scheme is made public, on the buyer's website where it has one.

Governance (who steers, the review calendar, the social-clause facilitator) is not written in the
law; the check lists it as recommended.

Targets are compared with two references, named apart:
- the law: every contract whose consultation is launched from 21 August 2026 carries an
  environmental execution condition and an award criterion on environmental characteristics
  (art. L2112-2 and L2152-7, loi Climat et Résilience art. 35, décret n° 2022-767); from the year
  2027, the first whole year under these rules, a target below 100 % of contracts with an
  environmental consideration is below what the law requires;
- the national plan PNAD 2022-2025, a plan and not a law, which has ended: its 2025 objective of
  30 % of contracts with a social consideration.

A draft's content is the plain dict stored by the editor (`EMPTY_CONTENT` gives its shape).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from portal import legal

#: The first whole year of purchases under the environmental clauses of 21 August 2026.
LAW_ENV_FULL_YEAR = legal.CLIMATE_CLAUSES_FROM.year + 1
LAW_ENV_TARGET = Decimal(100)
PNAD_SOCIAL_TARGET = Decimal(30)

AXES = ("social", "ecologique", "circulaire")

#: key, label, required by the law
INDICATORS = [
    ("env", "Marchés comprenant au moins une considération environnementale", True),
    ("social", "Marchés comprenant au moins une considération sociale", True),
    ("esus", "Achats auprès d'entreprises solidaires d'utilité sociale (ESUS)", True),
    ("sme", "Achats auprès de PME", False),
    ("local", "Achats auprès d'opérateurs économiques locaux", False),
]
INDICATOR_LABELS = {key: label for key, label, _required in INDICATORS}

MEASURES = [
    ("nombre", "en nombre de marchés"),
    ("valeur", "en valeur (montant des achats)"),
    ("les_deux", "en nombre de marchés et en valeur"),
]
MEASURE_LABELS = dict(MEASURES)

SOCIAL_LEVERS = [
    ("insertion", "Insertion des travailleurs handicapés ou défavorisés (clauses d'insertion)"),
    ("reserves", "Marchés ou lots réservés (ESAT, entreprises adaptées, SIAE)"),
    ("esus", "Achats auprès d'entreprises solidaires d'utilité sociale (ESUS)"),
]

ESS_LAW = "Loi n° 2014-856 du 31 juillet 2014 (ESS), art. 13"
LTECV = "Loi n° 2015-992 du 17 août 2015 (LTECV)"
CLIMAT = "Loi n° 2021-1104 du 22 août 2021 (Climat et Résilience), art. 35"


def empty_indicator():
    return {"measure": "", "baseline_year": None, "baseline": "", "targets": {}}


def empty_content():
    """The shape of a draft's content, every field empty."""
    axis = {"familles": [], "objectifs": "", "mise_en_oeuvre": "", "clauses": []}
    return {
        "contexte": {"ambition": "", "volume": "", "services": ""},
        "social": {**axis, "leviers": []},
        "ecologique": dict(axis),
        "circulaire": dict(axis),
        "indicateurs": {key: empty_indicator() for key, _label, _required in INDICATORS},
        "gouvernance": {
            "pilotage": "",
            "calendrier": "",
            "publication_indicateurs": False,
            "publication_lieu": "",
            "facilitateur": "",
        },
    }


EMPTY_CONTENT = empty_content()


def merged(content):
    """`content` over the empty shape: a key missing from an older draft reads as empty."""
    out = empty_content()
    for section, values in (content or {}).items():
        if isinstance(values, dict) and isinstance(out.get(section), dict):
            if section == "indicateurs":
                for key, indicator in values.items():
                    if key in out[section] and isinstance(indicator, dict):
                        out[section][key].update(indicator)
            else:
                out[section].update(values)
        else:
            out[section] = values
    return out


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    present: bool
    required: bool  # by the law; False: recommended
    step: str  # the editor's step that fixes it
    source: str  # the article and the text that require it
    detail: str = ""


@dataclass(frozen=True)
class Warning:
    indicator: str
    year: int
    target: Decimal
    reference: Decimal
    kind: str  # "loi" or "plan"
    message: str


@dataclass
class Result:
    checks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def missing(self):
        return [check for check in self.checks if check.required and not check.present]

    @property
    def complete(self):
        return not self.missing

    def assessment_contents(self):
        """The self-assessment's « contenus » answers (diagnostic.scoring.CONTENTS keys)."""
        present = {check.key for check in self.checks if check.present}
        pairs = {
            "content_social": {"social_objectives", "social_follow_up"},
            "content_ecological": {"ecological_objectives", "ecological_follow_up"},
            "content_circular": {"circular_economy"},
            "content_indicators": {"indicators", "indicators_published"},
            "content_targets": {"category_targets"},
        }
        return [key for key, needed in pairs.items() if needed <= present]


def _filled(text):
    return bool(str(text or "").strip())


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def period_years(start, end):
    return list(range(int(start), int(end) + 1))


def _targets(indicator, years):
    targets = indicator.get("targets") or {}
    return {year: _decimal(targets.get(str(year))) for year in years}


def _indicator_complete(indicator, years):
    """Measured in number or value, with a baseline year and a target for every year."""
    targets = _targets(indicator, years)
    return (
        indicator.get("measure") in MEASURE_LABELS
        and bool(indicator.get("baseline_year"))
        and all(value is not None for value in targets.values())
    )


def _missing_years(indicator, years):
    return [year for year, value in _targets(indicator, years).items() if value is None]


def check(content, start, end):
    """The compliance `Result` of a draft's `content` for the period `start`–`end`."""
    data = merged(content)
    years = period_years(start, end)
    social, eco, circ = data["social"], data["ecologique"], data["circulaire"]
    ind, gov = data["indicateurs"], data["gouvernance"]
    l2111_3 = legal.reference("L2111-3").label

    def indicator_detail(keys):
        parts = []
        for key in keys:
            indicator = ind[key]
            lacks = []
            if indicator.get("measure") not in MEASURE_LABELS:
                lacks.append("la mesure (nombre ou valeur)")
            if not indicator.get("baseline_year"):
                lacks.append("l'année de référence")
            missing_years = _missing_years(indicator, years)
            if missing_years:
                lacks.append("la cible de " + ", ".join(map(str, missing_years)))
            if lacks:
                parts.append(f"{INDICATOR_LABELS[key]} : manque {', '.join(lacks)}")
        return " ; ".join(parts)

    checks = [
        Check(
            "social_objectives",
            "Objectifs sociaux : insertion des travailleurs handicapés ou défavorisés",
            _filled(social["objectifs"]),
            True,
            "social",
            f"{l2111_3} ; {ESS_LAW}",
        ),
        Check(
            "social_follow_up",
            "Mise en œuvre et suivi annuel des objectifs sociaux",
            _filled(social["mise_en_oeuvre"]),
            True,
            "social",
            f"{l2111_3} ; {ESS_LAW}",
        ),
        Check(
            "ecological_objectives",
            "Objectifs écologiques",
            _filled(eco["objectifs"]),
            True,
            "ecologique",
            f"{l2111_3} ; {LTECV}",
        ),
        Check(
            "ecological_follow_up",
            "Mise en œuvre et suivi annuel des objectifs écologiques",
            _filled(eco["mise_en_oeuvre"]),
            True,
            "ecologique",
            f"{l2111_3} ; {LTECV}",
        ),
        Check(
            "circular_economy",
            "Contribution à l'économie circulaire",
            _filled(circ["objectifs"]),
            True,
            "circulaire",
            f"{l2111_3} ; {LTECV}",
        ),
        Check(
            "indicators",
            "Indicateurs précis, en nombre de marchés ou en valeur, avec une année de référence "
            "et une cible par année : considérations environnementales et sociales",
            all(_indicator_complete(ind[key], years) for key in ("env", "social")),
            True,
            "indicateurs",
            f"{l2111_3} ; {CLIMAT}",
            indicator_detail(("env", "social")),
        ),
        Check(
            "category_targets",
            "Objectifs cibles par catégorie d'achat, dont les achats auprès d'entreprises "
            "solidaires d'utilité sociale (ESUS)",
            _indicator_complete(ind["esus"], years),
            True,
            "indicateurs",
            f"{l2111_3} ; {legal.reference('L3332-17-1').label} ; {CLIMAT}",
            indicator_detail(("esus",)),
        ),
        Check(
            "indicators_published",
            "Publication des indicateurs tous les deux ans",
            bool(gov["publication_indicateurs"]),
            True,
            "gouvernance",
            f"{l2111_3} ; {CLIMAT}",
        ),
        Check(
            "scheme_published",
            "Publication du schéma (sur le site internet de l'acheteur s'il en a un)",
            _filled(gov["publication_lieu"]),
            True,
            "gouvernance",
            l2111_3,
        ),
        Check(
            "governance",
            "Pilotage et calendrier de révision du schéma",
            _filled(gov["pilotage"]) and _filled(gov["calendrier"]),
            False,
            "gouvernance",
            "Recommandé : le code ne fixe pas la gouvernance du schéma.",
        ),
        Check(
            "facilitator",
            "Facilitateur des clauses sociales",
            _filled(gov["facilitateur"]),
            False,
            "gouvernance",
            "Recommandé : les facilitateurs aident à mettre en œuvre les clauses d'insertion.",
        ),
    ]
    return Result(checks=checks, warnings=target_warnings(data, years))


def target_warnings(data, years):
    """Targets below the law (environment, from 2027) or below the plan's 2025 objective (social)."""
    out = []
    env = _targets(data["indicateurs"]["env"], years)
    for year, target in env.items():
        if target is not None and year >= LAW_ENV_FULL_YEAR and target < LAW_ENV_TARGET:
            out.append(
                Warning(
                    "env",
                    year,
                    target,
                    LAW_ENV_TARGET,
                    "loi",
                    f"{year} : une cible de {_fr(target)} % est en dessous de la loi. Depuis le "
                    f"21 août 2026, toute consultation lancée comprend une condition d'exécution "
                    f"et un critère environnementaux (art. L2112-2 et L2152-7 du code de la "
                    f"commande publique) : visez 100 % des marchés.",
                )
            )
    social = _targets(data["indicateurs"]["social"], years)
    for year, target in social.items():
        if target is not None and target < PNAD_SOCIAL_TARGET:
            out.append(
                Warning(
                    "social",
                    year,
                    target,
                    PNAD_SOCIAL_TARGET,
                    "plan",
                    f"{year} : une cible de {_fr(target)} % est en dessous de l'objectif 2025 du "
                    f"PNAD 2022-2025 (30 % des marchés avec une considération sociale ; un plan, "
                    f"non une obligation légale).",
                )
            )
    return out


def _fr(value):
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")
