"""The self-assessment score out of 100 and its breakdown. No Django import.

Weights (points; total 100):

1. Obligation compliance — 30 points; « Démarche volontaire » for a buyer the verdict does not
   oblige (see below)
   - schéma adopted ............................................. 15
   - schéma published (on the website, or otherwise if no website) .. 10
   - indicators published less than two years before the end of the assessed year
     (the law asks for a publication every two years) ................  5
2. Required contents (art. L2111-3 as in force) — 25 points, 5 per item
   - social objectives (integration of disabled or disadvantaged workers), with their
     implementation and yearly follow-up (loi ESS, 2014)
   - ecological objectives, with their implementation and yearly follow-up (LTECV, 2015)
   - contribution to the circular economy (LTECV, 2015)
   - precise indicators in number of contracts or in value, published every two years
     (loi Climat et Résilience, 2021)
   - per-category targets, notably purchases from ESUS enterprises or enterprises employing
     disadvantaged or vulnerable people (loi Climat et Résilience, 2021)
3. Indicators vs the organisation's own targets — 25 points
   - share of contracts with an environmental consideration ........ 10
   - share of contracts with a social consideration ................ 10
   - share of spending with ESUS / solidarity enterprises ..........  5
   Each scores weight × min(1, share / target). No target or an unknown share scores 0: the
   targets are optional, so the form and the result say what leaving them blank costs
   (`Score.untargeted`).
4. Indicators vs the « objectifs 2025 du PNAD 2022-2025 » — 20 points. The plan is not a law and
   has ended; its 2025 targets stay the score's explicit, dated reference.
   - environmental consideration: target 100 % of contracts ........ 10
   - social consideration: target 30 % of contracts ............... 10
   Each scores weight × min(1, share / national target).

SME and local-operator shares are shown but not scored (no legal or plan target).
The total is rounded to the nearest integer; items keep one decimal. Each indicator states its gap
to its target in percentage points (« 50 % pour une cible de 100 % : écart de 50 points »); French
writes « point » in the singular below 2 (« 0,5 point », « 1 point »).

A voluntary scheme. Art. L2111-3 of the code de la commande publique obliges only the buyers whose
yearly spending exceeds the threshold of art. D2111-3 (and, for the years up to 2022, only the
categories the former wording named; see `rules.py`). For any other buyer, adopting, publishing
and following a scheme is a voluntary approach, and not having one breaks no rule. Its score keeps
the same items and weights — the score measures how far the approach has gone, so that the history
of a buyer that crosses the threshold and the peers' medians stay on one scale — but the first
section is named « Démarche volontaire » and says why, and the contents section names L2111-3 as
the reference a voluntary scheme follows rather than as the buyer's obligation. When the verdict
cannot tell (a year before 2023 and no category given), the section says so instead of guessing.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from portal import legal

from . import rules
from .rules import CATEGORY_LABELS, TYPE_CATEGORIES

PNAD_ENV_TARGET = Decimal(100)
PNAD_SOCIAL_TARGET = Decimal(30)

WEIGHTS = {
    "adopted": 15,
    "published": 10,
    "indicators_fresh": 5,
    "content_social": 5,
    "content_ecological": 5,
    "content_circular": 5,
    "content_indicators": 5,
    "content_targets": 5,
    "own_env": 10,
    "own_social": 10,
    "own_esus": 5,
    "pnad_env": 10,
    "pnad_social": 10,
}
assert sum(WEIGHTS.values()) == 100

CONTENTS = [
    (
        "content_social",
        "Objectifs sociaux (insertion des travailleurs handicapés ou défavorisés), avec leur "
        "mise en œuvre et leur suivi annuel — loi ESS, 2014",
    ),
    (
        "content_ecological",
        "Objectifs écologiques, avec leur mise en œuvre et leur suivi annuel — loi de "
        "transition énergétique, 2015",
    ),
    ("content_circular", "Contribution à l'économie circulaire — 2015"),
    (
        "content_indicators",
        "Indicateurs précis en nombre de marchés ou en valeur, publiés tous les deux ans — loi "
        "Climat et Résilience, 2021",
    ),
    (
        "content_targets",
        "Objectifs cibles par catégorie d'achat, notamment auprès des ESUS ou des entreprises "
        "employant des personnes défavorisées ou vulnérables — loi Climat et Résilience, 2021",
    ),
]

INDICATORS = [
    # key, label, own-target weight key, national target
    ("env", "Marchés avec une considération environnementale", "own_env", PNAD_ENV_TARGET),
    ("social", "Marchés avec une considération sociale", "own_social", PNAD_SOCIAL_TARGET),
    ("esus", "Part des achats auprès d'entreprises solidaires (ESUS)", "own_esus", None),
    ("sme", "Part des achats auprès de PME", None, None),
    ("local", "Part des achats auprès d'opérateurs locaux", None, None),
]

PUBLISHED_CHOICES = ("oui", "autrement", "non")


def _decimal(value):
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass
class Answers:
    """The questionnaire's answers, typed. `to_dict` gives a JSON-serialisable dict."""

    year: int
    spending: Decimal
    org_type: str = ""
    category: str = ""  # a key of portal.legal.BUYER_CATEGORIES
    shared_scheme: bool = False
    adopted: bool = False
    published: str = "non"  # "oui" (website), "autrement" (no website), "non"
    adoption_date: date | None = None
    indicators_published_on: date | None = None
    contents: list = field(default_factory=list)
    env_share: Decimal | None = None
    env_target: Decimal | None = None
    social_share: Decimal | None = None
    social_target: Decimal | None = None
    esus_share: Decimal | None = None
    esus_target: Decimal | None = None
    sme_share: Decimal | None = None
    sme_target: Decimal | None = None
    local_share: Decimal | None = None
    local_target: Decimal | None = None

    def __post_init__(self):
        # Answers saved before the question was asked: the category of a known organisation type.
        if self.category not in CATEGORY_LABELS:
            self.category = TYPE_CATEGORIES.get(self.org_type, "")

    @classmethod
    def from_dict(cls, data):
        kwargs = {"year": int(data["year"]), "spending": Decimal(str(data["spending"]))}
        kwargs["org_type"] = str(data.get("org_type") or "")
        kwargs["category"] = str(data.get("category") or "")
        kwargs["shared_scheme"] = bool(data.get("shared_scheme"))
        kwargs["adopted"] = bool(data.get("adopted"))
        published = data.get("published") or "non"
        kwargs["published"] = published if published in PUBLISHED_CHOICES else "non"
        kwargs["adoption_date"] = _date(data.get("adoption_date"))
        kwargs["indicators_published_on"] = _date(data.get("indicators_published_on"))
        known = {key for key, _label in CONTENTS}
        kwargs["contents"] = [key for key in data.get("contents") or [] if key in known]
        for key, *_rest in INDICATORS:
            kwargs[f"{key}_share"] = _decimal(data.get(f"{key}_share"))
            kwargs[f"{key}_target"] = _decimal(data.get(f"{key}_target"))
        return cls(**kwargs)

    def to_dict(self):
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, Decimal):
                data[key] = str(value)
            elif isinstance(value, date):
                data[key] = value.isoformat()
        return data

    def share(self, key):
        return getattr(self, f"{key}_share")

    def target(self, key):
        return getattr(self, f"{key}_target")


@dataclass
class ScoreItem:
    key: str
    label: str
    points: float
    max_points: int
    detail: str = ""
    untargeted: bool = False  # an own-target item whose target was left blank

    @property
    def complete(self):
        return self.points >= self.max_points


@dataclass
class ScoreSection:
    key: str
    label: str
    items: list
    note: str = ""  # what the section's points mean for this buyer, when it needs saying

    @property
    def points(self):
        return round(sum(item.points for item in self.items), 1)

    @property
    def max_points(self):
        return sum(item.max_points for item in self.items)


@dataclass
class Score:
    sections: list
    gaps: list  # keys of the items (and situations) that recommendations address

    @property
    def total(self):
        return int(
            Decimal(str(sum(s.points for s in self.sections))).quantize(Decimal(1), "ROUND_HALF_UP")
        )

    def items(self):
        return [item for section in self.sections for item in section.items]

    @property
    def untargeted(self):
        """The scored indicators left without a target: the points they cannot earn."""
        own = next(s for s in self.sections if s.key == "own_targets")
        return [item for item in own.items if item.untargeted]

    @property
    def untargeted_points(self):
        return sum(item.max_points for item in self.untargeted)


def _ratio(share, target):
    if share is None or not target:
        return 0.0
    return min(1.0, float(share) / float(target))


def _number(value):
    """« 50 », « 13,4 »: one decimal at most, a decimal comma."""
    text = f"{Decimal(str(value)):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def percent_text(value):
    if value is None:
        return "inconnu"
    return f"{_number(value)} %"


def points_text(value):
    """« 0,5 point », « 1 point », « 16 points »: French puts « point » in the singular below 2."""
    value = abs(Decimal(str(value)))
    return f"{_number(value)} {'point' if value < 2 else 'points'}"


def gap_text(share, target):
    """The gap between a share and its target, in percentage points; "" when either is unknown."""
    if share is None or target is None:
        return ""
    gap = Decimal(str(target)) - Decimal(str(share))
    if gap > 0:
        return f"écart de {points_text(gap)}"
    if gap < 0:
        return f"cible dépassée de {points_text(gap)}"
    return "cible atteinte"


def target_detail(share, target, weight):
    """« 50 % pour une cible de 100 % : écart de 50 points », or what a missing target costs."""
    if not target:
        return (
            f"{percent_text(share)} ; aucune cible fixée : les {points_text(weight)} de cet indicateur ne "
            f"sont pas attribués"
        )
    gap = gap_text(share, target)
    return f"{percent_text(share)} pour une cible de {percent_text(target)}" + (
        f" : {gap}" if gap else ""
    )


def national_detail(share, national_target):
    """« 14 % pour l'objectif 2025 du PNAD 2022-2025 de 30 % : écart de 16 points »."""
    gap = gap_text(share, national_target)
    text = f"{percent_text(share)} pour l'objectif 2025 du PNAD 2022-2025 de {percent_text(national_target)}"
    return text + (f" : {gap}" if gap else "")


def indicators_fresh(answers, today=None):
    """True when indicators were published less than two years before the reference date.

    The reference date is the end of the assessed year, or today for the current year.
    """
    published_on = answers.indicators_published_on
    if published_on is None:
        return False
    today = today or date.today()
    reference = min(today, date(answers.year, 12, 31))
    try:
        two_years_before = reference.replace(year=reference.year - 2)
    except ValueError:  # 29 February
        two_years_before = reference.replace(year=reference.year - 2, day=28)
    return two_years_before < published_on <= today


def _obligation(answers):
    """True (obliged), False (not obliged) or None (the verdict needs the buyer's category)."""
    verdict = rules.verdict_for(answers)
    if verdict.obliged:
        return True
    above = answers.spending > verdict.threshold.amount
    if above and rules.category_concerned(answers.category, answers.year) is None:
        return None
    return False


def _scheme_wording(answers):
    """The first section's label and note: compliance, a voluntary approach, or undetermined."""
    obliged = _obligation(answers)
    if obliged:
        return "Conformité à l'obligation", ""
    if obliged is None:
        return (
            "Adoption et publication du schéma",
            f"Indiquez la catégorie de votre organisation : en {answers.year}, elle dit si ces "
            f"points relèvent de l'obligation de l'article L2111-3 du code de la commande "
            f"publique ou d'une démarche volontaire.",
        )
    return (
        "Démarche volontaire",
        f"Votre organisation n'est pas soumise à l'obligation d'adopter un SPASER pour ses "
        f"achats de {answers.year} (art. L2111-3 et D2111-3 du code de la commande publique) : "
        f"ces points mesurent une démarche volontaire, et ne pas avoir de schéma n'est pas un "
        f"manquement.",
    )


def _contents_wording(answers):
    if _obligation(answers):
        return "Contenus obligatoires du schéma", ""
    return (
        "Contenus du schéma (ceux de l'article L2111-3)",
        "Un schéma volontaire n'est pas tenu par l'article L2111-3 ; ses contenus restent la "
        "référence que ces points suivent.",
    )


def compute(answers, today=None):
    """Computes the score of `answers` (an `Answers`)."""
    gaps = []
    w = WEIGHTS

    compliance = []
    compliance.append(
        ScoreItem("adopted", "Schéma adopté", w["adopted"] if answers.adopted else 0, w["adopted"])
    )
    if not answers.adopted:
        gaps.append("adopted")
    published = answers.adopted and answers.published in ("oui", "autrement")
    compliance.append(
        ScoreItem(
            "published",
            "Schéma publié (sur le site internet de l'organisation)",
            w["published"] if published else 0,
            w["published"],
        )
    )
    if answers.adopted and not published:
        gaps.append("published")
    fresh = indicators_fresh(answers, today)
    compliance.append(
        ScoreItem(
            "indicators_fresh",
            "Indicateurs publiés depuis moins de deux ans",
            w["indicators_fresh"] if fresh else 0,
            w["indicators_fresh"],
            detail=(
                f"Dernière publication : {answers.indicators_published_on.strftime('%d/%m/%Y')}"
                if answers.indicators_published_on
                else "Aucune publication indiquée"
            ),
        )
    )
    if not fresh:
        gaps.append("indicators_fresh")

    contents = []
    for key, label in CONTENTS:
        present = key in answers.contents
        contents.append(ScoreItem(key, label, w[key] if present else 0, w[key]))
        if not present:
            gaps.append(key)

    own = []
    national = []
    for key, label, weight_key, national_target in INDICATORS:
        share, target = answers.share(key), answers.target(key)
        if weight_key:
            points = round(w[weight_key] * _ratio(share, target), 1)
            detail = target_detail(share, target, w[weight_key])
            own.append(
                ScoreItem(weight_key, label, points, w[weight_key], detail, untargeted=not target)
            )
            if share is None:
                gaps.append(f"{key}_unknown")
            elif not target:
                gaps.append(f"{key}_no_target")
            elif share < target:
                gaps.append(f"{key}_below_target")
        if national_target is not None:
            nkey = f"pnad_{key}"
            points = round(w[nkey] * _ratio(share, national_target), 1)
            detail = national_detail(share, national_target)
            national.append(ScoreItem(nkey, label, points, w[nkey], detail))
            if share is None or share < national_target:
                gaps.append(nkey)

    scheme_label, scheme_note = _scheme_wording(answers)
    contents_label, contents_note = _contents_wording(answers)
    sections = [
        ScoreSection("compliance", scheme_label, compliance, scheme_note),
        ScoreSection("contents", contents_label, contents, contents_note),
        ScoreSection("own_targets", "Indicateurs par rapport à vos cibles", own),
        ScoreSection("national", legal.PNAD_NAME[0].upper() + legal.PNAD_NAME[1:], national),
    ]
    return Score(sections=sections, gaps=gaps)
