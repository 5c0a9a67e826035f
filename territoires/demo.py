"""Demo directory and rendez-vous: fictional people, structures, addresses and numbers (the phone
numbers are in the ranges the ARCEP reserves for fiction), real département codes. The
rendez-vous fall on weekdays counted from the day `seed_demo` runs; one is already over."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import ExternalEvent, Facilitator

F, N = Facilitator.FACILITATOR, Facilitator.NETWORK

# name, kind, structure, départements, email, phone, website, description
DIRECTORY = [
    (
        "Gwenaëlle Le Roux",
        F,
        "Pôle clauses sociales d'Ille-et-Vilaine (fictif)",
        "35",
        "clauses@pole-clauses-35.example",
        "02 61 91 35 01",
        "",
        "Repère dans votre programmation les marchés propices à une clause d'insertion, rédige "
        "la clause avec vous et suit les heures réalisées.",
    ),
    (
        "Yannick Kerbrat",
        F,
        "Atelier insertion Bretagne Ouest (fictif)",
        "22, 29, 56",
        "y.kerbrat@insertion-bretagne-ouest.example",
        "02 61 91 29 02",
        "",
        "Accompagne les communes et intercommunalités des Côtes-d'Armor, du Finistère et du "
        "Morbihan, des marchés de travaux aux services de nettoyage.",
    ),
    (
        "Solène Guérin",
        F,
        "Facilitation clauses Loire-Atlantique (fictif)",
        "44",
        "s.guerin@clauses-44.example",
        "02 61 91 44 03",
        "",
        "Aide à fixer le nombre d'heures d'insertion et met en relation les entreprises "
        "titulaires avec les structures d'insertion.",
    ),
    (
        "Karim Benali",
        F,
        "Maison des clauses Provence (fictive)",
        "13",
        "k.benali@maison-clauses-provence.example",
        "04 65 71 13 04",
        "",
        "Facilitateur des acheteurs des Bouches-du-Rhône : clauses d'insertion, lots réservés, "
        "bilan annuel des heures.",
    ),
    (
        "Élodie Marchand",
        F,
        "Clauses sociales Gironde (fictif)",
        "33",
        "e.marchand@clauses-gironde.example",
        "05 36 49 33 05",
        "",
        "",
    ),
    (
        "Thomas Vandamme",
        F,
        "Plateforme clauses Nord – Pas-de-Calais (fictive)",
        "59, 62",
        "t.vandamme@plateforme-clauses-npdc.example",
        "03 53 01 59 06",
        "",
        "",
    ),
    (
        "Inès Roussel",
        F,
        "Hérault insertion achats (fictif)",
        "34",
        "i.roussel@herault-insertion-achats.example",
        "04 65 71 34 07",
        "",
        "",
    ),
    (
        "Nadia Haddad",
        F,
        "Facilitation Est parisien (fictive)",
        "75, 93, 94",
        "n.haddad@facilitation-est-parisien.example",
        "01 99 00 94 08",
        "",
        "",
    ),
    (
        "Paul-Antoine Santoni",
        F,
        "Clauses sociales de Corse (fictif)",
        "2A, 2B",
        "pa.santoni@clauses-corse.example",
        "04 65 71 20 09",
        "",
        "Couvre la Corse-du-Sud et la Haute-Corse.",
    ),
    (
        "Marie-Claude Payet",
        F,
        "Insertion achats La Réunion (fictif)",
        "974",
        "mc.payet@insertion-achats-reunion.example",
        "",
        "",
        "",
    ),
    (
        "Jocelyn Bellance",
        F,
        "Clauses Guadeloupe (fictif)",
        "971",
        "j.bellance@clauses-guadeloupe.example",
        "",
        "",
        "",
    ),
    (
        "Réseau breton des achats responsables (fictif)",
        N,
        "",
        "22, 29, 35, 56",
        "contact@reseau-achats-bretagne.example",
        "",
        "https://reseau-achats-bretagne.example/",
        "Réunit les acheteurs publics bretons : rencontres trimestrielles, groupes de travail "
        "par famille d'achat.",
    ),
    (
        "Réseau des acheteurs responsables des Pays de la Loire (fictif)",
        N,
        "",
        "44, 49, 53, 72, 85",
        "contact@acheteurs-responsables-pdl.example",
        "",
        "https://acheteurs-responsables-pdl.example/",
        "",
    ),
    (
        "Réseau achats durables Nouvelle-Aquitaine (fictif)",
        N,
        "",
        "16, 17, 19, 23, 24, 33, 40, 47, 64, 79, 86, 87",
        "contact@achats-durables-na.example",
        "",
        "https://achats-durables-na.example/",
        "",
    ),
    (
        "Réseau régional achats responsables Sud (fictif)",
        N,
        "",
        "04, 05, 06, 13, 83, 84",
        "contact@achats-responsables-sud.example",
        "",
        "https://achats-responsables-sud.example/",
        "",
    ),
    (
        "Réseau Occitanie achats responsables (fictif)",
        N,
        "",
        "09, 11, 12, 30, 31, 32, 34, 46, 48, 65, 66, 81, 82",
        "contact@occitanie-achats-responsables.example",
        "",
        "https://occitanie-achats-responsables.example/",
        "",
    ),
    (
        "Réseau francilien de la commande publique responsable (fictif)",
        N,
        "",
        "75, 77, 78, 91, 92, 93, 94, 95",
        "contact@commande-responsable-idf.example",
        "",
        "https://commande-responsable-idf.example/",
        "",
    ),
    (
        "Réseau Hauts-de-France achats responsables (fictif)",
        N,
        "",
        "02, 59, 60, 62, 80",
        "contact@achats-responsables-hdf.example",
        "",
        "https://achats-responsables-hdf.example/",
        "",
    ),
]

# title, kind, days from today, start (h, min), duration (h), place, online link, organiser,
# région, description
EVENTS = [
    (
        "Rencontre du réseau breton : la clause d'insertion dans les marchés de travaux",
        ExternalEvent.NETWORK_MEETING,
        9,
        (9, 30),
        3,
        "Maison des associations, 6 cours des Alliés, Rennes (adresse fictive)",
        "",
        "Réseau breton des achats responsables (fictif)",
        "BRE",
        "Retours d'expérience de trois acheteurs et d'un facilitateur, puis atelier sur les "
        "heures d'insertion des marchés de 2027.",
    ),
    (
        "Formation : rédiger la condition d'exécution sociale obligatoire",
        ExternalEvent.TRAINING,
        16,
        (14, 0),
        3,
        "",
        "https://visio.reseau-national-facilitateurs.example/condition-sociale",
        "Collectif national des facilitateurs (fictif)",
        "",
        "Pour les marchés dont la consultation est lancée depuis le 21 août 2026 : champ de "
        "l'obligation, exceptions, exemples de rédaction.",
    ),
    (
        "Matinale achats responsables Sud : les marchés réservés aux SIAE",
        ExternalEvent.NETWORK_MEETING,
        23,
        (9, 0),
        2.5,
        "Hôtel de la métropole, 58 boulevard Charles-Livon, Marseille (adresse fictive)",
        "",
        "Réseau régional achats responsables Sud (fictif)",
        "PAC",
        "",
    ),
    (
        "Atelier Occitanie : suivre ses indicateurs SPASER avec les données essentielles",
        ExternalEvent.TRAINING,
        30,
        (10, 0),
        6,
        "Montpellier (lieu précisé aux inscrits)",
        "",
        "Réseau Occitanie achats responsables (fictif)",
        "OCC",
        "",
    ),
    (
        "Rencontre du réseau des Pays de la Loire : bilan des clauses sociales",
        ExternalEvent.NETWORK_MEETING,
        -12,
        (14, 0),
        2,
        "Nantes (adresse fictive)",
        "",
        "Réseau des acheteurs responsables des Pays de la Loire (fictif)",
        "PDL",
        "",
    ),
]


def on_a_weekday(day, later=True):
    """Monday to Friday: a weekend day moves to the next Monday, or back to the Friday before."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if later else -1)
    return day


def seed(password, stdout):
    for name, kind, structure, departements, email, phone, website, description in DIRECTORY:
        Facilitator.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "structure": structure,
                "departements": departements,
                "email": email,
                "phone": phone,
                "website": website,
                "description": description,
            },
        )
    today = timezone.localdate()
    for title, kind, days, (hour, minute), hours, place, online, organiser, region, text in EVENTS:
        day = on_a_weekday(today + timedelta(days=days), later=days >= 0)
        start = timezone.make_aware(datetime.combine(day, time(hour, minute)))
        ExternalEvent.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "start": start,
                "end": start + timedelta(hours=hours),
                "place": place,
                "online_url": online,
                "organiser": organiser,
                "region": region,
                "description": text,
            },
        )
    stdout.write(
        f"  territoires: {Facilitator.objects.count()} facilitateurs et réseaux, "
        f"{ExternalEvent.objects.upcoming().count()} rendez-vous à venir"
    )
