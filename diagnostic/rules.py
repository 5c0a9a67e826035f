"""The SPASER obligation rule (Code de la commande publique). No Django import.

Who (art. L2111-3): from 1 February 2015 (décret n° 2015-90) until 24 October 2023, the
collectivités territoriales and the buyers whose status is set by law; since 25 October 2023
(loi n° 2023-973, art. 29) every buyer subject to the code, the State and hospitals included.
How much (art. D2111-3): 50 M€ HT since 1 January 2023 (décret n° 2022-767), 100 M€ HT before,
counted as the spending made during a calendar year under the buyer's marchés, excluding the
défense et sécurité contracts of livre V.

Our reading of the year of the extension: the obligation turns on « le montant total annuel » of
a calendar year, a total known only when the year ends. On 31 December 2023 the extended wording
was in force and the loi n° 2023-973 sets no transitional rule for it, so the spending of 2023 and
later years is assessed against every buyer subject to the code; years up to 2022 against the
categories the former wording named. The verdict for 2023 says that the extension came during it.

Our reading of the boundary: the law says « supérieur à », a strict comparison. Spending of exactly
50 000 000,00 € HT does not trigger the obligation; 50 000 000,01 € does. The verdict says so.

No sanction exists for failing to adopt a scheme; the verdict says so too.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from portal import legal

THRESHOLD_2023 = Decimal("50000000")
THRESHOLD_BEFORE_2023 = Decimal("100000000")
FIRST_YEAR_50M = legal.THRESHOLD_50M_FROM.year
#: The first calendar year assessed against every buyer subject to the code (see above).
FIRST_YEAR_ALL_BUYERS = legal.ALL_BUYERS_FROM.year
#: The SPASER exists since the loi ESS (2014-856); the obligation applies from 1 February 2015.
FIRST_YEAR = legal.SPASER_OBLIGATION_START.year

CATEGORY_LABELS = dict(legal.BUYER_CATEGORIES)
#: The categories the wording in force until 24 October 2023 named.
CATEGORIES_BEFORE_EXTENSION = {legal.COLLECTIVITE, legal.STATUT_LEGAL}

#: The category of the organisation types the portal seeds, for answers saved without one.
TYPE_CATEGORIES = {
    "Commune": legal.COLLECTIVITE,
    "Métropole": legal.COLLECTIVITE,
    "Communauté urbaine ou d'agglomération": legal.COLLECTIVITE,
    "Département": legal.COLLECTIVITE,
    "Région": legal.COLLECTIVITE,
    "Établissement public territorial": legal.COLLECTIVITE,
    "Centre hospitalier": legal.HOPITAL,
    "Service de l'État": legal.ETAT,
}

NO_SANCTION_NOTE = (
    "Aucune sanction n'est prévue par les textes pour l'acheteur qui n'adopte pas de schéma ; "
    "l'obligation n'en est pas moins la loi, et le schéma structure des achats que le code "
    "encadre désormais (clauses environnementales et sociales)."
)
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
    category: str = ""
    sources: list = field(default_factory=list)

    @property
    def status(self):
        return "obligé" if self.obliged else "non obligé"

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self.category, "")


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


def category_concerned(category, year):
    """True, False, or None when the category is unknown and the year makes it matter."""
    if int(year) >= FIRST_YEAR_ALL_BUYERS:
        return True
    if category not in CATEGORY_LABELS:
        return None
    return category in CATEGORIES_BEFORE_EXTENSION


def obligation(year, spending, shared_scheme=False, *, category=""):
    """The verdict for a buyer of `category` that spent `spending` € HT (outside défense-sécurité)
    in `year`."""
    spending = Decimal(spending)
    if spending < 0:
        raise ValueError("Le montant des achats ne peut pas être négatif.")
    year = int(year)
    threshold = threshold_for(year)
    concerned = category_concerned(category, year)
    above = spending > threshold.amount
    obliged = above and concerned is True
    rule = (
        f"Un SPASER est obligatoire lorsque le montant total des achats de l'année civile, hors "
        f"marchés de défense ou de sécurité, est supérieur à {threshold.label} "
        f"(seuil {threshold.applies_from}). {_who(year)}"
    )
    if concerned is False:
        explanation = (
            f"En {year}, l'obligation visait les collectivités territoriales et les acheteurs "
            f"dont le statut est fixé par la loi ; la catégorie « {CATEGORY_LABELS[category]} » "
            f"n'en faisait pas partie. Elle est concernée depuis le 25 octobre 2023 (loi "
            f"n° 2023-973, art. 29) : faites le diagnostic sur une année à partir de 2023."
        )
    elif concerned is None:
        explanation = (
            f"En {year}, l'obligation ne visait que les collectivités territoriales et les "
            f"acheteurs dont le statut est fixé par la loi : indiquez la catégorie de votre "
            f"organisation pour savoir si elle était concernée."
        )
    elif obliged:
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
    if year == FIRST_YEAR_ALL_BUYERS and category not in CATEGORIES_BEFORE_EXTENSION:
        notes.append(
            "L'obligation a été étendue à tout acheteur soumis au code le 25 octobre 2023, en "
            "cours d'année : nous appliquons la règle étendue aux achats de 2023, dont le montant "
            "annuel n'est connu qu'au 31 décembre, date à laquelle elle était en vigueur."
        )
    if year < FIRST_YEAR_50M and spending > THRESHOLD_2023:
        notes.append(
            "À partir des achats de 2023, le seuil est abaissé à 50 millions d'euros HT et "
            "l'obligation vise tout acheteur soumis au code : votre organisation y serait soumise."
        )
    if obliged:
        notes.append(NO_SANCTION_NOTE)
    notes.append(SHARED_SCHEME_NOTE if shared_scheme else _shared_hint())
    return Verdict(
        year=year,
        spending=spending,
        obliged=obliged,
        threshold=threshold,
        rule=rule,
        explanation=explanation,
        notes=notes,
        category=category if category in CATEGORY_LABELS else "",
        sources=[legal.reference("L2111-3"), legal.reference("D2111-3")],
    )


def verdict_for(answers):
    """The verdict for the questionnaire's `answers` (a `scoring.Answers`)."""
    return obligation(
        answers.year, answers.spending, answers.shared_scheme, category=answers.category
    )


def _who(year):
    if year >= FIRST_YEAR_ALL_BUYERS:
        return "Elle vise tout acheteur soumis au code de la commande publique."
    return (
        "Jusqu'au 24 octobre 2023, elle visait les collectivités territoriales et les acheteurs "
        "dont le statut est fixé par la loi."
    )


def _shared_hint():
    return (
        "Un schéma peut être mutualisé entre plusieurs acheteurs (loi n° 2023-973 relative à "
        "l'industrie verte), mais chaque acheteur garde ses propres indicateurs."
    )
