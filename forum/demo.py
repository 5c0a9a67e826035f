"""Demo content of the forum: four categories, twenty topics with replies, several solved.

Idempotent: categories by slug, topics by (category, title); an existing topic is left as is.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from portal.demo import add_home_section, add_nav_link

from . import services
from .models import Category, Post, Subscription, Topic, TopicReadState

AMP = "participant@ampmetropole.fr"
GPSEA = "participant@gpsea.fr"
DUNKERQUE = "participant@ville-dunkerque.fr"
BRETAGNE = "membre@bretagne.bzh"
GIRONDE = "membre@gironde.fr"
NANTES = "mentor@nantesmetropole.fr"
MODERATION = "moderation@entraide-spaser.fr"

CATEGORIES = [
    (
        "elaborer-son-spaser",
        "Élaborer son SPASER",
        "Obligation, calendrier, portage politique, concertation, adoption et publication du schéma.",
        ["Gouvernance"],
    ),
    (
        "indicateurs-et-suivi",
        "Indicateurs et suivi",
        "Choisir des indicateurs précis, les mesurer, les publier tous les deux ans et piloter "
        "le schéma.",
        ["Indicateurs"],
    ),
    (
        "clauses-sociales-et-insertion",
        "Clauses sociales et insertion",
        "Clauses d'insertion, marchés réservés, travail avec les facilitateurs, achats auprès "
        "des structures de l'ESS.",
        ["Social", "Économique"],
    ),
    (
        "environnement-et-economie-circulaire",
        "Environnement et économie circulaire",
        "Conditions d'exécution et critères environnementaux, réemploi, sobriété, coût du "
        "cycle de vie.",
        ["Environnemental"],
    ),
]

# (category slug, title, author, days ago, body, [(author, hours after, body)], solution index)
TOPICS = [
    (
        "elaborer-son-spaser",
        "Sommes-nous soumis à l'obligation ? Calcul du seuil de 50 M€",
        GIRONDE,
        41,
        "Bonjour,\n\nNous hésitons sur le calcul du seuil de l'article D2111-3. Faut-il compter "
        "les montants **notifiés** dans l'année ou les **dépenses réellement mandatées** ? "
        "Et les marchés de défense et de sécurité entrent-ils dans le calcul ?",
        [
            (
                NANTES,
                3,
                "Bonjour Thomas,\n\nLe texte parle d'un montant total annuel d'achats : on "
                "retient les **dépenses effectuées au cours de l'année civile** au titre des "
                "marchés, hors marchés de défense ou de sécurité (livre V). Le seuil est de "
                "50 millions d'euros HT depuis le 1er janvier 2023 (décret n° 2022-767), contre "
                "100 M€ auparavant.\n\nNous partons de l'extraction des mandats de l'exercice "
                "N-1, filtrée sur les imputations des marchés publics.",
            ),
            (
                GIRONDE,
                20,
                "Merci, c'est très clair. Nous refaisons le calcul sur l'exercice 2025 avec la "
                "direction des finances.",
            ),
            (
                BRETAGNE,
                26,
                "Petite précision de notre côté : attention aux groupements de commandes, "
                "seule la part de dépense de votre entité compte.",
            ),
        ],
        0,
    ),
    (
        "elaborer-son-spaser",
        "Par où commencer quand on part de zéro ?",
        DUNKERQUE,
        36,
        "Je viens d'être nommé référent achats responsables et nous n'avons pas encore de "
        "schéma. Quelles ont été vos premières étapes ? Diagnostic, groupe de travail, "
        "délibération de principe ?",
        [
            (
                AMP,
                2,
                "Chez nous : 1) un état des lieux des achats (volumes par famille, clauses déjà "
                "utilisées), 2) un portage politique clair avec un élu référent, 3) des "
                "ateliers avec les directions prescriptrices. Le diagnostic a pris trois mois.",
            ),
            (
                NANTES,
                5,
                "Je rejoins Maya : ne sous-estimez pas le portage politique. Et associez très "
                "tôt les prescripteurs, ce sont eux qui rédigent les besoins.",
            ),
            (
                DUNKERQUE,
                30,
                "Merci à vous deux, je vais proposer un calendrier en trois temps à ma "
                "direction générale.",
            ),
        ],
        0,
    ),
    (
        "elaborer-son-spaser",
        "SPASER commun avec d'autres acheteurs : retours d'expérience ?",
        BRETAGNE,
        30,
        "Depuis la loi Industrie verte, plusieurs acheteurs peuvent adopter un schéma commun. "
        "Quelqu'un s'est-il lancé avec ses communes membres ou un syndicat ? Comment "
        "gérez-vous les indicateurs ?",
        [
            (
                GIRONDE,
                6,
                "Nous étudions cette piste. Point d'attention : même avec un schéma commun, "
                "les **indicateurs restent propres à chaque acheteur**. Il faut donc un "
                "tableau de bord par entité.",
            ),
            (
                GPSEA,
                28,
                "Nous avons mutualisé le diagnostic et la concertation avec deux villes, mais "
                "chacune garde ses objectifs chiffrés. Cela rassure les élus.",
            ),
        ],
        None,
    ),
    (
        "elaborer-son-spaser",
        "Faut-il une délibération pour adopter le SPASER ?",
        GPSEA,
        24,
        "Notre assemblée doit-elle délibérer pour adopter le schéma, ou une décision de "
        "l'exécutif suffit-elle ? Comment l'avez-vous fait valider ?",
        [
            (
                GIRONDE,
                4,
                "Le code ne l'impose pas expressément, mais l'adoption par l'assemblée "
                "délibérante donne au schéma un poids politique et facilite sa mise en œuvre. "
                "Nous l'avons fait adopter en séance plénière.",
            ),
            (
                AMP,
                7,
                "Même choix à la Métropole : délibération, puis publication sur notre site "
                "internet, qui est obligatoire.",
            ),
        ],
        0,
    ),
    (
        "elaborer-son-spaser",
        "Comment mobiliser les directions prescriptrices ?",
        AMP,
        12,
        "Le schéma est adopté, mais les directions opérationnelles le voient comme une "
        "contrainte de plus. Des idées pour les embarquer ?",
        [
            (
                NANTES,
                3,
                "Nous avons désigné un référent par direction et présenté chaque trimestre "
                "les résultats de **leurs** marchés. Voir leurs chiffres progresser les "
                "motive.",
            ),
            (
                DUNKERQUE,
                9,
                "Les séances de codéveloppement entre pairs nous ont beaucoup aidés : les "
                "prescripteurs entendent mieux un collègue d'une autre collectivité.",
            ),
        ],
        None,
    ),
    (
        "indicateurs-et-suivi",
        "Quels indicateurs pour le volet social ?",
        GPSEA,
        39,
        "Nous cherchons des indicateurs simples et précis pour le volet social. Nombre de "
        "marchés avec clause, montants, heures d'insertion réalisées ? Lesquels suivez-vous ?",
        [
            (
                AMP,
                5,
                "Nous suivons trois indicateurs :\n\n- la part des marchés notifiés avec au "
                "moins une considération sociale (objectif 30 %) ;\n- le nombre d'heures "
                "d'insertion réalisées ;\n- le montant d'achats auprès des structures de "
                "l'ESS.\n\nLes deux premiers sont fournis par notre facilitateur.",
            ),
            (
                GPSEA,
                22,
                "Parfait, c'est exactement le niveau de précision attendu. Merci !",
            ),
        ],
        0,
    ),
    (
        "indicateurs-et-suivi",
        "Publier les indicateurs tous les deux ans : quel format ?",
        BRETAGNE,
        33,
        "La loi Climat et Résilience prévoit une publication des indicateurs tous les deux "
        "ans. Sous quelle forme le faites-vous ? Un simple tableau sur le site, un rapport ?",
        [
            (
                NANTES,
                8,
                "Nous publions une page dédiée avec un tableau (en nombre de marchés et en "
                "valeur) et un court rapport de suivi. L'essentiel est que ce soit lisible et "
                "comparable d'une période à l'autre.",
            ),
            (
                GIRONDE,
                12,
                "Nous y ajoutons un fichier tableur téléchargeable : les associations nous le "
                "demandaient.",
            ),
        ],
        0,
    ),
    (
        "indicateurs-et-suivi",
        "Utiliser les données essentielles (DECP) pour mesurer nos progrès",
        DUNKERQUE,
        27,
        "Nos données essentielles de la commande publique contiennent les champs "
        "« considérations sociales » et « considérations environnementales ». Est-ce fiable "
        "pour calculer nos taux ?",
        [
            (
                AMP,
                4,
                "C'est une bonne base depuis le nouveau format de 2024, mais vérifiez la "
                "saisie : chez nous, beaucoup de marchés étaient renseignés « Pas de "
                "considération » par défaut alors qu'ils comportaient une clause.",
            ),
            (
                BRETAGNE,
                10,
                "Les anciens fichiers n'ont pas ces champs du tout : ne les comptez pas comme "
                "des marchés sans clause, excluez-les du calcul.",
            ),
            (
                DUNKERQUE,
                25,
                "Merci, nous allons faire une campagne de fiabilisation avec les acheteurs.",
            ),
        ],
        1,
    ),
    (
        "indicateurs-et-suivi",
        "Objectifs 2025 du PNAD 2022-2025 : 100 % environnement, 30 % social, réaliste ?",
        GIRONDE,
        20,
        "Le plan national pour des achats durables 2022-2025 fixait 100 % des marchés avec "
        "une considération environnementale et 30 % avec une considération sociale. Vous "
        "êtes-vous alignés sur ces cibles ?",
        [
            (
                AMP,
                6,
                "Oui, nous les avons reprises pour 2025, avec en plus 5 % du volume d'achats "
                "auprès des entreprises solidaires. À mi-parcours nous étions autour de 50 % "
                "en environnement et 14 % en social : la marche est haute mais elle donne un "
                "cap.",
            ),
            (
                NANTES,
                11,
                "Le plan est arrivé à son terme, mais pour les marchés dont la consultation est "
                "lancée depuis le 21 août 2026 (hors défense et sécurité), la condition "
                "d'exécution et le critère environnementaux sont obligatoires : l'objectif "
                "environnemental devient en grande partie la règle.",
            ),
        ],
        None,
    ),
    (
        "indicateurs-et-suivi",
        "Quel outil pour le tableau de bord du schéma ?",
        BRETAGNE,
        8,
        "Tableur partagé, outil de gestion des marchés, logiciel décisionnel ? Comment "
        "suivez-vous vos indicateurs au fil de l'eau ?",
        [
            (
                GPSEA,
                7,
                "Un tableur partagé alimenté chaque mois par les acheteurs, avec une liste "
                "déroulante pour le type de clause. Simple mais efficace.",
            ),
        ],
        None,
    ),
    (
        "clauses-sociales-et-insertion",
        "Travailler avec un facilitateur de clause sociale : par où commencer ?",
        DUNKERQUE,
        38,
        "Nous n'avons jamais sollicité de facilitateur. À quel moment les associer et que "
        "leur transmettre ?",
        [
            (
                GPSEA,
                2,
                "Le plus tôt possible ! En début d'année, je partage avec notre facilitatrice "
                "le **plan annuel des achats** : elle repère les marchés qui se prêtent à une "
                "clause et m'aide à calibrer le nombre d'heures. Elle suit ensuite "
                "l'exécution avec les entreprises.",
            ),
            (
                NANTES,
                6,
                "Le facilitateur connaît aussi les structures d'insertion du territoire : il "
                "peut vous dire si le volume d'heures demandé est absorbable.",
            ),
            (
                DUNKERQUE,
                24,
                "Merci Aurore, je prends rendez-vous avec la maison de l'emploi pour lui "
                "présenter notre PAA.",
            ),
        ],
        0,
    ),
    (
        "clauses-sociales-et-insertion",
        "Quel pourcentage d'heures d'insertion exiger ?",
        BRETAGNE,
        31,
        "Pour un marché de travaux de voirie, quel pourcentage d'heures réservées à "
        "l'insertion fixez-vous dans la condition d'exécution ?",
        [
            (
                AMP,
                3,
                "En général entre **5 et 8 %** des heures travaillées, selon la part de "
                "main-d'œuvre du marché. Le facilitateur nous aide à le calculer lot par lot.",
            ),
            (
                GIRONDE,
                5,
                "Attention à bien rédiger la clause comme une condition d'exécution, avec les "
                "modalités de contrôle et les pénalités en cas de manquement.",
            ),
        ],
        0,
    ),
    (
        "clauses-sociales-et-insertion",
        "Marchés réservés aux ESAT et SIAE : quels lots ?",
        GPSEA,
        22,
        "Nous voulons réserver des lots aux structures employant des travailleurs handicapés "
        "ou défavorisés. Sur quels types de prestations l'avez-vous fait ?",
        [
            (
                NANTES,
                4,
                "Entretien des espaces verts, nettoyage de locaux, blanchisserie, petit "
                "conditionnement. Faites d'abord un sourcing : il faut plusieurs structures "
                "capables de répondre.",
            ),
            (
                DUNKERQUE,
                9,
                "Nous avons réservé un lot de mise sous pli à un ESAT : très bonne "
                "expérience, et c'est compté dans nos indicateurs sociaux.",
            ),
        ],
        None,
    ),
    (
        "clauses-sociales-et-insertion",
        "Suivre l'exécution des clauses d'insertion",
        AMP,
        15,
        "Comment contrôlez-vous que les heures d'insertion sont réellement réalisées ? Les "
        "entreprises nous envoient des attestations mais nous n'avons pas le temps de tout "
        "vérifier.",
        [
            (
                GPSEA,
                5,
                "C'est précisément le rôle du facilitateur : il collecte les justificatifs "
                "auprès des entreprises et nous transmet un bilan par marché.",
            ),
            (
                GIRONDE,
                8,
                "Prévoyez dans le CCAP l'obligation de transmettre un état mensuel des "
                "heures, sinon les relances sont interminables.",
            ),
            (
                AMP,
                30,
                "Merci, nous ajoutons la clause de reporting dès le prochain marché.",
            ),
        ],
        0,
    ),
    (
        "clauses-sociales-et-insertion",
        "Acheter auprès des entreprises de l'ESS sans fausser la concurrence",
        GIRONDE,
        9,
        "Notre objectif porte sur les achats auprès des entreprises solidaires d'utilité "
        "sociale (ESUS, article L3332-17-1 du code du travail). Comment les atteindre en "
        "restant dans les règles ?",
        [
            (
                BRETAGNE,
                6,
                "Allotir finement, simplifier les dossiers de consultation et annoncer vos "
                "besoins en amont lors de rencontres avec les réseaux de l'ESS. La réservation "
                "de lots est aussi possible pour les SIAE. Pour mesurer, n'oubliez pas les "
                "structures ESUS de plein droit (SIAE, entreprises adaptées, ESAT) : elles ne "
                "figurent pas forcément sur la liste des agréments.",
            ),
        ],
        None,
    ),
    (
        "environnement-et-economie-circulaire",
        "Condition d'exécution environnementale obligatoire : comment s'y préparer ?",
        DUNKERQUE,
        28,
        "Pour les consultations lancées depuis le 21 août 2026, chaque marché doit comporter une "
        "condition d'exécution environnementale et au moins un critère environnemental, hors "
        "marchés de défense ou de sécurité. Comment avez-vous adapté vos modèles ?",
        [
            (
                NANTES,
                4,
                "Nous avons créé une bibliothèque de clauses par famille d'achat (travaux, "
                "fournitures, services) que les acheteurs copient et ajustent. Le guide de "
                "l'État nous a servi de base.",
            ),
            (
                BRETAGNE,
                7,
                "Et n'oubliez pas que le jugement sur le seul prix n'est plus possible (un "
                "critère unique du coût qui tient compte de l'environnement le reste) : "
                "revoyez aussi vos grilles de critères.",
            ),
            (
                DUNKERQUE,
                27,
                "Très utile, merci. Nous mutualisons une bibliothèque de clauses avec deux "
                "communes voisines.",
            ),
        ],
        0,
    ),
    (
        "environnement-et-economie-circulaire",
        "Réemploi du mobilier de bureau : retours d'expérience",
        AMP,
        25,
        "Nous voulons introduire du mobilier de réemploi dans notre marché de mobilier. "
        "Avez-vous un lot dédié ou une variante ?",
        [
            (
                BRETAGNE,
                3,
                "Lot dédié au mobilier reconditionné, attribué à une entreprise d'insertion : "
                "on coche à la fois l'économie circulaire et l'insertion.",
            ),
            (
                GPSEA,
                9,
                "Nous avons aussi prévu une clause de reprise du mobilier usagé par le titulaire.",
            ),
        ],
        0,
    ),
    (
        "environnement-et-economie-circulaire",
        "Restauration collective : quels critères environnementaux ?",
        GPSEA,
        18,
        "Pour notre marché de restauration scolaire, au-delà des obligations EGalim, quels "
        "critères environnementaux retenez-vous ?",
        [
            (
                NANTES,
                5,
                "Lutte contre le gaspillage (pesées, ajustement des grammages), emballages "
                "réutilisables, saisonnalité des menus. Nous notons aussi le plan de "
                "livraison.",
            ),
        ],
        None,
    ),
    (
        "environnement-et-economie-circulaire",
        "Évaluer le coût du cycle de vie dans un marché de véhicules",
        GIRONDE,
        11,
        "Quelqu'un a-t-il utilisé le coût du cycle de vie comme critère pour un marché de "
        "véhicules ? Quelle méthode de calcul ?",
        [
            (
                DUNKERQUE,
                6,
                "Oui : prix d'achat, consommation d'énergie sur la durée d'utilisation, "
                "entretien et valeur de revente. Nous avons fourni aux candidats un tableur "
                "de calcul imposé pour comparer les offres.",
            ),
            (
                GIRONDE,
                22,
                "Le tableur imposé, c'est l'idée qui me manquait. Merci !",
            ),
        ],
        0,
    ),
    (
        "environnement-et-economie-circulaire",
        "Sobriété : réduire le besoin avant d'acheter",
        BRETAGNE,
        4,
        "On parle beaucoup de critères, moins de sobriété. Avez-vous des exemples de "
        "besoins réduits ou mutualisés en amont de l'achat ?",
        [
            (
                AMP,
                8,
                "Mutualisation des imprimantes (moins 40 % de matériel), allongement de la "
                "durée d'usage des postes informatiques à six ans, location plutôt "
                "qu'achat pour le matériel événementiel.",
            ),
        ],
        None,
    ),
]


def _user(email):
    return get_user_model().objects.get(email=email)


def _seed_private_categories():
    """A private category for each promotion's group (the promotions app names them so)."""
    for group in Group.objects.filter(name__startswith="Promotion : ").order_by("pk"):
        members = list(group.user_set.order_by("pk"))
        if not members:
            continue
        category, created = Category.objects.get_or_create(
            restricted_to=group,
            defaults={
                "name": f"Entre nous — {group.name.removeprefix('Promotion : ')}",
                "slug": slugify(group.name)[:80],
                "description": "Questions et partages réservés aux membres de la promotion.",
                "position": 100 + group.pk,
            },
        )
        if not created:
            continue
        author, replier = members[0], members[-1]
        start = timezone.now() - timezone.timedelta(days=2)
        topic = Topic.objects.create(
            category=category,
            title="Vos retours sur la dernière séance de co-développement",
            author=author,
            created_at=start,
            last_activity_at=start,
            last_poster=author,
        )
        Post.objects.create(
            topic=topic,
            author=author,
            is_first=True,
            created_at=start,
            body="Qu'avez-vous pu mettre en œuvre depuis la séance ? De mon côté, j'ai présenté "
            "le projet de schéma au comité de direction avec la trame proposée par le groupe.",
        )
        Post.objects.create(
            topic=topic,
            author=replier,
            created_at=start + timezone.timedelta(hours=5),
            body="J'ai repris le plan d'action : rencontre avec le facilitateur de clauses "
            "sociales la semaine prochaine, avec notre programmation des achats sous le bras.",
        )
        services.refresh_counters(topic.pk)


def seed(password, stdout):
    from portal.models import Theme

    categories = {}
    for position, (slug, name, description, themes) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        category.themes.add(*Theme.objects.filter(name__in=themes))
        categories[slug] = category

    now = timezone.now().replace(second=0, microsecond=0)
    created_count = 0
    for slug, title, author_email, days_ago, body, replies, solution in TOPICS:
        category = categories[slug]
        if Topic.objects.filter(category=category, title=title).exists():
            continue
        author = _user(author_email)
        start = now - timezone.timedelta(days=days_ago, hours=3)
        topic = Topic.objects.create(
            category=category,
            title=title,
            author=author,
            created_at=start,
            last_activity_at=start,
            last_poster=author,
        )
        Post.objects.create(topic=topic, author=author, body=body, is_first=True, created_at=start)
        Subscription.objects.get_or_create(user=author, topic=topic)
        TopicReadState.objects.get_or_create(
            user=author, topic=topic, defaults={"last_read_at": start}
        )
        posts = []
        for reply_email, hours, reply_body in replies:
            replier = _user(reply_email)
            posts.append(
                Post.objects.create(
                    topic=topic,
                    author=replier,
                    body=reply_body,
                    created_at=start + timezone.timedelta(hours=hours),
                )
            )
            Subscription.objects.get_or_create(user=replier, topic=topic)
        services.refresh_counters(topic.pk)
        if solution is not None:
            Topic.objects.filter(pk=topic.pk).update(solution=posts[solution])
        created_count += 1

    Topic.objects.filter(category=categories["elaborer-son-spaser"], title=TOPICS[1][1]).update(
        is_pinned=True
    )
    Subscription.objects.get_or_create(
        user=_user(MODERATION), category=categories["clauses-sociales-et-insertion"]
    )

    _seed_private_categories()

    add_nav_link("Forum", "/forum/")
    add_home_section(
        "Forum d'entraide",
        "Posez vos questions sur votre SPASER et partagez vos pratiques avec d'autres acheteurs "
        "publics : indicateurs, clauses sociales, environnement.",
        "/forum/",
    )
    stdout.write(
        f"  forum: {len(categories)} catégories, {Topic.objects.count()} sujets "
        f"({created_count} créés), {Topic.objects.filter(solution__isnull=False).count()} résolus"
    )
