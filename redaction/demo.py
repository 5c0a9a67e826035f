"""Demo: a SPASER 2026-2028 in progress for the Métropole d'Aix-Marseille-Provence, written by its
participant from its latest self-assessment, two model clauses attached, governance still to
write (the compliance check shows what is missing). Rerunning it adds nothing."""

from portal.demo import add_nav_link, organisation, tour

from .models import Draft
from .services import start_draft

AMP_SIREN = "200054807"
START, END = 2026, 2028
CLAUSES = {
    "social": "clause-insertion-heures-travaillees",
    "ecologique": "gestion-dechets-de-chantier",
}


def seed(password, stdout):
    from django.contrib.auth import get_user_model

    from portal.models import FamilleAchat
    from ressources.models import ClausePage

    amp = organisation(AMP_SIREN)
    user = get_user_model().objects.filter(email="participant@ampmetropole.fr").first()
    add_nav_link("Rédiger mon SPASER", "/rediger/")
    draft = Draft.objects.filter(organisation=amp, period_start=START, period_end=END).first()
    if draft is None:
        draft = start_draft(amp, START, END, user)
        content = draft.data
        batiment = list(
            FamilleAchat.objects.filter(name__startswith="Bâtiment").values_list("pk", flat=True)
        )
        clauses = dict(
            ClausePage.objects.filter(slug__in=CLAUSES.values()).values_list("slug", "pk")
        )
        content["contexte"]["services"] = (
            "Direction de la commande publique, direction des bâtiments, direction de la "
            "propreté et des déchets."
        )
        content["social"].update(
            {
                "leviers": ["insertion", "reserves", "esus"],
                "familles": batiment,
                "objectifs": (
                    "Porter à 30 % la part des marchés comprenant une considération sociale, "
                    "en priorité des clauses d'insertion réservant 5 à 8 % des heures "
                    "travaillées aux personnes éloignées de l'emploi.\n\n"
                    "Réserver des lots aux ESAT, entreprises adaptées et SIAE dans l'entretien "
                    "des espaces verts et la propreté."
                ),
                "mise_en_oeuvre": (
                    "Le facilitateur de la Métropole repère les marchés éligibles dans le plan "
                    "d'action des achats ; un bilan des heures d'insertion est présenté chaque "
                    "année au comité de suivi."
                ),
                "clauses": [clauses[CLAUSES["social"]]] if CLAUSES["social"] in clauses else [],
            }
        )
        content["ecologique"].update(
            {
                "familles": batiment,
                "objectifs": (
                    "Une condition d'exécution environnementale dans chaque marché lancé, et un "
                    "critère environnemental dans l'analyse des offres."
                ),
                "clauses": [clauses[CLAUSES["ecologique"]]]
                if CLAUSES["ecologique"] in clauses
                else [],
            }
        )
        for key, targets in {"env": ("80", "100", "100"), "social": ("22", "26", "30")}.items():
            content["indicateurs"][key]["targets"] = {
                str(year): target
                for year, target in zip(range(START, END + 1), targets, strict=True)
            }
        draft.save_version(content, user, "social")
    tour(
        "participant@ampmetropole.fr",
        "Participante et référente",
        f"le projet de SPASER de son organisation (/rediger/, {draft.version_count} versions), "
        "son historique d'autodiagnostics ; importer un fichier DECP",
    )
    stdout.write(
        f"  redaction: draft « {draft.title} » ({draft.version_count} versions), "
        f"{len(draft.compliance().missing)} required contents still missing"
    )
