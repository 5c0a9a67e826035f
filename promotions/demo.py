"""Demo content: the first Mission SPASER promotion (finished) and the second one (applications open).

Figures follow seed 002: 27 buyers, a sponsor from Nantes then Bordeaux, a kick-off, co-development
sessions with a recap the next day, a landing session, and a survey where 80 % feel more able to run
a SPASER and 70 % expect to publish one within six months. Idempotent: safe to run twice.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from portal.demo import add_home_section, add_nav_link, demo_user, organisation
from portal.models import CollectiviteType, Organisation, luhn_is_valid

from .models import (
    Application,
    Membership,
    Promotion,
    PromotionDocument,
    Recap,
    Session,
    SurveyResponse,
)

PARIS = ZoneInfo("Europe/Paris")


def demo_siren(n):
    """A 9-digit demo SIREN (prefix 29) whose Luhn key is valid."""
    base = f"29{n:06d}"
    for key in range(10):
        if luhn_is_valid(base + str(key)):
            return base + str(key)
    raise AssertionError("one key in ten is valid")


# first name, last name, email, organisation, type, region, job title
PARTICIPANTS = [
    (
        "Sandrine",
        "Pélissier",
        "s.pelissier@beziers-mediterranee.fr",
        "Communauté d'agglomération Béziers Méditerranée",
        "Communauté urbaine ou d'agglomération",
        "OCC",
        "Responsable de la commande publique",
    ),
    (
        "Olivier",
        "Chabert",
        "o.chabert@valenceromansagglo.fr",
        "Communauté d'agglomération Valence Romans Agglo",
        "Communauté urbaine ou d'agglomération",
        "ARA",
        "Acheteur public",
    ),
    (
        "Camille",
        "Renaud",
        "camille.renaud@agglo-larochelle.fr",
        "Communauté d'agglomération de La Rochelle",
        "Communauté urbaine ou d'agglomération",
        "NAQ",
        "Chargée de mission achats responsables",
    ),
    (
        "Yann",
        "Lemarchand",
        "yann.lemarchand@lecotentin.fr",
        "Communauté d'agglomération du Cotentin",
        "Communauté urbaine ou d'agglomération",
        "NOR",
        "Directeur de la commande publique",
    ),
    (
        "Nadia",
        "Benali",
        "n.benali@mairie-aixenprovence.fr",
        "Ville d'Aix-en-Provence",
        "Commune",
        "PAC",
        "Acheteuse",
    ),
    (
        "Hélène",
        "Marchetti",
        "helene.marchetti@grenoble.fr",
        "Ville de Grenoble",
        "Commune",
        "ARA",
        "Cheffe du service achats",
    ),
    (
        "Pierre-Yves",
        "Le Bihan",
        "py.lebihan@finistere.fr",
        "Département du Finistère",
        "Département",
        "BRE",
        "Chargé de mission achats durables",
    ),
    (
        "Émilie",
        "Fournier",
        "emilie.fournier@normandie.fr",
        "Région Normandie",
        "Région",
        "NOR",
        "Acheteuse publique",
    ),
    (
        "Karim",
        "Haddad",
        "k.haddad@metz.fr",
        "Ville de Metz",
        "Commune",
        "GES",
        "Juriste commande publique",
    ),
    (
        "Lucie",
        "Giraud",
        "l.giraud@grandangouleme.fr",
        "Grand Angoulême",
        "Communauté urbaine ou d'agglomération",
        "NAQ",
        "Responsable achats",
    ),
    (
        "Mathieu",
        "Roussel",
        "mathieu.roussel@poitiers.fr",
        "Ville de Poitiers",
        "Commune",
        "NAQ",
        "Acheteur public",
    ),
    (
        "Anne-Sophie",
        "Vidal",
        "as.vidal@besancon.fr",
        "Ville de Besançon",
        "Commune",
        "BFC",
        "Cheffe de projet SPASER",
    ),
    (
        "Julie",
        "Perrin",
        "julie.perrin@loire-atlantique.fr",
        "Département de la Loire-Atlantique",
        "Département",
        "PDL",
        "Chargée de mission commande publique responsable",
    ),
    (
        "François",
        "Bertin",
        "f.bertin@ville-tours.fr",
        "Ville de Tours",
        "Commune",
        "CVL",
        "Directeur des achats",
    ),
    (
        "Marion",
        "Estève",
        "marion.esteve@toulouse-metropole.fr",
        "Toulouse Métropole",
        "Métropole",
        "OCC",
        "Acheteuse responsable",
    ),
    (
        "Sébastien",
        "Morel",
        "s.morel@clermont-ferrand.fr",
        "Ville de Clermont-Ferrand",
        "Commune",
        "ARA",
        "Responsable de la cellule marchés",
    ),
    (
        "Laure",
        "Etcheverry",
        "l.etcheverry@agglo-pau.fr",
        "Communauté d'agglomération Pau Béarn Pyrénées",
        "Communauté urbaine ou d'agglomération",
        "NAQ",
        "Acheteuse publique",
    ),
    (
        "Romain",
        "Faure",
        "romain.faure@isere.fr",
        "Département de l'Isère",
        "Département",
        "ARA",
        "Chargé de mission achats",
    ),
    (
        "Isabelle",
        "Caradec",
        "isabelle.caradec@chu-rennes.fr",
        "Centre hospitalier universitaire de Rennes",
        "Centre hospitalier",
        "BRE",
        "Responsable achats durables",
    ),
    (
        "Thierry",
        "Lambert",
        "t.lambert@mairie-villeurbanne.fr",
        "Ville de Villeurbanne",
        "Commune",
        "ARA",
        "Acheteur",
    ),
    (
        "Fatou",
        "Diallo",
        "f.diallo@seinesaintdenis.fr",
        "Département de la Seine-Saint-Denis",
        "Département",
        "IDF",
        "Cheffe de projet achats socialement responsables",
    ),
    (
        "Gaël",
        "Quéré",
        "gael.quere@brest-metropole.fr",
        "Brest Métropole",
        "Métropole",
        "BRE",
        "Responsable commande publique",
    ),
    (
        "Céline",
        "Moreau",
        "celine.moreau@orleans-metropole.fr",
        "Orléans Métropole",
        "Métropole",
        "CVL",
        "Acheteuse publique",
    ),
    (
        "Mikel",
        "Irigoyen",
        "m.irigoyen@communaute-paysbasque.fr",
        "Communauté d'agglomération Pays Basque",
        "Communauté urbaine ou d'agglomération",
        "NAQ",
        "Chargé de mission achats responsables",
    ),
    (
        "Valérie",
        "Schmitt",
        "valerie.schmitt@grandnancy.eu",
        "Métropole du Grand Nancy",
        "Métropole",
        "GES",
        "Directrice de la commande publique",
    ),
    (
        "Antoine",
        "Garnier",
        "a.garnier@paris-habitat.fr",
        "Paris Habitat",
        "Bailleur social",
        "IDF",
        "Acheteur travaux",
    ),
]

GPSEA = "participant@gpsea.fr"
MENTOR_NANTES = "mentor@nantesmetropole.fr"
MENTOR_BORDEAUX = (
    "mentor@bordeaux-metropole.fr",
    "Sophie",
    "Laborde",
    "243300316",
    "Responsable du pôle achats responsables",
)

P1_DESCRIPTION = """La première promotion de la Mission SPASER a réuni 27 acheteurs publics pendant trois mois, du décollage à l'atterrissage.

Au programme : une séance de décollage pour se connaître et partager ses envies, quatre séances de co-développement entre pairs (gouvernance, indicateurs, clauses d'insertion, restauration collective), une fiche récapitulative envoyée le lendemain de chaque séance et une séance d'atterrissage.

Nantes Métropole, qui a publié son SPASER, a parrainé la promotion : son acheteuse a pris part aux échanges et raconté la mise en place de son propre schéma."""

P2_DESCRIPTION = """La deuxième promotion de la Mission SPASER accueille jusqu'à 30 acheteurs publics qui préparent, écrivent ou relancent leur schéma de promotion des achats socialement et écologiquement responsables.

Pendant trois mois : un décollage, des séances de co-développement d'1 h 30 en visioconférence par groupes de 5 à 6 acheteurs, une fiche récapitulative après chaque séance, un espace d'entraide réservé à la promotion et une séance d'atterrissage.

Bordeaux Métropole parraine cette promotion et partage l'expérience de son SPASER. Candidatez avec votre organisation et quelques lignes de motivation : l'équipe vous répond par courriel."""


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


# (kind, title, start, minutes, case holder email or None, case title, agenda, recap)
P1_SESSIONS = [
    (
        Session.Kind.KICKOFF,
        "Décollage de la Mission SPASER",
        at(date(2023, 3, 14), 10),
        120,
        None,
        "",
        "Tour de table : qui sommes-nous, où en est notre SPASER ?\nPrésentation du programme et du parrainage de Nantes Métropole\nLe SPASER en 20 minutes : obligation, contenu, calendrier\nNos envies et nos craintes pour les trois mois",
        (
            "27 acheteurs, des métropoles aux agglomérations : la moitié n'a pas encore commencé son schéma.\nLe seuil de 50 M€ d'achats annuels s'applique depuis le 1er janvier 2023 (art. D2111-3 du code de la commande publique).\nLes attentes les plus citées : convaincre les élus, choisir des indicateurs, outiller les acheteurs opérationnels.",
            "Décret n° 2022-767 du 2 mai 2022 (seuil de 50 M€)\nGuide du PNAD 2022-2025 (objectifs 2025, plan terminé) : 100 % de marchés avec une considération environnementale et 30 % avec une considération sociale\nSPASER de Nantes Métropole",
            "Chacun note l'état d'avancement de son SPASER avant la première séance.\nFormer les groupes de co-développement de 5 à 6 acheteurs.",
        ),
    ),
    (
        Session.Kind.CODEV,
        "Co-développement n° 1 : embarquer les élus et les directions",
        at(date(2023, 3, 28), 10),
        90,
        "s.pelissier@beziers-mediterranee.fr",
        "Comment faire porter le SPASER par les élus et les directions opérationnelles ?",
        "Exposé du cas de Béziers Méditerranée\nQuestions de clarification\nConsultation des pairs\nPlan d'action",
        (
            "Le SPASER avance quand un élu le porte : viser une délibération dès le lancement.\nAssocier les directions prescriptrices dès l'état des lieux, pas seulement à la relecture.\nPartir des achats de l'année (plan d'achat annuel) plutôt que d'une page blanche.",
            "Délibération d'adoption du SPASER de Nantes Métropole\nGuide « Gouvernance des achats responsables » du réseau 3AR",
            "Béziers Méditerranée présente une note d'une page au bureau communautaire de mai.\nOrganiser un atelier avec trois directions prescriptrices avant l'été.",
        ),
    ),
    (
        Session.Kind.CODEV,
        "Co-développement n° 2 : des indicateurs qui tiennent",
        at(date(2023, 4, 13), 14),
        90,
        GPSEA,
        "Quels indicateurs suivre quand les données d'achat sont éparpillées ?",
        "Exposé du cas de Grand Paris Sud Est Avenir\nQuestions de clarification\nConsultation des pairs\nPlan d'action",
        (
            "Commencer par peu d'indicateurs, en nombre de marchés et en montant, publiés tous les deux ans.\nLes données essentielles de la commande publique (DECP) donnent déjà les considérations sociales et environnementales de chaque marché.\nUn tableau de bord partagé avec les directions évite la collecte au dernier moment.",
            "Schéma des données essentielles de la commande publique\nIndicateurs du PNAD 2022-2025",
            "GPSEA extrait ses DECP 2022 et calcule les deux indicateurs du PNAD.\nPartager le modèle de tableau de bord dans l'espace de la promotion.",
        ),
    ),
    (
        Session.Kind.CODEV,
        "Co-développement n° 3 : la clause d'insertion dans les travaux de voirie",
        at(date(2023, 5, 4), 10),
        90,
        "camille.renaud@agglo-larochelle.fr",
        "Généraliser la clause d'insertion dans les marchés de voirie sans décourager les entreprises",
        "Exposé du cas de La Rochelle\nQuestions de clarification\nConsultation des pairs\nPlan d'action",
        (
            "La clause d'insertion en condition d'exécution réserve en général 5 à 8 % des heures travaillées.\nLe facilitateur de clause sociale aide à repérer les marchés dès le plan d'achat annuel.\nLes lots réservés aux structures d'insertion (SIAE) et aux ESAT complètent la clause.",
            "Guide de la clause sociale du réseau des facilitateurs\nArticles L2113-12 à L2113-14 du code de la commande publique (marchés réservés)",
            "La Rochelle rencontre le facilitateur du territoire pour le programme de voirie 2024.\nTester un lot réservé sur un marché d'espaces verts.",
        ),
    ),
    (
        Session.Kind.CODEV,
        "Co-développement n° 4 : restauration collective, EGalim et SPASER",
        at(date(2023, 5, 25), 14),
        90,
        "yann.lemarchand@lecotentin.fr",
        "Articuler les objectifs EGalim de la restauration collective avec le SPASER",
        "Exposé du cas du Cotentin\nQuestions de clarification\nConsultation des pairs\nPlan d'action",
        (
            "Les objectifs EGalim sont un socle : le SPASER peut les reprendre et les suivre.\nL'allotissement fin ouvre les marchés aux producteurs locaux.\nLe gaspillage alimentaire est un indicateur simple et parlant pour les élus.",
            "Loi EGalim et ses objectifs pour la restauration collective\nFiche « Restauration collective » du portail",
            "Le Cotentin revoit l'allotissement de son marché de denrées pour 2024.\nMesurer le gaspillage dans deux restaurants scolaires pendant un mois.",
        ),
    ),
    (
        Session.Kind.LANDING,
        "Atterrissage de la Mission SPASER",
        at(date(2023, 6, 13), 14),
        120,
        None,
        "",
        "Ce que nous avons appris\nOù en est mon SPASER ?\nQuestionnaire de fin de programme\nLa suite : e-learning, forum, promotion 2",
        (
            "La plupart des participants ont avancé sur la gouvernance et les indicateurs de leur schéma.\nLe co-développement a été le temps le plus apprécié : des pairs qui vivent les mêmes difficultés.\nLe forum d'entraide reste ouvert après la promotion.",
            "Module e-learning du CNFPT et du CGDD sur le SPASER (3 h 30)\nFiches pratiques et clauses types du portail",
            "Répondre au questionnaire de fin de programme.\nPartager son SPASER publié sur le forum pour inspirer la promotion 2.",
        ),
    ),
]

P2_SESSIONS = [
    (
        Session.Kind.KICKOFF,
        "Décollage de la promotion 2",
        at(date(2027, 1, 12), 10),
        120,
        "Tour de table et présentation du programme\nLe témoignage de Bordeaux Métropole\nConstitution des groupes de co-développement",
    ),
    (
        Session.Kind.WEBINAR,
        "Webinaire : les contenus obligatoires d'un SPASER",
        at(date(2027, 1, 26), 11),
        60,
        "Objectifs sociaux et environnementaux\nIndicateurs publiés tous les deux ans\nAchats auprès des entreprises solidaires",
    ),
    (Session.Kind.CODEV, "Co-développement n° 1", at(date(2027, 2, 9), 10), 90, ""),
    (Session.Kind.CODEV, "Co-développement n° 2", at(date(2027, 3, 2), 14), 90, ""),
    (Session.Kind.LANDING, "Atterrissage de la promotion 2", at(date(2027, 4, 13), 14), 120, ""),
]

CASE_SUMMARIES = {
    "s.pelissier@beziers-mediterranee.fr": (
        "L'agglomération dépasse le seuil de 50 M€ d'achats par an depuis 2023. Le service de la "
        "commande publique a rédigé une première trame de SPASER, mais les directions "
        "prescriptrices la voient comme une contrainte de plus et aucun élu ne s'en est encore "
        "saisi. Comment créer un portage politique et une adhésion des services ?"
    ),
    GPSEA: (
        "Les données d'achat sont réparties entre plusieurs logiciels et les considérations "
        "sociales et environnementales ne sont pas saisies de façon homogène. Le SPASER doit "
        "publier des indicateurs précis tous les deux ans : lesquels choisir pour commencer, et "
        "comment les collecter sans alourdir le travail des acheteurs ?"
    ),
    "camille.renaud@agglo-larochelle.fr": (
        "La clause d'insertion est utilisée sur quelques gros chantiers mais pas dans les "
        "marchés de voirie à bons de commande. Les entreprises locales craignent de ne pas "
        "trouver de candidats et les techniciens redoutent un suivi lourd."
    ),
    "yann.lemarchand@lecotentin.fr": (
        "La restauration scolaire suit déjà les objectifs EGalim. Le Cotentin se demande comment "
        "les intégrer au SPASER sans créer un second dispositif de suivi, et comment ouvrir ses "
        "marchés de denrées aux producteurs du territoire."
    ),
}

COMMENTS = [
    "Les séances de co-développement m'ont permis de débloquer la question de la gouvernance.",
    "Très utile de voir comment Nantes Métropole s'y est prise, avec ses difficultés.",
    "J'aurais aimé une séance de plus sur les indicateurs.",
    "La fiche récapitulative du lendemain est précieuse pour en parler à ma direction.",
]

ORGANISATION_GUIDE = """Mission SPASER — guide de la séance de co-développement

Durée : 1 h 30, en visioconférence, par groupe de 5 à 6 acheteurs.

1. Exposé du cas (15 min) : le porteur présente sa situation.
2. Questions de clarification (15 min) : des questions factuelles, pas encore de conseils.
3. Contrat (10 min) : le porteur formule sa demande au groupe.
4. Consultation (25 min) : les pairs partagent idées et expériences, avec bienveillance.
5. Plan d'action (15 min) : le porteur retient ce qui lui est utile et s'engage.
6. Apprentissages (10 min) : chacun nomme ce qu'il emporte.
"""


def _organisation(index, name, kind, region):
    siren = demo_siren(index + 1)
    org, _created = Organisation.objects.get_or_create(
        siren=siren,
        defaults={
            "name": name,
            "kind": CollectiviteType.objects.get(name=kind),
            "region": region,
        },
    )
    return org


def _member(promotion, user, role):
    membership, _created = Membership.objects.get_or_create(
        promotion=promotion, user=user, defaults={"role": role}
    )
    return membership


def _promotion(slug, defaults):
    promotion = Promotion.objects.filter(slug=slug).first()
    if promotion is None:
        promotion = Promotion(slug=slug, **defaults)
        promotion.save()
    return promotion


def seed(password, stdout):
    nantes = organisation("244400404")
    bordeaux = organisation("243300316")

    participants = []
    for index, (first, last, email, org_name, kind, region, job) in enumerate(PARTICIPANTS):
        org = _organisation(index, org_name, kind, region)
        participants.append(demo_user(email, first, last, password, siren=org.siren, job_title=job))
    users = get_user_model().objects
    gpsea = users.get(email=GPSEA)
    participants.insert(1, gpsea)
    mentor = users.get(email=MENTOR_NANTES)

    # --- Promotion 1: finished ---
    p1 = _promotion(
        "mission-spaser-promotion-1",
        {
            "name": "Mission SPASER — promotion 1",
            "summary": "27 acheteurs publics, trois mois d'entraide, parrainés par Nantes Métropole.",
            "description": P1_DESCRIPTION,
            "start_date": date(2023, 3, 14),
            "end_date": date(2023, 6, 13),
            "capacity": 30,
            "sponsor": nantes,
            "state": Promotion.State.FINISHED,
        },
    )
    _member(p1, mentor, Membership.Role.MENTOR)
    for user in participants:
        _member(p1, user, Membership.Role.PARTICIPANT)
        Application.objects.get_or_create(
            promotion=p1,
            user=user,
            defaults={
                "organisation": user.profile.organisation,
                "motivation": "Nous devons adopter notre SPASER et souhaitons avancer avec des pairs.",
                "status": Application.Status.ACCEPTED,
            },
        )
    by_email = {user.email: user for user in participants}
    guide, _created = PromotionDocument.objects.get_or_create(
        promotion=p1,
        title="Guide de la séance de co-développement",
        defaults={
            "file": ContentFile(ORGANISATION_GUIDE.encode(), name="guide-co-developpement.txt")
        },
    )
    for index, (kind, title, starts_at, minutes, holder, case_title, agenda, recap) in enumerate(
        P1_SESSIONS
    ):
        session, created = Session.objects.get_or_create(
            promotion=p1,
            title=title,
            defaults={
                "kind": kind,
                "starts_at": starts_at,
                "duration_minutes": minutes,
                "visio_url": f"https://webconf.numerique.gouv.fr/mission-spaser-p1-{index + 1}",
                "agenda": agenda,
                "case_holder": by_email.get(holder),
                "case_title": case_title,
                "case_summary": (
                    f"{case_title} Le porteur expose sa situation, ce qu'il a déjà tenté et "
                    "ce qui bloque aujourd'hui."
                    if case_title
                    else ""
                ),
                "recap_reminder_sent_at": starts_at + timedelta(days=1),
            },
        )
        if created:
            session.attendees.set(
                [user for position, user in enumerate(participants) if (position + index) % 6]
            )
        key_points, resources, actions = recap
        Recap.objects.get_or_create(
            session=session,
            defaults={
                "author": mentor,
                "key_points": key_points,
                "resources": resources,
                "actions": actions,
                "status": Recap.Status.PUBLISHED,
                "published_at": starts_at + timedelta(days=1),
            },
        )
    if not guide.session_id:
        guide.session = Session.objects.filter(promotion=p1, kind=Session.Kind.CODEV).first()
        guide.save(update_fields=["session"])

    # 20 answers: 16 feel more able (80 %), 14 expect to publish within six months (70 %).
    for position, user in enumerate(participants[:20]):
        SurveyResponse.objects.get_or_create(
            promotion=p1,
            user=user,
            defaults={
                "more_able": "oui" if position < 16 else "non",
                "publish_plan": "oui" if position < 14 else ("nsp" if position < 18 else "non"),
                "comment": COMMENTS[position // 5] if position % 5 == 0 else "",
            },
        )

    # The answers were given at the landing session.
    SurveyResponse.objects.filter(promotion=p1).update(created_at=at(date(2023, 6, 13), 16))

    # --- Promotion 2: applications open ---
    bordeaux_mentor = demo_user(
        MENTOR_BORDEAUX[0],
        MENTOR_BORDEAUX[1],
        MENTOR_BORDEAUX[2],
        password,
        siren=MENTOR_BORDEAUX[3],
        job_title=MENTOR_BORDEAUX[4],
        role="mentor",
    )
    p2 = _promotion(
        "mission-spaser-promotion-2",
        {
            "name": "Mission SPASER — promotion 2",
            "summary": "Trente places pour avancer sur votre SPASER entre pairs, parrainées par Bordeaux Métropole.",
            "description": P2_DESCRIPTION,
            "start_date": date(2027, 1, 12),
            "end_date": date(2027, 4, 13),
            "capacity": 30,
            "sponsor": bordeaux,
            "state": Promotion.State.OPEN,
        },
    )
    _member(p2, bordeaux_mentor, Membership.Role.MENTOR)
    for index, (kind, title, starts_at, minutes, agenda) in enumerate(P2_SESSIONS):
        Session.objects.get_or_create(
            promotion=p2,
            title=title,
            defaults={
                "kind": kind,
                "starts_at": starts_at,
                "duration_minutes": minutes,
                "visio_url": f"https://webconf.numerique.gouv.fr/mission-spaser-p2-{index + 1}",
                "agenda": agenda,
            },
        )
    amp = users.get(email="participant@ampmetropole.fr")
    Application.objects.get_or_create(
        promotion=p2,
        user=amp,
        defaults={
            "organisation": amp.profile.organisation,
            "motivation": (
                "La Métropole d'Aix-Marseille-Provence suit les objectifs de son SPASER (100 % de "
                "marchés avec une considération environnementale et 30 % avec une considération "
                "sociale en 2025) ; nous voulons échanger avec des pairs sur les achats auprès des "
                "entreprises solidaires, encore autour de 2 %."
            ),
        },
    )

    add_nav_link("Promotions", "/promotions/")
    add_home_section(
        "Promotions",
        "Trois mois d'entraide entre acheteurs publics : co-développement, mentors et fiches "
        "récapitulatives. La promotion 2 recrute.",
        "/promotions/",
    )
    stdout.write(
        f"  promotions: {Promotion.objects.count()} promotions, "
        f"{p1.participants().count()} participants in promotion 1, "
        f"{Application.objects.filter(promotion=p2).count()} application(s) to promotion 2"
    )
