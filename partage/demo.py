"""Demo: documents shared by the demo organisations' buyers — fictional texts, some reserved to
verified buyers, at each reliability level — one still waiting in the curators' queue, and the
curator of a fictional regional network who reviews them. Rerunning it adds nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from portal.demo import RESOURCES_MENU, add_nav_link, demo_user, organisation, tour
from portal.models import CollectiviteType, FamilleAchat, Theme

from .models import Audience, Kind, Reliability, SharedDocument, Status
from .pdf import simple_pdf

CURATOR = (
    "animation@reseau-achats-responsables-ouest.fr",
    "Soizic",
    "Le Bihan",
    "Animatrice du réseau des acheteurs responsables de l'Ouest (fictif)",
)

# title, contributor, organisation SIREN, kind, audience, reliability (None: pending),
# considerations, familles (name prefixes), themes, organisation types, days ago, summary, body
DOCUMENTS = [
    (
        "Délibération adoptant le schéma d'achats responsables 2025-2027",
        "participant@ampmetropole.fr",
        "200054807",
        Kind.DELIBERATION,
        Audience.PUBLIC,
        Reliability.REVIEWED,
        ("social", "environmental", "circular"),
        (),
        ("Gouvernance", "Indicateurs"),
        ("Métropole",),
        40,
        "Texte type d'une délibération d'adoption : visas (articles L2111-3 et D2111-3 du code "
        "de la commande publique), objectifs chiffrés, calendrier de publication des indicateurs "
        "tous les deux ans. Exemple fictif préparé pour la démonstration.",
        [
            "Le conseil, vu le code de la commande publique, notamment ses articles L2111-3 et "
            "D2111-3, adopte le schéma de promotion des achats socialement et écologiquement "
            "responsables pour les années 2025 à 2027.",
            "Article 1 : 100 % des marchés comportent au moins une considération "
            "environnementale ; 30 % au moins une considération sociale.",
            "Article 2 : les indicateurs sont publiés tous les deux ans sur le site internet.",
        ],
    ),
    (
        "Extrait de CCTP : restauration scolaire, produits durables et de qualité",
        "mentor@nantesmetropole.fr",
        "244400404",
        Kind.SPECIFICATION,
        Audience.RESERVED,
        Reliability.REVIEWED,
        ("environmental",),
        ("Restauration collective",),
        ("Environnemental",),
        ("Métropole", "Commune"),
        25,
        "Les articles du cahier des clauses techniques d'un marché de denrées pour la "
        "restauration scolaire : part de produits durables et de qualité, lutte contre le "
        "gaspillage, contenants réemployables. Exemple fictif.",
        [
            "Article 4 - Qualité des denrées : le titulaire propose au moins 50 % de produits "
            "durables et de qualité, dont au moins 20 % issus de l'agriculture biologique.",
            "Article 7 - Contenants : les livraisons se font dans des contenants réemployables, "
            "repris par le titulaire.",
        ],
    ),
    (
        "Clause d'insertion pour le nettoyage des bâtiments communaux",
        "participant@ville-dunkerque.fr",
        "215901836",
        Kind.CLAUSE,
        Audience.PUBLIC,
        Reliability.SHARED,
        ("social",),
        ("Moyens généraux",),
        ("Social",),
        ("Commune",),
        12,
        "La clause d'exécution utilisée dans nos marchés de propreté : 7 % des heures "
        "travaillées réservées à des personnes éloignées de l'emploi, suivi avec le "
        "facilitateur. Exemple fictif.",
        [
            "Le titulaire réserve au moins 7 % des heures travaillées pour l'exécution du marché "
            "à des personnes rencontrant des difficultés sociales ou professionnelles "
            "particulières.",
            "Il transmet chaque trimestre au facilitateur de la clause sociale le relevé des "
            "heures effectuées.",
        ],
    ),
    (
        "Guide : calculer et publier les indicateurs du SPASER",
        "membre@gironde.fr",
        "223300013",
        Kind.GUIDE,
        Audience.RESERVED,
        Reliability.NATIONAL,
        ("social", "environmental"),
        (),
        ("Indicateurs",),
        ("Département", "Région", "Métropole"),
        60,
        "Méthode pas à pas pour compter les marchés comportant une considération sociale ou "
        "environnementale à partir des données essentielles de la commande publique, et les "
        "publier tous les deux ans. Exemple fictif.",
        [
            "1. Extraire les données essentielles des marchés notifiés dans l'année.",
            "2. Compter les marchés dont une considération sociale ou environnementale est "
            "renseignée, en nombre et en montant.",
            "3. Publier les indicateurs sur le site internet, avec l'année de référence.",
        ],
    ),
    (
        "Retour d'expérience : mobilier de bureau de réemploi",
        "membre@bretagne.bzh",
        "233500016",
        Kind.EXPERIENCE,
        Audience.PUBLIC,
        Reliability.REVIEWED,
        ("circular",),
        ("Moyens généraux",),
        ("Environnemental",),
        ("Région",),
        8,
        "Un lot réservé au mobilier de réemploi : sourcing, allotissement, ce qui a marché et "
        "ce que nous changerions. Exemple fictif.",
        [
            "Nous avons alloti séparément le mobilier de réemploi et le mobilier neuf ; le lot de "
            "réemploi a reçu quatre offres d'entreprises de l'économie sociale et solidaire.",
            "À refaire : prévoir une visite des stocks avant la remise des offres.",
        ],
    ),
    (
        "Retour d'expérience : sourcing des entreprises adaptées pour l'impression",
        "participant@gpsea.fr",
        "200058006",
        Kind.EXPERIENCE,
        Audience.RESERVED,
        None,
        ("social",),
        ("Moyens généraux",),
        ("Social", "Économique"),
        ("Établissement public territorial",),
        2,
        "Comment nous avons repéré les entreprises adaptées et ESAT capables de répondre à un "
        "marché réservé d'impression. Exemple fictif, en attente de relecture.",
        [
            "Rencontres avec trois ESAT du territoire avant la consultation ; un marché réservé "
            "au titre de l'article L2113-12 du code de la commande publique.",
        ],
    ),
]

CONSIDERATIONS = {"social", "environmental", "circular"}


def _terms(model, names, prefix=False):
    if prefix:
        found = []
        for name in names:
            found += list(model.objects.filter(name__startswith=name))
        return found
    return list(model.objects.filter(name__in=names))


def seed(password, stdout):
    email, first_name, last_name, job = CURATOR
    curator = demo_user(email, first_name, last_name, password, job_title=job, role="curator")
    tour(
        email,
        "Curatrice d'un réseau",
        "publier avec un niveau de fiabilité ou refuser les documents partagés en attente "
        "(/documents-partages/a-relire/) ; annuaire des facilitateurs et rendez-vous des "
        "réseaux dans /admin/",
    )
    users = get_user_model().objects
    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for (
        title,
        contributor,
        siren,
        kind,
        audience,
        reliability,
        considerations,
        familles,
        themes,
        types,
        days_ago,
        summary,
        body,
    ) in DOCUMENTS:
        if SharedDocument.objects.filter(title=title).exists():
            continue
        document = SharedDocument(
            title=title,
            summary=summary,
            kind=kind,
            audience=audience,
            organisation=organisation(siren),
            contributor=users.filter(email=contributor).first(),
            status=Status.PUBLISHED if reliability else Status.PENDING,
            reliability=reliability or "",
            **{name: name in considerations for name in CONSIDERATIONS},
        )
        if reliability:
            document.reviewed_by = curator
            document.published_at = document.decided_at = now - timedelta(days=days_ago)
        document.file.save(f"{slugify(title)[:80]}.pdf", ContentFile(simple_pdf(title, body)))
        document.themes.set(_terms(Theme, themes))
        document.familles.set(_terms(FamilleAchat, familles, prefix=True))
        document.collectivite_types.set(_terms(CollectiviteType, types))
        created += 1
    add_nav_link("Documents partagés", "/documents-partages/", menu=RESOURCES_MENU)
    if created:
        stdout.write(f"Documents partagés : {created} documents de démonstration.")
