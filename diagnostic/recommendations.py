"""Recommendations that close the gaps found by the score. No Django import.

Each recommendation says what it is (`nature`): a legal obligation, with its scope and the articles
it rests on (cited from `portal.legal`, not copied); a good practice; or a target of the national
plan, which is a plan and not a law. The scheme's own items are obligations only for a buyer the
verdict obliges; for the others they are good practice.

Each recommendation links to the portal's resources through the search page
(`/recherche/?q=…&kind=…`), so it finds whichever fiches, model clauses and webinar replays exist.
`kind` says what the link leads to, and filters the search by it: "fiche", "clause" or
"webinaire" (portal.search_views.KINDS).
"""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from portal import legal

SEARCH_URL = "/recherche/"

OBLIGATION = "obligation"
GOOD_PRACTICE = "bonne_pratique"
PLAN = "plan"
NATURE_LABELS = {
    OBLIGATION: "Obligation légale",
    GOOD_PRACTICE: "Bonne pratique",
    PLAN: "Objectif 2025 du PNAD 2022-2025",
}
PRIORITY = {OBLIGATION: 1, GOOD_PRACTICE: 2, PLAN: 3}


@dataclass(frozen=True)
class Link:
    label: str
    query: str
    kind: str

    @property
    def url(self):
        """The search for `query` among the resources of this `kind` only (the search page's
        « kind » filter, one of the query parameters the page cache keeps)."""
        return f"{SEARCH_URL}?{urlencode({'q': self.query, 'kind': self.kind})}"


@dataclass(frozen=True)
class Recommendation:
    key: str
    title: str
    text: str
    links: list = field(default_factory=list)
    nature: str = GOOD_PRACTICE
    sources: tuple = ()  # articles of portal.legal.REFERENCES
    scope: str = ""  # for an obligation: whom, from when, what is excluded

    @property
    def nature_label(self):
        return NATURE_LABELS[self.nature]

    @property
    def priority(self):
        return PRIORITY[self.nature]

    @property
    def references(self):
        return [legal.reference(article) for article in self.sources]

    @property
    def about_social_clauses(self):
        return self.key in SOCIAL_CLAUSE_KEYS


def _fiche(query, label=None):
    return Link(label or f"Fiches : {query}", query, "fiche")


def _clause(query, label=None):
    return Link(label or f"Clauses types : {query}", query, "clause")


def _webinar(query, label=None):
    return Link(label or f"Webinaires : {query}", query, "webinaire")


SCHEME_SCOPE = (
    "Tout acheteur soumis au code dont les achats de l'année dépassent 50 M€ HT, hors défense et "
    "sécurité (depuis le 25 octobre 2023). Aucune sanction n'est prévue en cas de défaut "
    "d'adoption."
)
CLIMATE_SCOPE = (
    "Marchés dont la consultation est engagée ou l'avis d'appel à la concurrence envoyé à partir "
    "du 21 août 2026 ; les marchés de défense ou de sécurité ne sont pas concernés."
)

#: The recommendations about social clauses: they point to the facilitators of the buyer's
#: département (« Trouver un facilitateur »), who help place insertion clauses and reserved lots.
SOCIAL_CLAUSE_KEYS = {"content_social", "social_condition", "social_below_target", "pnad_social"}

#: The recommendations of the scheme itself: obligations for an obliged buyer.
SCHEME_KEYS = {
    "adopted",
    "published",
    "indicators_fresh",
    "content_social",
    "content_ecological",
    "content_circular",
    "content_indicators",
    "content_targets",
}

CATALOGUE = {
    rec.key: rec
    for rec in [
        Recommendation(
            "adopted",
            "Adopter votre SPASER",
            "Faites adopter le schéma par l'organe compétent (assemblée délibérante, conseil "
            "d'administration ou direction) : partez de votre programmation des achats, fixez "
            "quelques objectifs mesurables et un calendrier de suivi.",
            [_fiche("élaborer son SPASER"), _webinar("SPASER")],
            OBLIGATION,
            ("L2111-3", "D2111-3"),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "published",
            "Publier le schéma sur votre site internet",
            "Le schéma est rendu public, sur le site internet de l'acheteur lorsqu'il en a un.",
            [_fiche("publication du SPASER")],
            OBLIGATION,
            ("L2111-3",),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "indicators_fresh",
            "Publier vos indicateurs (tous les deux ans)",
            "Les indicateurs précis du schéma sont publiés tous les deux ans (exigence ajoutée "
            "par la loi Climat et Résilience en 2021). Les données essentielles (DECP) permettent "
            "de les calculer : essayez l'import DECP.",
            [_fiche("indicateurs"), _webinar("indicateurs")],
            OBLIGATION,
            ("L2111-3",),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "content_social",
            "Fixer des objectifs sociaux, leur mise en œuvre et leur suivi annuel",
            "Depuis la loi relative à l'économie sociale et solidaire (2014), le schéma comporte "
            "des objectifs d'intégration sociale et professionnelle des travailleurs handicapés "
            "ou défavorisés, avec leurs modalités de mise en œuvre et de suivi annuel : clause "
            "d'insertion (5 à 8 % des heures travaillées), lots réservés aux ESAT et SIAE, appui "
            "d'un facilitateur.",
            [_clause("clause d'insertion"), _fiche("marchés réservés"), _webinar("clause sociale")],
            OBLIGATION,
            ("L2111-3",),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "content_ecological",
            "Fixer des objectifs écologiques, leur mise en œuvre et leur suivi annuel",
            "Depuis la loi de transition énergétique (2015), le schéma comporte des objectifs "
            "d'achats écologiquement responsables : décrivez-les par famille d'achat, avec leur "
            "mise en œuvre et leur suivi annuel.",
            [_fiche("achats durables"), _clause("condition d'exécution environnementale")],
            OBLIGATION,
            ("L2111-3",),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "content_circular",
            "Contribuer à l'économie circulaire",
            "Le schéma dit comment vos achats contribuent à l'économie circulaire (depuis 2015) : "
            "réemploi, biens issus du réemploi ou intégrant des matières recyclées, allongement "
            "de la durée d'usage. L'État et les collectivités doivent en outre atteindre des "
            "parts minimales d'achats de biens issus du réemploi, de la réutilisation ou "
            "intégrant des matières recyclées, par famille de produits (article 58 de la loi "
            "AGEC, décret n° 2024-134, parts rehaussées en 2024, 2027 et 2030).",
            [_fiche("économie circulaire"), _clause("réemploi")],
            OBLIGATION,
            ("L2111-3", "art. 58"),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "content_indicators",
            "Définir des indicateurs précis",
            "Exprimez vos indicateurs en nombre de marchés ou en valeur (loi Climat et Résilience, "
            "2021), pour pouvoir les publier tous les deux ans.",
            [_fiche("indicateurs")],
            OBLIGATION,
            ("L2111-3",),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "content_targets",
            "Fixer des cibles par catégorie, dont les achats solidaires",
            "Donnez des objectifs cibles par catégorie d'achat, notamment pour les achats auprès "
            "des entreprises solidaires d'utilité sociale (ESUS) ou des entreprises employant des "
            "personnes défavorisées ou vulnérables (loi Climat et Résilience, 2021).",
            [_fiche("entreprises solidaires ESUS"), _webinar("économie sociale et solidaire")],
            OBLIGATION,
            ("L2111-3", "L3332-17-1"),
            SCHEME_SCOPE,
        ),
        Recommendation(
            "env_condition",
            "Appliquer les clauses environnementales obligatoires",
            "Chaque marché comporte une condition d'exécution environnementale et au moins un "
            "critère d'attribution prenant en compte les caractéristiques environnementales de "
            "l'offre ; les spécifications techniques prennent en compte le développement durable. "
            "Le prix seul n'est plus possible, mais un critère unique du coût (coût global, cycle "
            "de vie) qui tient compte de ces caractéristiques reste licite.",
            [
                _clause("condition d'exécution environnementale"),
                _clause("critère environnemental"),
                _webinar("loi climat et résilience"),
            ],
            OBLIGATION,
            ("L2112-2", "L2152-7", "R2152-7", "L2111-2"),
            CLIMATE_SCOPE,
        ),
        Recommendation(
            "social_condition",
            "Prévoir la condition d'exécution sociale obligatoire",
            "Les marchés d'un montant égal ou supérieur aux seuils européens comportent une "
            "condition d'exécution relative au domaine social ou à l'emploi, notamment en faveur "
            "des personnes défavorisées (de même pour les concessions), sauf exceptions limitées "
            "prévues par le code.",
            [_clause("clause d'insertion"), _fiche("facilitateur clause sociale")],
            OBLIGATION,
            ("L2112-2-1", "L3114-2-1"),
            CLIMATE_SCOPE + " Seuils européens de procédure formalisée.",
        ),
        Recommendation(
            "env_unknown",
            "Mesurer la part de marchés avec une considération environnementale",
            "Importez vos données essentielles (DECP) pour calculer cet indicateur.",
            [_fiche("indicateurs")],
        ),
        Recommendation(
            "social_unknown",
            "Mesurer la part de marchés avec une considération sociale",
            "Importez vos données essentielles (DECP) pour calculer cet indicateur.",
            [_fiche("indicateurs")],
        ),
        Recommendation(
            "esus_unknown",
            "Mesurer vos achats auprès des entreprises solidaires",
            "Les DECP ne disent pas si le titulaire est une ESUS : rapprochez vos mandatements de "
            "la liste des entreprises agréées, et ajoutez-y les structures ESUS de plein droit "
            "(structures d'insertion par l'activité économique, entreprises adaptées, ESAT…) qui "
            "n'y figurent pas forcément.",
            [_fiche("entreprises solidaires ESUS")],
            sources=("L3332-17-1",),
        ),
        Recommendation(
            "env_no_target",
            "Fixer une cible environnementale",
            "Les objectifs 2025 du PNAD 2022-2025 visaient 100 % de marchés avec au moins une "
            "considération environnementale ; pour les consultations lancées depuis le 21 août "
            "2026, c'est désormais en grande partie la loi.",
            [_fiche("achats durables")],
            PLAN,
        ),
        Recommendation(
            "social_no_target",
            "Fixer une cible sociale",
            "Les objectifs 2025 du PNAD 2022-2025 visaient 30 % de marchés avec au moins une "
            "considération sociale.",
            [_fiche("clause sociale")],
            PLAN,
        ),
        Recommendation(
            "esus_no_target",
            "Fixer une cible d'achats solidaires",
            "Par exemple 5 % du volume d'achats auprès d'entreprises solidaires, comme la "
            "Métropole d'Aix-Marseille-Provence.",
            [_fiche("entreprises solidaires ESUS")],
        ),
        Recommendation(
            "env_below_target",
            "Généraliser les considérations environnementales",
            "Au-delà des marchés que la loi vise, étendez la condition d'exécution et le critère "
            "environnementaux aux marchés lancés avant le 21 août 2026 que vous renouvelez ou "
            "modifiez, et suivez leur application.",
            [_clause("condition d'exécution environnementale"), _webinar("loi climat")],
        ),
        Recommendation(
            "social_below_target",
            "Développer les considérations sociales",
            "Repérez dans votre programmation (PAA) les marchés propices à une clause d'insertion "
            "ou à un lot réservé, y compris sous les seuils européens, avec l'appui d'un "
            "facilitateur de clause sociale.",
            [
                _clause("clause d'insertion"),
                _fiche("facilitateur clause sociale"),
                _webinar("clause sociale"),
            ],
        ),
        Recommendation(
            "esus_below_target",
            "Ouvrir vos achats aux entreprises solidaires",
            "Allotissez, réservez des lots aux SIAE, entreprises adaptées et ESAT, faites "
            "connaître vos besoins aux structures de l'ESS.",
            [_fiche("marchés réservés"), _clause("marché réservé")],
            sources=("L2113-12", "L2113-13"),
        ),
        Recommendation(
            "pnad_env",
            "Viser 100 % de marchés avec une considération environnementale",
            "C'était l'objectif 2025 du PNAD 2022-2025, un plan arrivé à son terme ; pour les "
            "consultations lancées depuis le 21 août 2026, la loi impose désormais une condition "
            "et un critère environnementaux.",
            [_fiche("achats durables")],
            PLAN,
        ),
        Recommendation(
            "pnad_social",
            "Viser 30 % de marchés avec une considération sociale",
            "C'était l'objectif 2025 du PNAD 2022-2025, un plan arrivé à son terme. Pour les "
            "consultations lancées depuis le 21 août 2026, la condition d'exécution sociale est "
            "en outre obligatoire à partir des seuils européens.",
            [_fiche("clause sociale")],
            PLAN,
        ),
    ]
}

#: The legal rules that apply to every buyer, recalled where the score finds a related gap.
GAP_RULES = {
    "env": "env_condition",
    "pnad_env": "env_condition",
    "social": "social_condition",
    "pnad_social": "social_condition",
}


def _keys_for(gap):
    rule = GAP_RULES.get(gap) or GAP_RULES.get(gap.split("_", 1)[0])
    return [rule, gap] if rule else [gap]


def for_gaps(gaps, obliged=True):
    """The recommendations for the score's gaps, without duplicates, obligations first.

    The scheme's own items are legal obligations only when the buyer is `obliged`."""
    seen, result = set(), []
    for gap in gaps:
        for key in _keys_for(gap):
            recommendation = CATALOGUE.get(key)
            if recommendation is None or key in seen:
                continue
            seen.add(key)
            if key in SCHEME_KEYS and not obliged:
                recommendation = replace(recommendation, nature=GOOD_PRACTICE, scope="")
            result.append(recommendation)
    return sorted(result, key=lambda r: r.priority)
