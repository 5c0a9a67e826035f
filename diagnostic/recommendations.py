"""Recommendations that close the gaps found by the score. No Django import.

Each recommendation links to the portal's resources through the search page
(`/recherche/?q=…`), so it finds whichever fiches, model clauses and webinar replays exist.
`kind` says what the link leads to: "fiche", "clause" or "webinaire".
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

SEARCH_URL = "/recherche/"


@dataclass(frozen=True)
class Link:
    label: str
    query: str
    kind: str

    @property
    def url(self):
        return f"{SEARCH_URL}?{urlencode({'q': self.query})}"


@dataclass(frozen=True)
class Recommendation:
    key: str
    title: str
    text: str
    links: list = field(default_factory=list)
    priority: int = 2  # 1 = legal obligation, 2 = content, 3 = progress


def _fiche(query, label=None):
    return Link(label or f"Fiches : {query}", query, "fiche")


def _clause(query, label=None):
    return Link(label or f"Clauses types : {query}", query, "clause")


def _webinar(query, label=None):
    return Link(label or f"Webinaires : {query}", query, "webinaire")


CATALOGUE = {
    "adopted": Recommendation(
        "adopted",
        "Adopter votre SPASER",
        "Faites adopter le schéma par l'assemblée délibérante : partez de votre programmation des "
        "achats, fixez quelques objectifs mesurables et un calendrier de suivi.",
        [_fiche("élaborer son SPASER"), _webinar("SPASER")],
        1,
    ),
    "published": Recommendation(
        "published",
        "Publier le schéma sur votre site internet",
        "Le schéma doit être rendu public, sur le site internet de l'acheteur lorsqu'il en a un.",
        [_fiche("publication du SPASER")],
        1,
    ),
    "indicators_fresh": Recommendation(
        "indicators_fresh",
        "Publier vos indicateurs (tous les deux ans)",
        "La loi Climat et Résilience impose des indicateurs précis, publiés tous les deux ans. "
        "Les données essentielles (DECP) permettent de les calculer : essayez l'import DECP.",
        [_fiche("indicateurs"), _webinar("indicateurs")],
        1,
    ),
    "content_social": Recommendation(
        "content_social",
        "Fixer des objectifs sociaux",
        "Le schéma doit comporter des objectifs d'insertion des travailleurs handicapés ou "
        "défavorisés : clause d'insertion (5 à 8 % des heures travaillées), lots réservés aux "
        "ESAT et SIAE, appui d'un facilitateur.",
        [_clause("clause d'insertion"), _fiche("marchés réservés"), _webinar("clause sociale")],
    ),
    "content_ecological": Recommendation(
        "content_ecological",
        "Fixer des objectifs écologiques",
        "Décrivez vos objectifs environnementaux par famille d'achat et leur suivi annuel.",
        [_fiche("achats durables"), _clause("condition d'exécution environnementale")],
    ),
    "content_circular": Recommendation(
        "content_circular",
        "Contribuer à l'économie circulaire",
        "Le schéma doit dire comment vos achats contribuent à l'économie circulaire : réemploi, "
        "biens issus du réemploi ou intégrant des matières recyclées, allongement de la durée "
        "d'usage.",
        [_fiche("économie circulaire"), _clause("réemploi")],
    ),
    "content_indicators": Recommendation(
        "content_indicators",
        "Définir des indicateurs précis",
        "Exprimez vos indicateurs en nombre de marchés ou en valeur, pour pouvoir les publier.",
        [_fiche("indicateurs")],
    ),
    "content_targets": Recommendation(
        "content_targets",
        "Fixer des cibles par catégorie, dont les achats solidaires",
        "Donnez des objectifs cibles par catégorie d'achat, notamment pour les achats auprès des "
        "entreprises solidaires d'utilité sociale (ESUS, art. L3332-17-1 du code du travail).",
        [_fiche("entreprises solidaires ESUS"), _webinar("économie sociale et solidaire")],
    ),
    "env_unknown": Recommendation(
        "env_unknown",
        "Mesurer la part de marchés avec une considération environnementale",
        "Importez vos données essentielles (DECP) pour calculer cet indicateur.",
        [_fiche("indicateurs")],
        3,
    ),
    "social_unknown": Recommendation(
        "social_unknown",
        "Mesurer la part de marchés avec une considération sociale",
        "Importez vos données essentielles (DECP) pour calculer cet indicateur.",
        [_fiche("indicateurs")],
        3,
    ),
    "esus_unknown": Recommendation(
        "esus_unknown",
        "Mesurer vos achats auprès des entreprises solidaires",
        "Les DECP ne disent pas si le titulaire est une ESUS : rapprochez vos mandatements de la "
        "liste des structures agréées.",
        [_fiche("entreprises solidaires ESUS")],
        3,
    ),
    "env_no_target": Recommendation(
        "env_no_target",
        "Fixer une cible environnementale",
        "Le plan national vise 100 % de marchés avec au moins une considération environnementale.",
        [_fiche("achats durables")],
        3,
    ),
    "social_no_target": Recommendation(
        "social_no_target",
        "Fixer une cible sociale",
        "Le plan national vise 30 % de marchés avec au moins une considération sociale.",
        [_fiche("clause sociale")],
        3,
    ),
    "esus_no_target": Recommendation(
        "esus_no_target",
        "Fixer une cible d'achats solidaires",
        "Par exemple 5 % du volume d'achats auprès d'entreprises solidaires, comme la Métropole "
        "d'Aix-Marseille-Provence.",
        [_fiche("entreprises solidaires ESUS")],
        3,
    ),
    "env_below_target": Recommendation(
        "env_below_target",
        "Généraliser les considérations environnementales",
        "Depuis le 21 août 2026, chaque marché comporte une condition d'exécution "
        "environnementale (L2112-2) et au moins un critère d'attribution environnemental "
        "(L2152-7) : le critère prix seul n'est plus possible.",
        [
            _clause("condition d'exécution environnementale"),
            _clause("critère environnemental"),
            _webinar("loi climat et résilience"),
        ],
        2,
    ),
    "social_below_target": Recommendation(
        "social_below_target",
        "Développer les considérations sociales",
        "Repérez dans votre programmation (PAA) les marchés propices à une clause d'insertion ou "
        "à un lot réservé, avec l'appui d'un facilitateur de clause sociale.",
        [
            _clause("clause d'insertion"),
            _fiche("facilitateur clause sociale"),
            _webinar("clause sociale"),
        ],
        2,
    ),
    "esus_below_target": Recommendation(
        "esus_below_target",
        "Ouvrir vos achats aux entreprises solidaires",
        "Allotissez, réservez des lots aux SIAE et ESAT, faites connaître vos besoins aux "
        "structures de l'ESS.",
        [_fiche("marchés réservés"), _clause("marché réservé")],
        3,
    ),
}
CATALOGUE["pnad_env"] = CATALOGUE["env_below_target"]
CATALOGUE["pnad_social"] = CATALOGUE["social_below_target"]


def for_gaps(gaps):
    """The recommendations for the score's gaps, without duplicates, most pressing first."""
    seen, result = set(), []
    for gap in gaps:
        recommendation = CATALOGUE.get(gap)
        if recommendation and recommendation.key not in seen:
            seen.add(recommendation.key)
            result.append(recommendation)
    return sorted(result, key=lambda r: r.priority)
