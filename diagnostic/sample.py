"""Generation of DECP files that follow the official schema 2.0.3. No Django import.

Used for the demo sample (`fixtures/decp_exemple.json`), the tests and the memory benchmark:
`write_decp(fileobj, contracts(...))` streams the records, so a 200 000-contract file is written
without being held in memory.

    python -m diagnostic.sample            # regenerates diagnostic/fixtures/decp_exemple.json
"""

import json
import random
from pathlib import Path

from .decp import ENV_VALUES, SOCIAL_VALUES

SAMPLE_PATH = Path(__file__).parent / "fixtures" / "decp_exemple.json"
AMP_SIREN = "200054807"
NANTES_SIREN = "244400404"

CPV_OBJECTS = [
    ("45233140", "Travaux de voirie : réfection de chaussées"),
    ("90511000", "Collecte des ordures ménagères"),
    ("55523100", "Restauration scolaire"),
    ("77310000", "Entretien des espaces verts"),
    ("90919200", "Nettoyage des bâtiments administratifs"),
    ("30213100", "Fourniture d'ordinateurs portables reconditionnés"),
    ("34144900", "Acquisition de véhicules électriques"),
    ("71000000", "Maîtrise d'œuvre pour la rénovation énergétique d'un gymnase"),
    ("79710000", "Gardiennage des équipements communautaires"),
    ("39130000", "Mobilier de bureau issu du réemploi"),
]


def luhn_key(digits):
    """The digit to append so that `digits` + key passes the Luhn check (SIREN/SIRET)."""
    for key in range(10):
        candidate = digits + str(key)
        total = 0
        for position, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if position % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return str(key)
    raise AssertionError("unreachable")


def siret(siren, establishment=1):
    """A valid SIRET of `siren`: NIC = 4-digit establishment number + Luhn key."""
    base = f"{siren}{establishment:04d}"
    return base + luhn_key(base)


def contract(
    number,
    buyer_siret,
    year,
    rng,
    social=None,
    env=None,
    holder_siret="",
):
    """One contract of the regulatory format (every required field of schema 2.0.3)."""
    cpv, objet = CPV_OBJECTS[number % len(CPV_OBJECTS)]
    if social is None:
        social = [rng.choice(SOCIAL_VALUES)]
    if env is None:
        env = [rng.choice(ENV_VALUES)]
    month = 1 + number % 12
    day = 1 + number % 28
    return {
        "id": f"{year}-{number:06d}",
        "acheteur": {"id": buyer_siret},
        "nature": "Marché",
        "objet": objet,
        "codeCPV": cpv,
        "techniques": {"technique": ["Accord-cadre" if number % 3 == 0 else "Sans objet"]},
        "modalitesExecution": {"modaliteExecution": ["Bons de commande"]},
        "marcheInnovant": False,
        "ccag": "Fournitures courantes et services",
        "offresRecues": 1 + number % 7,
        "attributionAvance": False,
        "typeGroupementOperateurs": "Pas de groupement",
        "procedure": "Appel d'offres ouvert" if number % 2 else "Procédure adaptée",
        "lieuExecution": {"code": "13055", "typeCode": "Code commune"},
        "dureeMois": 12 + number % 36,
        "dateNotification": f"{year}-{month:02d}-{day:02d}",
        "datePublicationDonnees": f"{year}-{month:02d}-{min(day + 1, 28):02d}",
        "montant": float(40000 + rng.randrange(0, 2_000_000)),
        "typesPrix": {"typePrix": ["Définitif ferme"]},
        "formePrix": "Forfaitaire",
        "sousTraitanceDeclaree": False,
        "titulaires": [
            {
                "titulaire": {
                    "typeIdentifiant": "SIRET",
                    "id": holder_siret or siret(f"3{number % 10**8:08d}"[:9], 1),
                }
            }
        ],
        "considerationsSociales": {"considerationSociale": social},
        "considerationsEnvironnementales": {"considerationEnvironnementale": env},
    }


def contracts(count, buyers, years=(2024,), seed=2024):
    """`count` random contracts spread over `buyers` (SIRETs) and `years`."""
    rng = random.Random(seed)
    for number in range(count):
        yield contract(number, buyers[number % len(buyers)], years[number % len(years)], rng)


def write_decp(fileobj, records, shape="regulatory"):
    """Streams `records` as a DECP file: {"marches": {"marche": [...]}} or {"marches": [...]}."""
    fileobj.write('{"marches": {"marche": [\n' if shape == "regulatory" else '{"marches": [\n')
    for position, record in enumerate(records):
        if position:
            fileobj.write(",\n")
        fileobj.write(json.dumps(record, ensure_ascii=False))
    fileobj.write("\n]}}\n" if shape == "regulatory" else "\n]}\n")


def sample_records():
    """The demo sample: 12 contracts of the Métropole d'Aix-Marseille-Provence in 2024, 3 of
    Nantes Métropole; every enum value of both consideration fields appears."""
    rng = random.Random(13)
    amp, nantes = siret(AMP_SIREN, 1), siret(NANTES_SIREN, 1)
    plan = [
        (["Clause sociale"], ["Clause environnementale"]),
        (["Critère social"], ["Critère environnemental"]),
        (["Marché réservé"], ["Clause environnementale", "Critère environnemental"]),
        (["Clause sociale", "Critère social"], ["Pas de considération environnementale"]),
        (["Pas de considération sociale"], ["Clause environnementale"]),
        (["Pas de considération sociale"], ["Pas de considération environnementale"]),
        (["Pas de considération sociale"], ["Critère environnemental"]),
        (["Pas de considération sociale"], ["Clause environnementale"]),
        (["Pas de considération sociale"], ["Pas de considération environnementale"]),
        (["Clause sociale"], ["Clause environnementale"]),
        (["Pas de considération sociale"], ["Clause environnementale"]),
        (["Pas de considération sociale"], ["Pas de considération environnementale"]),
    ]
    records = [
        contract(number + 1, amp, 2024, rng, social=social, env=env)
        for number, (social, env) in enumerate(plan)
    ]
    records += [contract(100 + n, nantes, 2024, rng) for n in range(3)]
    return records


def write_sample(path=SAMPLE_PATH):
    with open(path, "w", encoding="utf-8") as fileobj:
        write_decp(fileobj, sample_records())
    return path


if __name__ == "__main__":
    print(write_sample())
