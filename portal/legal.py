"""The legal references the portal relies on, each with its source and the date it applies from.

One place for every article, text and date that a rule, a recommendation or a page of demo content
states: the rules cite a `Reference` instead of copying its wording, so a change of the law is made
here once. No Django import.

Links go to Légifrance's search of the article among the texts in force, not to a `LEGIARTI…`
identifier: such an identifier names one dated version of an article, which stops being the law at
the next amendment.
"""

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

#: The date at which every statement of this module was last checked against the texts in force.
REVIEWED_ON = date(2026, 12, 2)

LEGIFRANCE_SEARCH = "https://www.legifrance.gouv.fr/search/"

CCP = "Code de la commande publique"
CODE_TRAVAIL = "Code du travail"
CCH = "Code de la construction et de l'habitation"
CODE_ENV = "Code de l'environnement"
CODE_RURAL = "Code rural et de la pêche maritime"
CASF = "Code de l'action sociale et des familles"


@dataclass(frozen=True)
class Reference:
    """An article of a code or of a text, what it says for a buyer, and since when."""

    article: str  # "L2111-3", or "art. 58" for an uncodified text
    text: str  # the code or the text the article belongs to
    title: str  # what it says, in one sentence
    applies_from: date  # the date the current wording applies from, else the date of the text
    origin: str = ""  # the text that created or last changed it

    @property
    def label(self):
        if self.text in CODES:
            return f"art. {self.article} du {self.text[0].lower()}{self.text[1:]}"
        return f"{self.text}, {self.article}" if self.article else self.text

    @property
    def url(self):
        if self.text in CODES:
            query = {"tab_selection": "code", "searchField": "NUM_ARTICLE", "query": self.article}
            return f"{LEGIFRANCE_SEARCH}code?{urlencode(query)}"
        return f"{LEGIFRANCE_SEARCH}all?{urlencode({'tab_selection': 'all', 'query': self.text})}"

    @property
    def since(self):
        return _french_date(self.applies_from)


CODES = (CCP, CODE_TRAVAIL, CCH, CODE_ENV, CODE_RURAL, CASF)

MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)


def _french_date(day):
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


# --- Texts ----------------------------------------------------------------------------------

LOI_ESS = "Loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire"
DECRET_2015_90 = "Décret n° 2015-90 du 28 janvier 2015"
LTECV = (
    "Loi n° 2015-992 du 17 août 2015 relative à la transition énergétique pour la croissance verte"
)
LOI_AGEC = "Loi n° 2020-105 du 10 février 2020 relative à la lutte contre le gaspillage et à l'économie circulaire"
LOI_CLIMAT = "Loi n° 2021-1104 du 22 août 2021 (Climat et Résilience)"
DECRET_2021_950 = "Décret n° 2021-950 du 16 juillet 2021"
DECRET_2022_767 = "Décret n° 2022-767 du 2 mai 2022"
LOI_INDUSTRIE_VERTE = "Loi n° 2023-973 du 23 octobre 2023 relative à l'industrie verte"
DECRET_2024_134 = "Décret n° 2024-134 du 21 février 2024"

#: The categories of buyers L2111-3 has distinguished over time.
COLLECTIVITE = "collectivite"
STATUT_LEGAL = "statut_legal"
ETAT = "etat"
HOPITAL = "hopital"
AUTRE_ACHETEUR = "autre"
BUYER_CATEGORIES = [
    (COLLECTIVITE, "Collectivité territoriale ou groupement de collectivités (EPCI, syndicat…)"),
    (ETAT, "Service de l'État (administration centrale ou déconcentrée)"),
    (HOPITAL, "Établissement public de santé (hôpital)"),
    (STATUT_LEGAL, "Autre acheteur dont le statut est fixé par la loi"),
    (
        AUTRE_ACHETEUR,
        "Autre acheteur soumis au code (organisme de droit privé, société publique, bailleur "
        "social…)",
    ),
]

#: Key dates of the rules the verdict and the recommendations apply.
SPASER_CREATED = date(2014, 7, 31)
SPASER_OBLIGATION_START = date(2015, 2, 1)
THRESHOLD_50M_FROM = date(2023, 1, 1)
ALL_BUYERS_FROM = date(2023, 10, 25)
CLIMATE_CLAUSES_FROM = date(2026, 8, 21)

REFERENCES = {
    ref.article: ref
    for ref in [
        Reference(
            "L2111-3",
            CCP,
            "Tout acheteur soumis au code dont le montant total annuel des achats dépasse le seuil "
            "réglementaire adopte un SPASER, le rend public et le met en œuvre, avec des "
            "indicateurs publiés tous les deux ans.",
            ALL_BUYERS_FROM,
            f"{LOI_ESS}, art. 13 ; {LOI_CLIMAT}, art. 35 ; {LOI_INDUSTRIE_VERTE}, art. 29",
        ),
        Reference(
            "D2111-3",
            CCP,
            "Le seuil est de 50 millions d'euros HT de dépenses de l'année civile, hors marchés de "
            "défense ou de sécurité (100 millions d'euros HT avant 2023).",
            THRESHOLD_50M_FROM,
            DECRET_2022_767,
        ),
        Reference(
            "L2111-2",
            CCP,
            "Les spécifications techniques prennent en compte des objectifs de développement "
            "durable dans leurs dimensions économique, sociale et environnementale.",
            CLIMATE_CLAUSES_FROM,
            f"{LOI_CLIMAT}, art. 35",
        ),
        Reference(
            "L2112-2",
            CCP,
            "Les conditions d'exécution prennent en compte des considérations relatives à "
            "l'environnement (consultations lancées à partir du 21 août 2026, hors marchés de "
            "défense ou de sécurité).",
            CLIMATE_CLAUSES_FROM,
            f"{LOI_CLIMAT}, art. 35",
        ),
        Reference(
            "L2112-2-1",
            CCP,
            "À partir des seuils européens, les conditions d'exécution comportent des "
            "considérations relatives au domaine social ou à l'emploi, sauf exceptions limitées.",
            CLIMATE_CLAUSES_FROM,
            f"{LOI_CLIMAT}, art. 35",
        ),
        Reference(
            "L3114-2-1",
            CCP,
            "La même condition d'exécution sociale s'impose aux contrats de concession.",
            CLIMATE_CLAUSES_FROM,
            f"{LOI_CLIMAT}, art. 35",
        ),
        Reference(
            "L2152-7",
            CCP,
            "Au moins un critère d'attribution prend en compte les caractéristiques "
            "environnementales de l'offre (un critère unique du coût qui les prend en compte "
            "reste possible).",
            CLIMATE_CLAUSES_FROM,
            f"{LOI_CLIMAT}, art. 35",
        ),
        Reference(
            "R2152-7",
            CCP,
            "Fixe les critères possibles : l'attribution sur le seul critère du prix n'est plus "
            "possible, le critère unique du coût (coût global, cycle de vie) le reste.",
            CLIMATE_CLAUSES_FROM,
            DECRET_2022_767,
        ),
        Reference(
            "R2152-9",
            CCP,
            "Le coût du cycle de vie couvre tout ou partie des coûts de l'acquisition à la fin de "
            "vie.",
            date(2019, 4, 1),
        ),
        Reference(
            "R2152-10",
            CCP,
            "La méthode de calcul du coût du cycle de vie est objective, vérifiable et non "
            "discriminatoire.",
            date(2019, 4, 1),
        ),
        Reference(
            "L2113-12",
            CCP,
            "Marchés ou lots réservés aux entreprises adaptées, aux ESAT et aux structures "
            "équivalentes.",
            date(2019, 4, 1),
        ),
        Reference(
            "L2113-13",
            CCP,
            "Marchés ou lots réservés aux structures d'insertion par l'activité économique et aux "
            "structures équivalentes.",
            date(2019, 4, 1),
        ),
        Reference(
            "L2113-14",
            CCP,
            "Un marché réservé le dit dans l'avis d'appel à la concurrence.",
            date(2019, 4, 1),
        ),
        Reference(
            "L2113-15",
            CCP,
            "Certains services sociaux, de santé ou culturels peuvent être réservés aux "
            "entreprises de l'économie sociale et solidaire, pour trois ans au plus.",
            date(2019, 4, 1),
        ),
        Reference(
            "L3332-17-1",
            CODE_TRAVAIL,
            "Définit l'entreprise solidaire d'utilité sociale (ESUS) ; certaines structures le "
            "sont de plein droit (SIAE, entreprises adaptées, ESAT…), sans figurer sur la liste "
            "des agréments.",
            date(2014, 8, 2),
            f"{LOI_ESS}, art. 11",
        ),
        Reference(
            "L5132-4",
            CODE_TRAVAIL,
            "Liste les structures d'insertion par l'activité économique.",
            date(2008, 5, 1),
        ),
        Reference(
            "L5213-13",
            CODE_TRAVAIL,
            "Définit les entreprises adaptées.",
            date(2008, 5, 1),
        ),
        Reference(
            "L344-2",
            CASF,
            "Définit les établissements et services d'accompagnement par le travail (ESAT).",
            date(2005, 2, 12),
        ),
        Reference(
            "R126-8",
            CCH,
            "Le diagnostic relatif à la gestion des produits, équipements, matériaux et déchets "
            "(PEMD) est obligatoire avant la démolition ou la rénovation significative des "
            "bâtiments concernés (articles R126-8 et suivants).",
            date(2022, 1, 1),
        ),
        Reference(
            "D543-281",
            CODE_ENV,
            "Les déchets de chantier sont triés en sept flux : papier-carton, métal, plastique, "
            "verre, bois, fraction minérale et plâtre (dérogations pour les petits chantiers).",
            date(2021, 7, 16),
            DECRET_2021_950,
        ),
        Reference(
            "L230-5-1",
            CODE_RURAL,
            "Au moins 50 % de produits durables et de qualité, dont 20 % de produits biologiques, "
            "en restauration collective publique.",
            date(2022, 1, 1),
        ),
        Reference(
            "art. 58",
            LOI_AGEC,
            "L'État et les collectivités acquièrent une part minimale de biens issus du réemploi, "
            "de la réutilisation ou intégrant des matières recyclées, fixée par le décret "
            "n° 2024-134 et rehaussée en 2024, 2027 et 2030.",
            date(2024, 2, 21),
            DECRET_2024_134,
        ),
    ]
}

#: The national plan for sustainable procurement 2022-2025: a plan, not a law; it set targets for
#: 2025 (100 % of contracts with an environmental consideration, 30 % with a social one) and ended.
PNAD_NAME = "objectifs 2025 du PNAD 2022-2025"

ARTICLE_PATTERN = re.compile(r"\b[LRD]\.? ?\d{3,4}(?:-\d+)+\b")


def cited_articles(text):
    """The code articles (« L2111-3 », « R. 2152-7 »…) that `text` cites, normalised."""
    return {re.sub(r"[. ]", "", match) for match in ARTICLE_PATTERN.findall(text)}


def reference(article):
    """The reference of `article`; a KeyError names an article this module does not know."""
    return REFERENCES[article]


# --- What changed, and when -----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    day: date
    title: str
    text: str
    sources: tuple = ()
    when: str = ""  # how precisely the date is known, when not to the day

    @property
    def date_label(self):
        return self.when or _french_date(self.day)

    @property
    def references(self):
        return [REFERENCES[a] for a in self.sources]


CHANGES = [
    Change(
        SPASER_CREATED,
        "Création du SPASER",
        f"La {LOI_ESS[0].lower()}{LOI_ESS[1:]} crée le schéma de promotion des achats "
        "socialement responsables, avec des objectifs sociaux (insertion des travailleurs "
        "handicapés ou défavorisés).",
    ),
    Change(
        SPASER_OBLIGATION_START,
        "Le seuil de 100 millions d'euros HT s'applique",
        f"Le {DECRET_2015_90[0].lower()}{DECRET_2015_90[1:]} fixe le seuil de l'obligation ; "
        "elle vise les collectivités territoriales et les acheteurs dont le statut est fixé par "
        "la loi.",
    ),
    Change(
        date(2015, 8, 17),
        "Objectifs écologiques et économie circulaire",
        "La loi relative à la transition énergétique pour la croissance verte ajoute au schéma "
        "des objectifs écologiques et la contribution à l'économie circulaire (« achats "
        "socialement et écologiquement responsables »).",
    ),
    Change(
        date(2021, 7, 16),
        "Tri des déchets de chantier en sept flux",
        f"Le {DECRET_2021_950[0].lower()}{DECRET_2021_950[1:]} étend le tri à la source des "
        "déchets de construction à sept flux.",
        ("D543-281",),
    ),
    Change(
        date(2021, 8, 22),
        "Loi Climat et Résilience",
        "Elle ajoute au schéma des indicateurs précis, publiés tous les deux ans, et des "
        "objectifs cibles par catégorie d'achat, notamment auprès des ESUS ; elle programme pour "
        "2026 les clauses environnementales et sociales obligatoires.",
        ("L2111-3",),
    ),
    Change(
        date(2022, 1, 1),
        "Diagnostic PEMD avant démolition",
        "Le diagnostic des produits, équipements, matériaux et déchets devient obligatoire avant "
        "la démolition ou la rénovation significative des bâtiments concernés.",
        ("R126-8",),
    ),
    Change(
        date(2022, 3, 1),
        "Plan national pour des achats durables 2022-2025",
        "Le PNAD fixe des objectifs pour 2025 : 100 % des marchés avec une considération "
        "environnementale, 30 % avec une considération sociale. C'est un plan, pas une loi ; il "
        "est arrivé à son terme.",
        when="2022",
    ),
    Change(
        THRESHOLD_50M_FROM,
        "Le seuil passe à 50 millions d'euros HT",
        f"Le {DECRET_2022_767[0].lower()}{DECRET_2022_767[1:]} abaisse le seuil à 50 millions "
        "d'euros HT de dépenses de l'année civile, à partir des achats de 2023.",
        ("D2111-3",),
    ),
    Change(
        ALL_BUYERS_FROM,
        "Tous les acheteurs soumis au code sont concernés",
        f"La {LOI_INDUSTRIE_VERTE[0].lower()}{LOI_INDUSTRIE_VERTE[1:]} (art. 29) étend "
        "l'obligation à tout acheteur soumis au code : services de l'État, hôpitaux et autres "
        "établissements publics compris. Plusieurs acheteurs peuvent adopter un schéma commun. "
        "Aucune sanction n'est prévue pour l'acheteur qui n'adopte pas de schéma.",
        ("L2111-3",),
    ),
    Change(
        date(2024, 2, 21),
        "Parts minimales de biens issus du réemploi",
        f"Le {DECRET_2024_134[0].lower()}{DECRET_2024_134[1:]}, pris pour l'article 58 de la loi "
        "AGEC, fixe les parts minimales d'achats de biens issus du réemploi ou intégrant des "
        "matières recyclées de l'État et des collectivités, rehaussées en 2024, 2027 et 2030.",
        ("art. 58",),
    ),
    Change(
        CLIMATE_CLAUSES_FROM,
        "Clauses environnementales et sociales obligatoires",
        "Pour les consultations lancées à partir du 21 août 2026 (hors marchés de défense ou de "
        "sécurité) : une condition d'exécution environnementale, au moins un critère "
        "d'attribution environnemental (le critère unique du coût qui en tient compte reste "
        "possible, le prix seul ne l'est plus), des spécifications techniques qui prennent en "
        "compte le développement durable et, à partir des seuils européens, une condition "
        "d'exécution sociale ou relative à l'emploi.",
        ("L2112-2", "L2152-7", "R2152-7", "L2111-2", "L2112-2-1", "L3114-2-1"),
    ),
]
