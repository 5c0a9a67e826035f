"""The SPASER obligation rule (Code de la commande publique). No Django import.

Art. L2111-3: the collectivités territoriales and the buyers whose status is set by law adopt a
SPASER « lorsque le montant total annuel de leurs achats est supérieur à un montant fixé par voie
réglementaire ».
Art. D2111-3 sets that amount: 50 M€ HT since 1 January 2023 (décret n° 2022-767 du 2 mai 2022),
100 M€ HT before (décret n° 2015-90 du 28 janvier 2015, then art. D2111-3 in its first wording).
The amount is the spending made during a calendar year under the buyer's marchés, excluding the
défense et sécurité contracts of livre V.

Our reading of the boundary: the law says « supérieur à », a strict comparison. Spending of exactly
50 000 000,00 € HT does not trigger the obligation; 50 000 000,01 € does. The verdict says so.
"""

from dataclasses import dataclass, field
from decimal import Decimal

THRESHOLD_2023 = Decimal("50000000")
THRESHOLD_BEFORE_2023 = Decimal("100000000")
FIRST_YEAR_50M = 2023
#: The SPASER exists since the loi ESS (2014-856); its threshold decree dates from January 2015.
FIRST_YEAR = 2015

SHARED_SCHEME_NOTE = (
    "Depuis la loi n° 2023-973 du 23 octobre 2023 relative à l'industrie verte, plusieurs acheteurs "
    "peuvent adopter un schéma commun ; les indicateurs restent toutefois suivis et publiés "
    "acheteur par acheteur."
)


@dataclass(frozen=True)
class Threshold:
    amount: Decimal
    label: str
    source: str
    applies_from: str


@dataclass(frozen=True)
class Verdict:
    year: int
    spending: Decimal
    obliged: bool
    threshold: Threshold
    rule: str
    explanation: str
    notes: list = field(default_factory=list)

    @property
    def status(self):
        return "obligé" if self.obliged else "non obligé"


def threshold_for(year):
    """The threshold in force for spending of a calendar year."""
    year = int(year)
    if year < FIRST_YEAR:
        raise ValueError(f"Le SPASER n'existait pas encore en {year} (première année : 2015).")
    if year >= FIRST_YEAR_50M:
        return Threshold(
            amount=THRESHOLD_2023,
            label="50 millions d'euros HT",
            source="Art. L2111-3 et D2111-3 du code de la commande publique, "
            "décret n° 2022-767 du 2 mai 2022",
            applies_from="applicable depuis le 1er janvier 2023",
        )
    return Threshold(
        amount=THRESHOLD_BEFORE_2023,
        label="100 millions d'euros HT",
        source="Art. L2111-3 et D2111-3 du code de la commande publique dans sa rédaction "
        "antérieure au décret n° 2022-767 (seuil fixé par le décret n° 2015-90 du 28 janvier 2015)",
        applies_from="applicable aux achats des années 2015 à 2022",
    )


def obligation(year, spending, shared_scheme=False):
    """The verdict for a buyer that spent `spending` € HT (outside défense-sécurité) in `year`."""
    spending = Decimal(spending)
    if spending < 0:
        raise ValueError("Le montant des achats ne peut pas être négatif.")
    threshold = threshold_for(year)
    obliged = spending > threshold.amount
    rule = (
        f"Un SPASER est obligatoire lorsque le montant total des achats de l'année civile, hors "
        f"marchés de défense ou de sécurité, est supérieur à {threshold.label} "
        f"(seuil {threshold.applies_from})."
    )
    if obliged:
        explanation = (
            f"Vos achats de {year} dépassent {threshold.label} : votre organisation doit adopter "
            f"et publier un SPASER."
        )
    elif spending == threshold.amount:
        explanation = (
            f"Vos achats de {year} sont exactement égaux à {threshold.label}. Le texte vise un "
            f"montant « supérieur à » ce seuil : nous lisons cette comparaison comme stricte, "
            f"l'obligation ne s'applique donc pas encore. Un euro de plus suffit à la déclencher ; "
            f"adopter un schéma dès maintenant reste conseillé."
        )
    else:
        explanation = (
            f"Vos achats de {year} ne dépassent pas {threshold.label} : le SPASER n'est pas "
            f"obligatoire, mais il reste une démarche volontaire utile."
        )
    notes = []
    if int(year) < FIRST_YEAR_50M and spending > THRESHOLD_2023:
        notes.append(
            "À partir des achats de 2023, le seuil est abaissé à 50 millions d'euros HT : "
            "votre organisation y serait soumise."
        )
    notes.append(SHARED_SCHEME_NOTE if shared_scheme else _shared_hint())
    return Verdict(
        year=int(year),
        spending=spending,
        obliged=obliged,
        threshold=threshold,
        rule=rule,
        explanation=explanation,
        notes=notes,
    )


def _shared_hint():
    return (
        "Un schéma peut être mutualisé entre plusieurs acheteurs (loi n° 2023-973 relative à "
        "l'industrie verte), mais chaque acheteur garde ses propres indicateurs."
    )
