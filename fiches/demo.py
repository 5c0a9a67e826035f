"""Demo content: the "Fiches SPASER" index and one fiche per purchase family, with comments.

Idempotent: pages are looked up by slug, comments by author and text.
"""

import datetime
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.documents import get_document_model

from portal import legal
from portal.demo import add_home_section, add_nav_link, home_page, organisation
from portal.models import CollectiviteType, FamilleAchat, Theme

from .models import FicheIndexPage, FichePage


def _ref(article):
    """A legal reference block value, from the portal's references (one wording, one link)."""
    ref = legal.reference(article)
    return {
        "article": ref.article,
        "source": ref.text,
        "summary": f"{ref.title} Depuis le {ref.since}.",
        "url": ref.url,
    }


L2111_3 = _ref("L2111-3")
L2111_2 = _ref("L2111-2")
L2112_2 = _ref("L2112-2")
L2112_2_1 = _ref("L2112-2-1")
L2152_7 = _ref("L2152-7")
R2152_7 = _ref("R2152-7")
L2113_12 = _ref("L2113-12")
L2113_13 = _ref("L2113-13")
L3332_17_1 = _ref("L3332-17-1")
R126_8 = _ref("R126-8")
D543_281 = _ref("D543-281")
L230_5_1 = _ref("L230-5-1")
AGEC_58 = _ref("art. 58")

ENCADRE_TITLE = "Bonne pratique"


def _objective(text):
    return {"type": "objective", "value": {"heading": "Objectif", "text": text}}


def _legal(*refs):
    return {"type": "legal_references", "value": list(refs)}


def _steps(*steps):
    return {
        "type": "steps",
        "value": [{"title": title, "text": f"<p>{text}</p>"} for title, text in steps],
    }


def _encadre(quote, organisation_name, person=""):
    return {
        "type": "encadre",
        "value": {
            "title": ENCADRE_TITLE,
            "quote": quote,
            "person": person,
            "organisation": organisation_name,
        },
    }


def _indicators(*rows):
    return {
        "type": "indicators",
        "value": [{"name": name, "unit": unit, "target": target} for name, unit, target in rows],
    }


def _paragraph(html):
    return {"type": "paragraph", "value": html}


FICHES = [
    {
        "slug": "travaux-voirie-infrastructures-mobilite",
        "title": "Travaux de voirie et infrastructures de mobilité",
        "famille": "Travaux de voirie et infrastructures de mobilité",
        "themes": ["Social", "Environnemental"],
        "types": ["Métropole", "Communauté urbaine ou d'agglomération", "Département"],
        "author": "200054807",
        "intro": "Les marchés de voirie pèsent lourd dans la dépense d'une métropole : ils se "
        "prêtent bien à la clause d'insertion et au réemploi des matériaux de chantier.",
        "body": [
            _objective(
                "<p>Faire de chaque marché de travaux de voirie un levier d'insertion "
                "professionnelle et de réduction des déchets de chantier : clause d'insertion "
                "systématique au-delà de 500 000 € HT, recours aux granulats recyclés et aux "
                "enrobés tièdes, critère environnemental pondéré.</p>"
            ),
            _legal(L2111_3, L2112_2, L2112_2_1, L2152_7, R2152_7, D543_281),
            _steps(
                (
                    "Repérer les marchés dans le plan d'action des achats",
                    "En début d'année, croisez le plan d'action des achats (PAA) avec le "
                    "facilitateur de clause sociale du territoire pour identifier les marchés "
                    "de voirie clausables.",
                ),
                (
                    "Rédiger la clause d'insertion comme condition d'exécution",
                    "Réservez 5 à 8 % des heures travaillées à des personnes en parcours "
                    "d'insertion ; précisez les modalités de suivi et les pénalités.",
                ),
                (
                    "Ouvrir le cahier des charges aux matériaux recyclés",
                    "Autorisez les granulats issus du recyclage et les enrobés à taux de "
                    "recyclés élevé ; demandez un plan de gestion des déblais.",
                ),
                (
                    "Noter l'offre sur un critère environnemental",
                    "Exemple : 15 % pour le bilan carbone du chantier et la part de matériaux "
                    "recyclés, justifiés par un mémoire technique.",
                ),
                (
                    "Suivre l'exécution avec le facilitateur",
                    "Chaque trimestre, comparez les heures d'insertion réalisées aux heures "
                    "prévues et consignez-les pour les indicateurs du SPASER.",
                ),
            ),
            _encadre(
                "Nous avons eu à cœur de mettre en valeur et de nous appuyer sur les "
                "nombreuses bonnes pratiques déjà existantes en matière d'achats "
                "responsables. Elles sont reprises dans les encadrés de chaque fiche du Spaser.",
                "Métropole d'Aix-Marseille-Provence",
                "Maya Ribault, cheffe de projet SPASER",
            ),
            _indicators(
                (
                    "Heures d'insertion réalisées",
                    "heures par an, par marché",
                    "5 à 8 % des heures travaillées",
                ),
                ("Part des matériaux recyclés", "% du tonnage mis en œuvre", "30 % en 2027"),
                (
                    "Marchés de voirie avec une considération environnementale",
                    "% des marchés notifiés",
                    "100 %",
                ),
            ),
        ],
    },
    {
        "slug": "moyens-generaux-logistique",
        "title": "Moyens généraux et logistique",
        "famille": "Moyens généraux et logistique",
        "themes": ["Social", "Économique"],
        "types": ["Commune", "Établissement public territorial", "Métropole"],
        "author": "200058006",
        "intro": "Fournitures, mise sous pli, nettoyage, mobilier : des achats récurrents où "
        "les lots réservés aux ESAT et aux structures d'insertion trouvent facilement leur place.",
        "body": [
            _objective(
                "<p>Réserver au moins un lot par marché de moyens généraux aux entreprises "
                "adaptées, ESAT ou structures de l'insertion par l'activité économique (SIAE), "
                "et allonger la durée de vie du mobilier et des équipements par le réemploi.</p>"
            ),
            _legal(L2111_3, L2113_12, L2113_13, L2112_2_1, L3332_17_1, AGEC_58),
            _steps(
                (
                    "Cartographier les achats récurrents",
                    "Listez les prestations simples et répétitives (mise sous pli, "
                    "conditionnement, entretien des espaces verts) : ce sont les premiers "
                    "candidats aux lots réservés.",
                ),
                (
                    "Sourcer les structures du territoire",
                    "Le facilitateur de clause sociale et les réseaux de l'IAE connaissent les "
                    "ESAT et SIAE capables de répondre ; organisez une visite.",
                ),
                (
                    "Allotir pour que les petites structures répondent",
                    "Un lot réservé de taille raisonnable, avec des critères de prix adaptés à "
                    "l'activité (au poids plutôt qu'à la pièce, par exemple).",
                ),
                (
                    "Prévoir le réemploi du mobilier",
                    "Avant tout achat neuf, interrogez la plateforme de réemploi interne ou une "
                    "ressourcerie partenaire.",
                ),
            ),
            _encadre(
                "Le service prescripteur a été convaincu et nous avons créé un lot réservé, "
                "dans notre marché global d'achat de jeux et jouets, auquel seule "
                "l'association Rejoué a répondu.",
                "Grand Paris Sud Est Avenir",
                "Aurore Caro, cheffe de projet achat",
            ),
            _indicators(
                (
                    "Lots réservés notifiés",
                    "nombre et montant par an",
                    "au moins un par marché de moyens généraux",
                ),
                (
                    "Achats auprès des entreprises solidaires (ESUS, ESAT, SIAE)",
                    "% du volume d'achat",
                    "5 % en 2026",
                ),
                ("Mobilier issu du réemploi", "% des pièces acquises", "20 %"),
            ),
        ],
    },
    {
        "slug": "entretien-des-batiments",
        "title": "Entretien des bâtiments",
        "famille": "Bâtiment : construction et entretien",
        "themes": ["Environnemental", "Social", "Gouvernance"],
        "types": ["Métropole", "Commune", "Bailleur social", "Centre hospitalier"],
        "author": "200054807",
        "intro": "Des centaines de sites à entretenir, de la capitainerie à la déchèterie : "
        "les accords-cadres multi-attributaires structurent la performance énergétique et "
        "l'insertion sur la durée.",
        "body": [
            _objective(
                "<p>Réduire la consommation d'énergie du patrimoine bâti et la production de "
                "déchets de chantier grâce aux marchés d'entretien et de rénovation, tout en "
                "ouvrant ces marchés aux PME locales par l'allotissement.</p>"
            ),
            _legal(L2111_3, L2112_2, L2112_2_1, L2152_7, R2152_7, R126_8, D543_281),
            _paragraph(
                "<p>Le marché d'entretien des bâtiments est souvent le plus emblématique d'une "
                "collectivité : à la Métropole d'Aix-Marseille-Provence, il compte 22 lots pour "
                "plus de 850 sites (déchèteries, capitaineries, salles de spectacles, "
                "crématoriums, ateliers).</p>"
            ),
            _steps(
                (
                    "Co-animer le groupe de travail acheteur et juriste",
                    "Un binôme rappelle les obligations réglementaires et propose des outils "
                    "pratiques d'expression du besoin.",
                ),
                (
                    "Allotir par corps d'état et par territoire",
                    "Des lots géographiques permettent aux artisans locaux de répondre.",
                ),
                (
                    "Faire réaliser le diagnostic PEMD avant démolition",
                    "Pour les bâtiments concernés, le diagnostic des produits, équipements, "
                    "matériaux et déchets est une obligation légale (art. R126-8 et suivants du "
                    "code de la construction et de l'habitation) : servez-vous-en pour "
                    "identifier les matériaux réemployables (portes, sanitaires, faux plafonds) "
                    "et prévoir leur dépose soignée.",
                ),
                (
                    "Fixer des conditions d'exécution environnementales",
                    "Tri à la source en sept flux (papier-carton, métal, plastique, verre, bois, "
                    "fraction minérale, plâtre), obligatoire depuis le décret n° 2021-950 sauf "
                    "dérogations pour les petits chantiers ; traçabilité par bordereaux ; "
                    "produits d'entretien écolabellisés.",
                ),
            ),
            _encadre(
                "La coanimation acheteur/juriste a été un atout pour à la fois impulser en "
                "rappelant les obligations réglementaires, et rassurer en donnant des outils "
                "pratiques sur l'expression de besoin et la sélection des offres.",
                "Métropole d'Aix-Marseille-Provence",
                "Maya Ribault, cheffe de projet SPASER",
            ),
            _indicators(
                ("Déchets de chantier valorisés", "% du tonnage évacué", "70 %"),
                ("Consommation d'énergie du patrimoine", "kWh/m² par an", "-40 % en 2030"),
                ("Lots attribués à des PME", "% des lots notifiés", "60 %"),
            ),
        ],
    },
    {
        "slug": "dechets-eau-assainissement",
        "title": "Déchets, eau et assainissement",
        "famille": "Déchets, eau et assainissement",
        "themes": ["Environnemental", "Indicateurs"],
        "types": ["Métropole", "Communauté urbaine ou d'agglomération"],
        "author": "244400404",
        "intro": "Collecte, gestion des déchèteries (ou déchetteries), réseaux d'eau : des "
        "marchés de longue durée dont l'impact environnemental se mesure facilement.",
        "body": [
            _objective(
                "<p>Faire progresser le réemploi et le recyclage dans les marchés de collecte "
                "et de gestion des déchèteries, réduire les émissions des véhicules de "
                "collecte et suivre des indicateurs publiés tous les deux ans.</p>"
            ),
            _legal(L2111_3, L2112_2, L2152_7, AGEC_58),
            _steps(
                (
                    "Partir des données de tonnage",
                    "Les rapports annuels sur le prix et la qualité du service public donnent "
                    "une base chiffrée pour fixer des objectifs réalistes.",
                ),
                (
                    "Créer une zone de réemploi en déchèterie",
                    "Confiez-la à une recyclerie ou à une structure d'insertion via un lot "
                    "réservé.",
                ),
                (
                    "Renouveler la flotte de collecte",
                    "Critère d'attribution sur les émissions des véhicules (GNV, électrique) et "
                    "la formation des équipages à l'écoconduite.",
                ),
                (
                    "Publier les résultats",
                    "Intégrez les indicateurs au bilan du SPASER, publié tous les deux ans.",
                ),
            ),
            _encadre(
                "Des directions exemplaires n'ont pas attendu le Spaser pour mettre en place "
                "des considérations environnementales et sociales.",
                "Métropole d'Aix-Marseille-Provence",
                "Maya Ribault, cheffe de projet SPASER",
            ),
            _indicators(
                ("Tonnage détourné vers le réemploi", "tonnes par an", "+10 % par an"),
                ("Véhicules de collecte à faibles émissions", "% de la flotte", "50 % en 2028"),
                ("Taux de valorisation matière", "% des déchets collectés", "65 %"),
            ),
        ],
    },
    {
        "slug": "prestations-intellectuelles-services-travaux",
        "title": "Prestations intellectuelles et services liés aux travaux",
        "famille": "Prestations intellectuelles et services liés aux travaux",
        "themes": ["Social", "Gouvernance"],
        "types": ["Établissement public territorial", "Commune", "Métropole"],
        "author": "200058006",
        "intro": "Maîtrise d'œuvre, assistance à maîtrise d'ouvrage, études : la clause "
        "d'insertion s'y applique aussi, dès l'ingénierie, en amont des travaux.",
        "body": [
            _objective(
                "<p>Étendre la clause sociale aux marchés d'ingénierie et d'assistance à "
                "maîtrise d'ouvrage, et faire des prestataires intellectuels des relais de la "
                "politique d'achats responsables auprès des entreprises de travaux.</p>"
            ),
            _legal(L2111_3, L2112_2, L2112_2_1, L2152_7),
            _steps(
                (
                    "Partager le plan d'action des achats avec le facilitateur",
                    "Dès janvier, transmettez la liste des marchés à venir ; le facilitateur "
                    "signale ceux qui peuvent être clausés.",
                ),
                (
                    "Adapter la clause d'insertion aux prestations intellectuelles",
                    "Heures d'insertion sur les fonctions support, stages ou apprentissage ; "
                    "fixez un volume modeste pour ne pas décourager les candidats.",
                ),
                (
                    "Demander au maître d'œuvre de rédiger les clauses des lots de travaux",
                    "Le marché de maîtrise d'œuvre prévoit l'intégration de clauses sociales et "
                    "environnementales dans les pièces des marchés de travaux.",
                ),
                (
                    "Faire un parangonnage avec des collectivités comparables",
                    "Étudiez les marchés similaires déjà passés pour gagner du temps sur les "
                    "critères et le budget.",
                ),
            ),
            _encadre(
                "Échanger en amont sur le plan d'action des achats : l'anticipation est la clef "
                "de la réussite d'une stratégie d'achats responsables.",
                "Grand Paris Sud Est Avenir",
                "Aurore Caro, cheffe de projet achat",
            ),
            _indicators(
                (
                    "Marchés de prestations intellectuelles avec clause sociale",
                    "% des marchés notifiés",
                    "30 % en 2026",
                ),
                ("Heures d'insertion dans l'ingénierie", "heures par an", "1 500 heures"),
            ),
        ],
    },
    {
        "slug": "restauration-collective",
        "title": "Restauration collective",
        "famille": "Restauration collective",
        "themes": ["Environnemental", "Économique", "Social"],
        "types": ["Commune", "Département", "Région", "Centre hospitalier"],
        "author": "215901836",
        "intro": "Cantines scolaires, collèges, lycées, hôpitaux : la loi EGalim fixe des "
        "parts de produits durables et bio que le SPASER reprend et complète.",
        "body": [
            _objective(
                "<p>Atteindre au moins 50 % de produits durables et de qualité, dont 20 % de "
                "produits biologiques, réduire le gaspillage alimentaire et ouvrir les marchés "
                "aux producteurs locaux par un allotissement fin.</p>"
            ),
            _legal(L2111_3, L2111_2, L2152_7, L230_5_1),
            _steps(
                (
                    "Mesurer le gaspillage",
                    "Pesez les restes pendant deux semaines dans trois restaurants témoins "
                    "avant de rédiger le marché.",
                ),
                (
                    "Allotir par famille de produits",
                    "Fruits et légumes, produits laitiers, viande, épicerie : des lots fins "
                    "permettent aux producteurs et aux légumeries d'insertion de répondre.",
                ),
                (
                    "Noter la performance environnementale",
                    "Critère sur les modes de production, les emballages et la logistique de "
                    "livraison, en complément de la qualité gustative.",
                ),
                (
                    "Suivre les parts EGalim chaque trimestre",
                    "Demandez au titulaire un relevé des achats par catégorie de label.",
                ),
            ),
            _encadre(
                "L'Agglomération, les principales communes, le CCAS, le centre hospitalier et "
                "le bailleur social partagent une ambition commune : faire de la commande "
                "publique un outil de politiques publiques, au service du territoire.",
                "Groupe projet SPASER d'une agglomération et de ses partenaires",
            ),
            _indicators(
                ("Produits durables et de qualité", "% de la valeur des achats", "50 %"),
                ("Produits biologiques", "% de la valeur des achats", "20 %"),
                ("Gaspillage alimentaire", "grammes par repas", "-30 % en trois ans"),
            ),
        ],
    },
]

RELATED = {
    "travaux-voirie-infrastructures-mobilite": [
        "dechets-eau-assainissement",
        "prestations-intellectuelles-services-travaux",
    ],
    "entretien-des-batiments": ["travaux-voirie-infrastructures-mobilite"],
    "moyens-generaux-logistique": ["restauration-collective"],
}

COMMENTS_ON = "travaux-voirie-infrastructures-mobilite"


def _indicators_document():
    Document = get_document_model()
    title = "Tableau de suivi des indicateurs SPASER (modèle)"
    document = Document.objects.filter(title=title).first()
    if document:
        return document
    content = (
        "indicateur;unité;valeur 2025;cible (100 % et 30 % : objectifs 2025 du PNAD 2022-2025)\n"
        "Marchés avec une considération environnementale;% des marchés notifiés;;100 %\n"
        "Marchés avec une considération sociale;% des marchés notifiés;;30 %\n"
        "Achats auprès d'entreprises solidaires;% du volume d'achat;;5 %\n"
        "Heures d'insertion réalisées;heures;;\n"
    )
    document = Document(title=title)
    document.file.save("suivi-indicateurs-spaser.csv", ContentFile(content.encode("utf-8")))
    document.save()
    return document


def _index_page(home):
    index = FicheIndexPage.objects.filter(slug="fiches-spaser").first()
    if index:
        return index
    index = home.add_child(
        instance=FicheIndexPage(
            title="Fiches SPASER",
            slug="fiches-spaser",
            intro="Une fiche par famille d'achat : objectifs, références juridiques, étapes, "
            "bonnes pratiques de collectivités et indicateurs à suivre. Filtrez par thème, "
            "famille d'achat ou type de collectivité.",
        )
    )
    index.save_revision().publish()
    return index


def _fiche(index, data, document):
    existing = FichePage.objects.filter(slug=data["slug"]).first()
    if existing:
        return existing
    body = list(data["body"])
    body.append(
        {
            "type": "downloads",
            "value": [{"document": document.pk, "title": "Modèle de tableau de suivi (CSV)"}],
        }
    )
    fiche = FichePage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        last_reviewed=legal.REVIEWED_ON,
        author_organisation=organisation(data["author"]),
        body=json.dumps(body),
        live=False,
    )
    fiche.themes = list(Theme.objects.filter(name__in=data["themes"]))
    fiche.familles = list(FamilleAchat.objects.filter(name=data["famille"]))
    fiche.collectivite_types = list(CollectiviteType.objects.filter(name__in=data["types"]))
    index.add_child(instance=fiche)
    fiche.save_revision().publish()
    return fiche


def _related(fiches):
    for slug, related_slugs in RELATED.items():
        fiche = fiches[slug]
        if len(fiche.related_pages):
            continue
        fiche.related_pages = json.dumps(
            [{"type": "page", "value": fiches[other].pk} for other in related_slugs]
        )
        fiche.save_revision().publish()


def _comments(fiche):
    content_type = ContentType.objects.get_for_model(FichePage)
    users = get_user_model().objects
    gpsea = users.get(email="participant@gpsea.fr")
    nantes = users.get(email="mentor@nantesmetropole.fr")
    dunkerque = users.get(email="participant@ville-dunkerque.fr")

    def comment(user, text, parent=None, minutes_ago=0):
        existing = XtdComment.objects.filter(
            content_type=content_type, object_pk=str(fiche.pk), user=user, comment=text
        ).first()
        if existing:
            return existing
        return XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(fiche.pk),
            site_id=settings.SITE_ID,
            user=user,
            user_name=user.get_full_name(),
            user_email=user.email,
            comment=text,
            submit_date=timezone.now() - datetime.timedelta(minutes=minutes_ago),
            is_public=True,
            followup=True,
            parent_id=parent.pk if parent else 0,
        )

    first = comment(
        gpsea,
        "Sur nos marchés de voirie, nous fixons la clause à 5 % des heures : au-delà, "
        "certaines entreprises renonçaient à répondre. Le facilitateur nous aide à suivre les "
        "heures réalisées chaque trimestre.",
        minutes_ago=60 * 24 * 3,
    )
    comment(
        nantes,
        "Même constat à Nantes. Nous demandons aussi un plan de gestion des déblais dans le "
        "mémoire technique, ce qui a fait progresser la part de matériaux recyclés.",
        parent=first,
        minutes_ago=60 * 24 * 2,
    )
    comment(
        dunkerque,
        "Quelqu'un a-t-il un exemple de pondération du critère environnemental pour un "
        "accord-cadre d'enrobés ? Nous hésitons entre 10 et 20 %.",
        minutes_ago=60 * 5,
    )


def seed(password, stdout):
    home = home_page()
    index = _index_page(home)
    document = _indicators_document()
    fiches = {data["slug"]: _fiche(index, data, document) for data in FICHES}
    _related(fiches)
    _comments(fiches[COMMENTS_ON])
    add_nav_link("Fiches SPASER", "/fiches-spaser/")
    add_home_section(
        "Fiches SPASER",
        "Une fiche pratique par famille d'achat : objectifs, textes, étapes et indicateurs.",
        "/fiches-spaser/",
    )
    stdout.write(f"  fiches: {len(fiches)} fiches SPASER")
