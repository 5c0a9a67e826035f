"""Demo content of the resource library: four webinars and ten model clauses.

Idempotent: pages are looked up by slug, registrations by (webinar, member).
"""

import io
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from portal import legal
from portal.demo import add_home_section, add_nav_link, home_page
from portal.models import CollectiviteType, FamilleAchat, Theme

from .models import ClauseIndexPage, ClausePage, WebinarIndexPage, WebinarPage, WebinarRegistration

#: The clauses follow the texts in force at the date the legal content was last reviewed.
LEGAL_DATE = legal.REVIEWED_ON

# --- Webinars -------------------------------------------------------------------------------

WEBINARS = [
    {
        "slug": "construire-son-spaser-en-6-etapes",
        "title": "Construire son SPASER en 6 étapes",
        "days": 10,
        "hour": 11,
        "duration": 90,
        "capacity": 100,
        "summary": (
            "De l'état des lieux des achats à la délibération : une méthode en six étapes, "
            "illustrée par les schémas de métropoles qui l'ont déjà suivie."
        ),
        "description": (
            "<p>Depuis le 25 octobre 2023 (loi n° 2023-973, article 29), tout acheteur soumis au "
            "code de la commande publique, services de l'État et hôpitaux compris, dont les "
            "dépenses d'achat de l'année civile dépassent 50 millions d'euros HT hors marchés de "
            "défense ou de sécurité (seuil applicable depuis le 1er janvier 2023), doit adopter "
            "un schéma de promotion des achats socialement et écologiquement responsables "
            "(articles L2111-3 et D2111-3 du code de la commande publique). Ce webinaire déroule "
            "une méthode éprouvée :</p>"
            "<ol><li>cartographier ses achats et ses marchés en cours ;</li>"
            "<li>obtenir le portage politique et nommer un pilote ;</li>"
            "<li>associer les services prescripteurs et les facilitateurs du territoire ;</li>"
            "<li>fixer des objectifs chiffrés par famille d'achat ;</li>"
            "<li>choisir des indicateurs publiables tous les deux ans ;</li>"
            "<li>faire délibérer, publier le schéma et organiser le suivi annuel.</li></ol>"
            "<p>Temps d'échange de 30 minutes avec les participants en fin de séance.</p>"
        ),
        "speakers": [
            ("Claire Guérin", "Responsable achats responsables", "Nantes Métropole"),
            ("Maya Ribault", "Cheffe de projet SPASER", "Métropole d'Aix-Marseille-Provence"),
        ],
        "themes": ["Gouvernance", "Social", "Environnemental"],
        "familles": [],
        "types": ["Métropole", "Communauté urbaine ou d'agglomération", "Département", "Région"],
    },
    {
        "slug": "reussir-le-volet-environnemental-apres-aout-2026",
        "title": "Réussir le volet environnemental après août 2026",
        "days": 24,
        "hour": 14,
        "duration": 60,
        "capacity": 4,
        "summary": (
            "Atelier en petit groupe : les marchés dont la consultation est lancée depuis le "
            "21 août 2026 comportent une condition d'exécution et au moins un critère "
            "environnementaux. Comment les rédiger sans fragiliser ses procédures ?"
        ),
        "description": (
            "<p>La loi Climat et Résilience a rendu obligatoires, pour les marchés dont la "
            "consultation est lancée ou l'avis d'appel à la concurrence envoyé depuis le 21 août "
            "2026, une condition d'exécution prenant en compte des considérations "
            "environnementales (article L2112-2) et au moins un critère d'attribution portant sur "
            "les caractéristiques environnementales de l'offre (article L2152-7). L'attribution "
            "sur le seul critère du prix n'est plus possible ; un critère unique du coût (coût "
            "global, cycle de vie) qui tient compte de ces caractéristiques reste licite. À partir "
            "des seuils européens, une condition d'exécution sociale ou relative à l'emploi "
            "s'ajoute (article L2112-2-1). Les marchés de défense ou de sécurité ne sont pas "
            "concernés.</p>"
            "<p>Atelier limité à quatre acheteurs pour travailler sur vos propres "
            "documents de consultation : apportez un CCAP et un règlement de consultation.</p>"
        ),
        "speakers": [
            ("Thomas Dupuy", "Juriste commande publique", "Département de la Gironde"),
            ("Gwenaëlle Le Goff", "Chargée de mission achats durables", "Région Bretagne"),
        ],
        "themes": ["Environnemental"],
        "familles": [
            "Bâtiment : construction et entretien",
            "Travaux de voirie et infrastructures de mobilité",
        ],
        "types": [],
    },
    {
        "slug": "les-indicateurs-du-spaser",
        "title": "Les indicateurs du SPASER",
        "days": -35,
        "hour": 11,
        "duration": 75,
        "capacity": 100,
        "summary": (
            "Quels indicateurs publier tous les deux ans, comment les calculer à partir des données "
            "essentielles de la commande publique, et comment en faire un outil de pilotage."
        ),
        "description": (
            "<p>Le schéma doit comporter des indicateurs précis, exprimés en nombre de contrats ou "
            "en valeur, publiés tous les deux ans. Retour d'expérience de la Métropole "
            "d'Aix-Marseille-Provence, qui s'est fixé pour 2025 100 % de marchés avec une "
            "considération environnementale, 30 % avec une considération sociale et 5 % du volume "
            "d'achat auprès d'entreprises solidaires.</p>"
        ),
        "speakers": [
            ("Maya Ribault", "Cheffe de projet SPASER", "Métropole d'Aix-Marseille-Provence"),
            ("Julien Vasseur", "Acheteur public", "Ville de Dunkerque"),
        ],
        "themes": ["Indicateurs", "Gouvernance"],
        "familles": [],
        "types": ["Métropole", "Commune"],
        "chapters": [
            ("00:00", "Accueil et tour de table"),
            (
                "04:30",
                "Ce que la loi exige : indicateurs en nombre ou en valeur, tous les deux ans",
            ),
            (
                "17:45",
                "Partir des données essentielles (DECP) : ce qu'elles disent et ce qu'elles taisent",
            ),
            ("33:10", "L'exemple d'Aix-Marseille-Provence : cibles 2025 et point d'étape"),
            ("52:00", "Questions des participants"),
        ],
        "transcript": (
            "<p><b>Maya Ribault</b> — Quand nous avons adopté le schéma, nous nous sommes fixé "
            "trois cibles pour 2025 : 100 % de marchés avec au moins une considération "
            "environnementale, 30 % avec une considération sociale, et 5 % de notre volume d'achat "
            "confié à des entreprises solidaires. Au troisième trimestre 2022, nous étions à peu "
            "près à 50 %, 14 % et 2 %. Ce n'est pas un échec : c'est exactement ce que les "
            "indicateurs servent à montrer.</p>"
            "<p><b>Julien Vasseur</b> — De notre côté, nous avons commencé par les données "
            "essentielles. Depuis 2024, chaque marché de plus de 40 000 euros HT indique s'il "
            "comporte une clause sociale, un critère social ou s'il est réservé. Attention "
            "cependant : les fichiers plus anciens n'ont pas ces champs, il ne faut pas en déduire "
            "qu'il n'y avait rien.</p>"
            "<p><b>Maya Ribault</b> — Un conseil : choisissez peu d'indicateurs, mais que vos "
            "services savent renseigner sans effort. Un indicateur que personne ne remplit ne "
            "pilote rien.</p>"
        ),
        "slides": "Support – Les indicateurs du SPASER",
    },
    {
        "slug": "travailler-avec-un-facilitateur-de-clause-sociale",
        "title": "Travailler avec un facilitateur de clause sociale",
        "days": -70,
        "hour": 10,
        "duration": 60,
        "capacity": 80,
        "summary": (
            "Du plan d'action des achats à la clause d'insertion : comment une acheteuse et une "
            "facilitatrice co-construisent les marchés d'un établissement public territorial."
        ),
        "description": (
            "<p>Les facilitateurs connaissent les structures de l'insertion par l'activité "
            "économique et du secteur protégé et adapté de leur territoire. Partager avec eux, dès "
            "janvier, le plan d'action des achats permet de repérer les marchés à clauser, de "
            "calibrer les heures d'insertion et d'identifier les lots à réserver.</p>"
        ),
        "speakers": [
            ("Aurore Caro", "Cheffe de projet achat", "Grand Paris Sud Est Avenir"),
            ("Latifa Mazza", "Responsable clauses insertion", "Pôle Compétence Initiative"),
        ],
        "themes": ["Social"],
        "familles": [
            "Moyens généraux et logistique",
            "Prestations intellectuelles et services liés aux travaux",
        ],
        "types": ["Établissement public territorial", "Commune"],
        "chapters": [
            ("00:00", "Présentations : GPSEA et Pôle Compétence Initiative"),
            ("06:20", "Partager le plan d'action des achats dès janvier"),
            ("18:40", "Clauser des marchés moins classiques : assistance à maîtrise d'ouvrage"),
            ("29:15", "Le lot réservé jeux et jouets recyclés"),
            ("41:00", "Les freins, et comment les lever"),
        ],
        "transcript": (
            "<p><b>Aurore Caro</b> — En janvier, j'ai transmis à Latifa notre plan d'action des "
            "achats, c'est-à-dire tous les marchés prévus dans l'année. Elle nous a proposé une "
            "première sélection de marchés à clauser, que nous avons ensuite fait valider par les "
            "services prescripteurs.</p>"
            "<p><b>Latifa Mazza</b> — Sur les marchés d'assistance à maîtrise d'ouvrage, nous "
            "proposons une clause d'insertion comme condition d'exécution : l'entreprise réserve "
            "une part des heures travaillées à des personnes en parcours d'insertion. Nous la "
            "fixons entre 5 et 8 % des heures, pour ne pas décourager les entreprises "
            "classiques.</p>"
            "<p><b>Aurore Caro</b> — Pour nos ludothèques, Latifa nous a fait connaître un "
            "chantier d'insertion qui recycle des jouets. Nous avons créé un lot réservé dans "
            "notre marché de jeux et jouets. Mon conseil : anticipez, l'anticipation est la clef "
            "d'une stratégie d'achats responsables.</p>"
        ),
        "slides": "Support – Travailler avec un facilitateur",
    },
]

# Demo registrations: (webinar slug, member email, status)
REGISTRATIONS = [
    ("construire-son-spaser-en-6-etapes", "participant@ampmetropole.fr", "confirmed"),
    ("construire-son-spaser-en-6-etapes", "membre@bretagne.bzh", "confirmed"),
    ("construire-son-spaser-en-6-etapes", "participant@ville-dunkerque.fr", "confirmed"),
    ("reussir-le-volet-environnemental-apres-aout-2026", "membre@gironde.fr", "confirmed"),
    ("reussir-le-volet-environnemental-apres-aout-2026", "participant@gpsea.fr", "confirmed"),
    ("reussir-le-volet-environnemental-apres-aout-2026", "membre@bretagne.bzh", "confirmed"),
    ("reussir-le-volet-environnemental-apres-aout-2026", "mentor@nantesmetropole.fr", "confirmed"),
    (
        "reussir-le-volet-environnemental-apres-aout-2026",
        "participant@ville-dunkerque.fr",
        "waiting",
    ),
]

# --- Model clauses --------------------------------------------------------------------------

CLAUSES = [
    {
        "slug": "clause-insertion-heures-travaillees",
        "title": "Clause d'insertion : heures de travail réservées à des personnes en insertion",
        "clause_type": "sociale",
        "kind": "condition",
        "legal_basis": "L2112-2",
        "summary": (
            "La clause sociale la plus répandue : le titulaire réserve une part des heures "
            "travaillées pour exécuter le marché à des personnes éloignées de l'emploi. Fixée "
            "entre 5 et 8 % des heures, elle ne décourage pas les entreprises classiques."
        ),
        "text": """Article [X] – Action d'insertion professionnelle

En application de l'article L2112-2 du code de la commande publique, le titulaire s'engage à réaliser une action d'insertion permettant l'accès ou le retour à l'emploi de personnes rencontrant des difficultés sociales ou professionnelles particulières.

Le titulaire réserve à ces personnes [5 à 8] % du nombre total d'heures travaillées pour l'exécution du marché, soit au minimum [nombre] heures sur la durée du marché.

Sont notamment éligibles : les demandeurs d'emploi de longue durée (plus de douze mois d'inscription), les bénéficiaires des minima sociaux, les jeunes de moins de 26 ans sans qualification, les bénéficiaires de l'obligation d'emploi des travailleurs handicapés, ainsi que les personnes suivies par une structure d'insertion par l'activité économique. L'éligibilité est validée par le facilitateur désigné ci-dessous avant toute embauche.

Le titulaire choisit librement les modalités de mise en œuvre : embauche directe, mise à disposition de salariés par une structure d'insertion par l'activité économique (entreprise de travail temporaire d'insertion, association intermédiaire) ou par un groupement d'employeurs pour l'insertion et la qualification, sous-traitance ou cotraitance avec une entreprise d'insertion ou un atelier et chantier d'insertion.

Le facilitateur [nom et coordonnées de la structure] accompagne gratuitement le titulaire. Le titulaire lui transmet, chaque mois, l'état nominatif des heures réalisées au titre de la présente clause.

En cas de non-respect de l'engagement, et après mise en demeure restée sans effet pendant quinze jours, le titulaire encourt une pénalité de [montant] euros par heure d'insertion non réalisée.""",
        "notes": (
            "<p>À partir des seuils européens, une condition d'exécution sociale ou relative à "
            "l'emploi est obligatoire pour les consultations lancées depuis le 21 août 2026 "
            "(article L2112-2-1) : cette clause y répond.</p>"
            "<p>Calculez le nombre d'heures à partir de la part de main-d'œuvre estimée du marché "
            "(par exemple 40 % du montant pour des travaux de second œuvre) et d'un coût horaire "
            "moyen. Associez le facilitateur dès le plan d'action des achats, avant la rédaction "
            "du DCE : il connaît les structures disponibles sur le territoire.</p>"
        ),
        "themes": ["Social"],
        "familles": [
            "Bâtiment : construction et entretien",
            "Travaux de voirie et infrastructures de mobilité",
            "Prestations intellectuelles et services liés aux travaux",
            "Moyens généraux et logistique",
        ],
        "types": [],
        "cpv": ["45000000-7", "45233140-2", "90911200-8", "71000000-8"],
        "examples": [
            (
                "Grand Paris Sud Est Avenir",
                2018,
                "Clause d'insertion fixée à 5 ou 8 % des heures sur des marchés d'assistance à "
                "maîtrise d'ouvrage liés au renouvellement urbain, pour étendre l'insertion à "
                "l'ingénierie en amont des travaux, avec l'appui du facilitateur Pôle Compétence "
                "Initiative.",
            ),
        ],
    },
    {
        "slug": "lot-reserve-esat-entreprises-adaptees",
        "title": "Lot réservé aux ESAT et entreprises adaptées",
        "clause_type": "sociale",
        "kind": "reserve",
        "legal_basis": "L2113-12",
        "summary": (
            "Réserver un lot ou un marché aux établissements et services d'aide par le travail "
            "(ESAT) et aux entreprises adaptées : une mise en concurrence limitée aux structures "
            "qui emploient au moins 50 % de travailleurs handicapés."
        ),
        "text": """Article [X] – Lot réservé

En application de l'article L2113-12 du code de la commande publique, le lot n° [numéro] « [intitulé, par exemple mise sous pli et routage] » est réservé aux entreprises adaptées mentionnées à l'article L5213-13 du code du travail, aux établissements et services d'aide par le travail mentionnés à l'article L344-2 du code de l'action sociale et des familles, ainsi qu'à des structures équivalentes, lorsqu'ils emploient une proportion minimale de 50 % de travailleurs handicapés.

Les candidats justifient de leur qualité par tout moyen : autorisation de l'agence régionale de santé pour les ESAT, agrément ou contrat pluriannuel d'objectifs et de moyens pour les entreprises adaptées, ou, pour les structures équivalentes, attestation de la proportion de travailleurs handicapés employés.

Les candidatures de structures ne relevant pas de ces catégories sont déclarées irrecevables pour ce lot.""",
        "notes": (
            "<p>L'avis de marché doit mentionner la réservation. Vérifiez au préalable, avec le "
            "facilitateur ou le réseau régional des ESAT, qu'au moins deux structures peuvent "
            "répondre sur le territoire.</p>"
        ),
        "themes": ["Social"],
        "familles": ["Moyens généraux et logistique"],
        "types": [],
        "cpv": ["79571000-7", "77310000-6", "90911200-8"],
        "examples": [
            (
                "Grand Paris Sud Est Avenir",
                2018,
                "Mise sous pli de 1 200 enveloppes et de documents confiée à un ESAT "
                "d'Alfortville, repéré grâce à la facilitatrice du territoire.",
            ),
        ],
    },
    {
        "slug": "lot-reserve-structures-insertion-activite-economique",
        "title": "Lot réservé aux structures d'insertion par l'activité économique",
        "clause_type": "sociale",
        "kind": "reserve",
        "legal_basis": "L2113-13",
        "summary": (
            "Réserver un lot aux SIAE (entreprises d'insertion, ateliers et chantiers d'insertion, "
            "associations intermédiaires, ETTI) et structures équivalentes employant au moins 50 % "
            "de travailleurs défavorisés."
        ),
        "text": """Article [X] – Lot réservé

En application de l'article L2113-13 du code de la commande publique, le lot n° [numéro] « [intitulé] » est réservé aux structures d'insertion par l'activité économique mentionnées à l'article L5132-4 du code du travail et à des structures équivalentes, lorsqu'elles emploient une proportion minimale de 50 % de travailleurs défavorisés.

Les candidats joignent à leur candidature la copie de leur conventionnement en cours de validité avec l'État ou, pour les structures équivalentes, une attestation de la proportion de travailleurs défavorisés qu'elles emploient.""",
        "notes": (
            "<p>Un lot réservé ouvre des secteurs inattendus : réemploi de mobilier, recyclage de "
            "jouets, entretien d'espaces naturels. Le prix peut être exprimé dans une unité adaptée "
            "à la structure (au poids plutôt qu'à la pièce, par exemple).</p>"
        ),
        "themes": ["Social", "Économique"],
        "familles": ["Moyens généraux et logistique", "Déchets, eau et assainissement"],
        "types": [],
        "cpv": ["37520000-9", "77310000-6", "90500000-2"],
        "examples": [
            (
                "Grand Paris Sud Est Avenir",
                2018,
                "Lot réservé « jeux et jouets recyclés » dans le marché global de jeux et jouets "
                "des trois ludothèques, remporté par un chantier d'insertion qui revalorise des "
                "jouets. Le prix portait sur le poids des jouets et non sur leur nombre.",
            ),
        ],
    },
    {
        "slug": "critere-performance-insertion-professionnelle",
        "title": "Critère d'attribution : performance en matière d'insertion professionnelle",
        "clause_type": "sociale",
        "kind": "critere",
        "legal_basis": "L2152-7",
        "summary": (
            "Noter les offres sur la qualité de leur démarche d'insertion, en complément (et non à "
            "la place) d'une condition d'exécution qui fixe le volume minimal d'heures."
        ),
        "text": """Critère n° [X] – Performance en matière d'insertion professionnelle des publics en difficulté (pondération : [10] %)

Ce critère est apprécié au vu d'une note méthodologique de quatre pages au plus, décrivant :
– les modalités d'accueil, d'encadrement et de tutorat des personnes en insertion (5 points) ;
– les actions de formation qualifiante proposées pendant l'exécution du marché (3 points) ;
– les perspectives d'emploi durable à l'issue du marché (2 points).

Les engagements pris dans la note méthodologique ont valeur contractuelle.""",
        "notes": (
            "<p>Le critère doit être lié à l'objet du marché et noté sur des éléments vérifiables. "
            "Ne notez pas le nombre d'heures s'il est déjà imposé par une condition "
            "d'exécution.</p>"
        ),
        "themes": ["Social"],
        "familles": [
            "Bâtiment : construction et entretien",
            "Moyens généraux et logistique",
        ],
        "types": [],
        "cpv": ["45000000-7", "90911200-8"],
        "examples": [],
    },
    {
        "slug": "conditions-de-travail-chaine-approvisionnement-textile",
        "title": "Conditions de travail dans la chaîne d'approvisionnement (vêtements de travail)",
        "clause_type": "sociale",
        "kind": "condition",
        "legal_basis": "L2112-2",
        "summary": (
            "Exiger du titulaire qu'il identifie les ateliers de fabrication et fasse respecter "
            "les conventions fondamentales de l'Organisation internationale du travail."
        ),
        "text": """Article [X] – Conditions de travail dans la chaîne d'approvisionnement

Le titulaire veille à ce que les vêtements livrés au titre du marché soient fabriqués dans le respect des conventions fondamentales de l'Organisation internationale du travail, notamment celles relatives au travail forcé, au travail des enfants, à la liberté syndicale et à la non-discrimination.

Dans le mois suivant la notification, il communique la liste des sites de confection des articles livrés (nom, pays, ville). Il informe l'acheteur de tout changement de site dans un délai de quinze jours.

À la demande de l'acheteur, et au plus une fois par an, il produit un rapport d'audit social de moins de deux ans portant sur ces sites, ou tout document équivalent. En cas de manquement constaté, il présente sous un mois un plan d'actions correctives.""",
        "notes": "",
        "themes": ["Social"],
        "familles": ["Moyens généraux et logistique"],
        "types": [],
        "cpv": ["18100000-0"],
        "examples": [],
    },
    {
        "slug": "gestion-dechets-de-chantier",
        "title": "Gestion et valorisation des déchets de chantier",
        "clause_type": "environnementale",
        "kind": "condition",
        "legal_basis": "L2112-2",
        "summary": (
            "Une condition d'exécution environnementale adaptée aux travaux : tri à la source, "
            "traçabilité et objectif de valorisation matière des déchets."
        ),
        "text": """Article [X] – Gestion des déchets de chantier

En application de l'article L2112-2 du code de la commande publique, le titulaire met en œuvre le schéma d'organisation et de suivi de l'élimination des déchets (SOSED) remis avec son offre.

Il trie à la source, en application de l'article D543-281 du code de l'environnement, les sept flux : papier-carton, métal, plastique, verre, bois, fraction minérale (béton, briques, tuiles) et plâtre, et valorise sous forme de matière au moins [70] % en masse des déchets non dangereux produits par le chantier.

Il remet chaque mois les bordereaux de suivi et bons de dépôt des déchets, et, à la réception, un bilan précisant les quantités par flux et leur destination (réemploi, recyclage, valorisation énergétique, élimination).

Tout dépôt sauvage ou brûlage de déchets constaté donne lieu à une pénalité de [montant] euros par constat, sans préjudice des frais de remise en état.""",
        "notes": (
            "<p>Les marchés dont la consultation est lancée depuis le 21 août 2026 (hors défense "
            "ou sécurité) comportent une condition d'exécution environnementale : pour les "
            "travaux, la gestion des déchets est la plus facile à contrôler. Prévoyez un point "
            "d'étape en réunion de chantier.</p>"
        ),
        "themes": ["Environnemental"],
        "familles": [
            "Bâtiment : construction et entretien",
            "Travaux de voirie et infrastructures de mobilité",
        ],
        "types": [],
        "cpv": ["45000000-7", "45233140-2", "45111000-8"],
        "examples": [],
    },
    {
        "slug": "critere-performance-environnementale",
        "title": "Critère d'attribution : performance environnementale de l'offre",
        "clause_type": "environnementale",
        "kind": "critere",
        "legal_basis": "L2152-7",
        "summary": (
            "Le critère environnemental obligatoire pour les consultations lancées depuis le "
            "21 août 2026 (hors défense ou sécurité), avec des sous-critères notés sur des "
            "engagements mesurables. Un critère unique du coût qui tient compte des "
            "caractéristiques environnementales reste une alternative licite."
        ),
        "text": """Critère n° [X] – Performance en matière de protection de l'environnement (pondération : [20] %)

Conformément aux articles L2152-7 et R2152-7 du code de la commande publique, ce critère porte sur les caractéristiques environnementales de l'offre. Il est apprécié au vu du cadre de réponse environnemental joint au règlement de la consultation, selon les sous-critères suivants :
– émissions de gaz à effet de serre liées au transport et aux livraisons pendant l'exécution, et moyens de les réduire (40 %) ;
– part des produits et matériaux issus du réemploi, de la réutilisation ou intégrant des matières recyclées (35 %) ;
– réduction et gestion des emballages et des déchets produits par la prestation (25 %).

Chaque engagement chiffré est repris dans l'acte d'engagement et son respect est vérifié pendant l'exécution.""",
        "notes": (
            "<p>Un critère environnemental noté sur de simples déclarations d'intention est "
            "fragile : demandez des engagements chiffrés et prévoyez comment les contrôler.</p>"
        ),
        "themes": ["Environnemental"],
        "familles": [
            "Moyens généraux et logistique",
            "Numérique",
            "Bâtiment : construction et entretien",
        ],
        "types": [],
        "cpv": ["30192000-1", "39130000-2", "30213000-5"],
        "examples": [],
    },
    {
        "slug": "restauration-collective-produits-durables",
        "title": "Spécifications techniques : produits durables et de qualité en restauration collective",
        "clause_type": "environnementale",
        "kind": "specification",
        "legal_basis": "L2111-2",
        "summary": (
            "Traduire dans le cahier des charges l'objectif d'au moins 50 % de produits durables "
            "et de qualité, dont 20 % issus de l'agriculture biologique."
        ),
        "text": """Article [X] – Qualité et durabilité des denrées

Les denrées fournies au titre du marché comprennent, en valeur hors taxes sur chaque année d'exécution, au moins 50 % de produits durables et de qualité au sens de l'article L230-5-1 du code rural et de la pêche maritime, dont au moins 20 % de produits issus de l'agriculture biologique ou en conversion.

Le titulaire justifie ces proportions par un état trimestriel des achats de denrées, ventilé par signe de qualité, accompagné des certificats correspondants.

Les fruits et légumes frais sont de saison. Les produits de la mer sont issus de stocks non surexploités.""",
        "notes": "",
        "themes": ["Environnemental"],
        "familles": ["Restauration collective"],
        "types": ["Commune", "Département", "Région", "Centre hospitalier"],
        "cpv": ["55523100-3", "15800000-6", "55524000-9"],
        "examples": [],
    },
    {
        "slug": "critere-cout-du-cycle-de-vie",
        "title": "Critère d'attribution : coût du cycle de vie",
        "clause_type": "economique",
        "kind": "critere",
        "legal_basis": "R2152-9",
        "summary": (
            "Comparer les offres sur ce qu'elles coûteront vraiment : acquisition, "
            "consommation d'énergie, maintenance et fin de vie."
        ),
        "text": """Critère n° [X] – Coût du cycle de vie (pondération : [40] %)

En application des articles R2152-9 et R2152-10 du code de la commande publique, les offres sont comparées sur le coût de l'équipement sur une durée d'utilisation de [8] ans, calculé selon la méthode jointe au règlement de la consultation. Ce coût comprend :
– le prix d'acquisition et de livraison ;
– le coût de la consommation d'énergie, sur la base de la consommation déclarée et d'un prix de [0,20] euro par kWh ;
– le coût de la maintenance préventive et curative ;
– le coût de la fin de vie (reprise, démantèlement, recyclage).

Les candidats renseignent le tableau de calcul fourni ; les données qu'ils déclarent ont valeur contractuelle.""",
        "notes": (
            "<p>La méthode de calcul doit être fondée sur des critères objectifs, vérifiables et "
            "non discriminatoires, et les données demandées doivent pouvoir être fournies par tous "
            "les candidats.</p>"
        ),
        "themes": ["Économique", "Environnemental"],
        "familles": ["Numérique", "Moyens généraux et logistique"],
        "types": [],
        "cpv": ["30213000-5", "34144900-7"],
        "examples": [],
    },
    {
        "slug": "marche-reserve-entreprises-ess",
        "title": "Marché réservé aux entreprises de l'économie sociale et solidaire",
        "clause_type": "economique",
        "kind": "reserve",
        "legal_basis": "L2113-15",
        "summary": (
            "Pour certains services de santé, sociaux et culturels, réserver le marché aux "
            "entreprises de l'économie sociale et solidaire, pour une durée de trois ans au plus."
        ),
        "text": """Article [X] – Marché réservé

En application de l'article L2113-15 du code de la commande publique, le présent marché, qui porte sur des services [sociaux / de santé / culturels] mentionnés par cet article, est réservé aux entreprises de l'économie sociale et solidaire mentionnées à l'article 1er de la loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire, ainsi qu'à des structures équivalentes, qui remplissent les conditions prévues par ce même article.

La durée du marché n'excède pas trois ans. Les candidats ne peuvent pas avoir été titulaires, au cours des trois dernières années, d'un marché réservé en application du même article pour les mêmes services.""",
        "notes": (
            "<p>Cette réservation est limitée aux services énumérés par le code : vérifiez le code "
            "CPV de votre besoin avant de l'utiliser.</p>"
        ),
        "themes": ["Économique", "Social"],
        "familles": ["Prestations intellectuelles et services liés aux travaux"],
        "types": [],
        "cpv": ["85300000-2", "92000000-1"],
        "examples": [],
    },
]


# --- Seeding --------------------------------------------------------------------------------


def _terms(model, names):
    return list(model.objects.filter(name__in=names))


def _tag(page, spec):
    page.themes.set(_terms(Theme, spec["themes"]))
    page.familles.set(_terms(FamilleAchat, spec["familles"]))
    page.collectivite_types.set(_terms(CollectiviteType, spec["types"]))


def _index(model, home, slug, title, intro):
    existing = model.objects.filter(slug=slug).first()
    if existing:
        return existing
    return home.add_child(instance=model(title=title, slug=slug, intro=intro))


def _slides(title, spec):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=spec["title"]))
    document.text.addElement(P(text=spec["summary"]))
    for timecode, chapter in spec.get("chapters", []):
        document.text.addElement(H(outlinelevel=2, text=chapter))
        document.text.addElement(P(text=f"Dans la vidéo à {timecode}."))
    buffer = io.BytesIO()
    document.write(buffer)
    return Document.objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name=f"{spec['slug']}.odt")
    )


def _webinar(index, spec):
    existing = WebinarPage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    day = timezone.localdate() + timedelta(days=spec["days"])
    start = timezone.make_aware(datetime.combine(day, time(spec["hour"], 0)))
    page = WebinarPage(
        title=spec["title"],
        slug=spec["slug"],
        start=start,
        duration=spec["duration"],
        capacity=spec["capacity"],
        summary=spec["summary"],
        description=spec["description"],
        speakers=[
            ("speaker", {"name": name, "role": role, "organisation": organisation})
            for name, role, organisation in spec["speakers"]
        ],
        chapters=[
            ("chapter", {"timecode": timecode, "title": title})
            for timecode, title in spec.get("chapters", [])
        ],
        transcript=spec.get("transcript", ""),
    )
    if spec.get("slides"):
        page.slides = _slides(spec["slides"], spec)
    index.add_child(instance=page)
    _tag(page, spec)
    page.save_revision().publish()
    return page


def _clause(index, spec):
    existing = ClausePage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    page = ClausePage(
        title=spec["title"],
        slug=spec["slug"],
        clause_type=spec["clause_type"],
        kind=spec["kind"],
        legal_basis=spec["legal_basis"],
        summary=spec["summary"],
        clause_text=spec["text"],
        usage_notes=spec["notes"],
        legal_text_date=LEGAL_DATE,
        cpv_codes="\n".join(spec["cpv"]),
        examples=[
            ("example", {"collectivite": where, "year": year, "description": description})
            for where, year, description in spec["examples"]
        ],
    )
    page.full_clean(exclude=["path", "depth"])
    index.add_child(instance=page)
    _tag(page, spec)
    page.save_revision().publish()
    return page


def _register(webinar, email, status):
    user = get_user_model().objects.filter(email=email).first()
    if user is None or WebinarRegistration.objects.filter(webinar=webinar, user=user).exists():
        return
    seat = None
    if status == WebinarRegistration.Status.CONFIRMED:
        taken = set(webinar.confirmed_registrations().values_list("seat", flat=True))
        seat = min(set(range(1, webinar.capacity + 1)) - taken)
    WebinarRegistration.objects.create(webinar=webinar, user=user, status=status, seat=seat)


def seed(password, stdout):
    home = home_page()
    webinar_index = _index(
        WebinarIndexPage,
        home,
        "webinaires",
        "Webinaires",
        "Des séances en ligne d'une heure à une heure et demie, animées par des acheteurs qui "
        "ont déjà adopté leur SPASER. Inscrivez-vous aux prochaines, revoyez les précédentes.",
    )
    clause_index = _index(
        ClauseIndexPage,
        home,
        "clauses-types",
        "Clauses types",
        "Des clauses sociales, environnementales et économiques prêtes à adapter : copiez-les "
        "dans vos pièces de marché ou téléchargez-les au format traitement de texte.",
    )
    webinars = {spec["slug"]: _webinar(webinar_index, spec) for spec in WEBINARS}
    for spec in CLAUSES:
        _clause(clause_index, spec)

    # The insertion clause points to the replay about facilitators.
    insertion = ClausePage.objects.get(slug="clause-insertion-heures-travaillees")
    if not insertion.related:
        insertion.related = [
            (
                "related",
                {
                    "page": webinars["travailler-avec-un-facilitateur-de-clause-sociale"],
                    "note": "le replay du webinaire",
                },
            )
        ]
        insertion.save_revision().publish()

    for slug, email, status in REGISTRATIONS:
        _register(webinars[slug], email, status)

    add_nav_link("Webinaires", webinar_index.url)
    add_nav_link("Clauses types", clause_index.url)
    add_home_section(
        "Webinaires",
        "Les prochains rendez-vous en ligne et les replays, avec leurs supports.",
        webinar_index.url,
    )
    add_home_section(
        "Clauses types",
        "Dix clauses sociales, environnementales et économiques à copier ou télécharger.",
        clause_index.url,
    )
    stdout.write(
        f"  ressources: {WebinarPage.objects.count()} webinaires, "
        f"{ClausePage.objects.count()} clauses types, "
        f"{WebinarRegistration.objects.count()} inscriptions"
    )
