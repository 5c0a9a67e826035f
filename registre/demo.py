"""Demo: five adopted SPASERs in the registry, fictional (deliberation numbers, dates, targets,
addresses) but plausible for the organisations of the demo. The Métropole d'Aix-Marseille-Provence
has none yet: its participant can publish the draft of « Rédiger mon SPASER » once voted.
Rerunning it adds nothing."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from portal.demo import RESOURCES_MENU, add_home_section, add_nav_link, organisation

from .models import AdoptedScheme
from .services import publish

SCHEMES = [
    # SIREN, publisher, title, adopted on, deliberation, period, obligation, targets (env, social,
    # ESUS), address on the organisation's site, summary
    (
        "244400404",
        "mentor@nantesmetropole.fr",
        "Schéma des achats responsables 2024-2026",
        date(2023, 12, 15),
        "Délibération n° 2023-187 du conseil métropolitain du 15 décembre 2023",
        (2024, 2026),
        AdoptedScheme.Obligation.OBLIGED,
        ("100", "35", "6"),
        "https://metropole.nantes.fr/achats-responsables/spaser-2024-2026",
        "Trois axes : la clause d'insertion généralisée aux marchés de travaux et de services "
        "de plus de 90 000 € HT, des lots réservés aux SIAE dans la propreté urbaine, la "
        "réduction de l'empreinte carbone des achats alimentaires et de bâtiment.",
    ),
    (
        "243300316",
        None,
        "SPASER 2025-2027",
        date(2025, 3, 28),
        "Délibération n° 2025-112 du conseil de Bordeaux Métropole du 28 mars 2025",
        (2025, 2027),
        AdoptedScheme.Obligation.OBLIGED,
        ("100", "30", "5"),
        "https://www.bordeaux-metropole.fr/achats/spaser-2025-2027",
        "Le schéma fixe une considération environnementale dans chaque marché dès 2027, "
        "30 % de marchés avec une considération sociale et 5 % des achats auprès "
        "d'entreprises solidaires d'utilité sociale.",
    ),
    (
        "233500016",
        "membre@bretagne.bzh",
        "Schéma régional des achats responsables 2024-2028",
        date(2024, 6, 21),
        "Délibération n° 24_DAJCP_SA_03 du conseil régional du 21 juin 2024",
        (2024, 2028),
        AdoptedScheme.Obligation.OBLIGED,
        ("90", "30", None),
        "https://www.bretagne.bzh/region/achats-responsables/schema-2024-2028",
        "Produits bretons et de saison dans la restauration des lycées, réemploi du mobilier et "
        "du matériel informatique, clauses d'insertion dans les marchés de travaux des lycées.",
    ),
    (
        "223300013",
        "membre@gironde.fr",
        "SPASER du Département de la Gironde 2023-2025",
        date(2022, 12, 12),
        "Délibération n° 2022.143.CD du conseil départemental du 12 décembre 2022",
        (2023, 2025),
        AdoptedScheme.Obligation.OBLIGED,
        ("80", "25", "4"),
        "https://www.gironde.fr/marches-publics/spaser",
        "",
    ),
    (
        "215901836",
        "participant@ville-dunkerque.fr",
        "Schéma des achats responsables de la Ville de Dunkerque",
        date(2024, 10, 7),
        "Délibération n° 24-0917 du conseil municipal du 7 octobre 2024",
        (2025, 2027),
        AdoptedScheme.Obligation.VOLUNTARY,
        ("75", "20", None),
        "https://www.ville-dunkerque.fr/la-ville/marches-publics/spaser",
        "Un premier schéma, adopté volontairement : clauses d'insertion dans les marchés du "
        "port et de la voirie, critère environnemental dans les achats de fournitures.",
    ),
]


def _pdf_text(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines):
    """A one-page PDF showing `lines` (Helvetica, WinAnsi): the stand-in of a voted scheme."""
    body = ["BT", "/F1 12 Tf", "56 780 Td", "16 TL"]
    body += [f"({_pdf_text(line)}) '" for line in lines]
    body.append("ET")
    stream = "\n".join(body).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def seed(password, stdout):
    add_nav_link("SPASER adoptés", "/spaser-adoptes/", menu=RESOURCES_MENU)
    add_home_section(
        "Les SPASER adoptés",
        "Les schémas votés par les acheteurs publics, leurs délibérations et leurs cibles, en "
        "données ouvertes.",
        "/spaser-adoptes/",
    )
    users = get_user_model().objects
    for (
        siren,
        email,
        title,
        adopted,
        deliberation,
        period,
        obligation,
        targets,
        url,
        summary,
    ) in SCHEMES:
        org = organisation(siren)
        start, end = period
        if AdoptedScheme.objects.filter(
            organisation=org, period_start=start, period_end=end
        ).exists():
            continue
        env, social, esus = (None if value is None else Decimal(value) for value in targets)
        lines = [
            org.name,
            title,
            f"Période {start}-{end}",
            deliberation,
            "Document de démonstration : contenu fictif.",
        ]
        upload = ContentFile(demo_pdf(lines), name=f"spaser-{start}-{end}.pdf")
        publish(
            org,
            {
                "title": title,
                "summary": summary,
                "adopted_on": adopted,
                "deliberation": deliberation,
                "period_start": start,
                "period_end": end,
                "website_url": url,
                "obligation": obligation,
                "env_target": env,
                "social_target": social,
                "esus_target": esus,
            },
            upload,
            users.filter(email=email).first() if email else None,
        )
    stdout.write(f"  registre: {AdoptedScheme.objects.public().count()} SPASER adoptés publiés")
