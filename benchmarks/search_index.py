"""Search scale benchmark: build a Whoosh index of generated resources with the portal's French
backend, then time a few hundred searches (highlighting and facets included, as on /recherche/).

    .venv/bin/python benchmarks/search_index.py [--documents 10000] [--queries 300]

No database is used: documents are written straight into a temporary index whose schema is the
one the portal builds (portal.search_backend.FrenchWhooshSearchBackend), filed under the fiche
model so results are processed as on the site.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from portal.search_backend import FrenchWhooshSearchBackend

KINDS = ["fiche", "webinaire", "clause", "forum"]
THEMES = ["Social", "Environnemental", "Économique", "Gouvernance", "Indicateurs"]
SUBJECTS = [
    "clause d'insertion",
    "déchèterie",
    "restauration collective",
    "travaux de voirie",
    "entretien des bâtiments",
    "marché réservé",
    "critère environnemental",
    "économie circulaire",
    "réemploi du mobilier",
    "produits biologiques",
    "entreprises solidaires",
    "facilitateur de clause sociale",
    "plan d'action des achats",
    "bilan carbone du chantier",
    "assainissement",
    "prestations intellectuelles",
]
SENTENCES = [
    "Les acheteurs publics partagent leurs pratiques pour {s}.",
    "La collectivité a fixé un objectif chiffré sur {s} dans son schéma.",
    "Le cahier des charges prévoit une condition d'exécution relative à {s}.",
    "Un indicateur suit chaque année la part des marchés concernés par {s}.",
    "Le groupe de travail réunit prescripteurs et juristes autour de {s}.",
    "Les entreprises locales et les structures d'insertion répondent mieux grâce à {s}.",
    "L'article L2111-3 du code de la commande publique impose un SPASER au-delà du seuil.",
    "Depuis août 2026, un critère environnemental est obligatoire (L2152-7).",
]
QUERIES = [
    "insertion",
    "clause d'insertion",
    "decheterie",
    "déchèteries",
    "restauration",
    "voirie",
    "batiments",
    "réservé",
    "environnemental",
    "circulaire",
    "reemploi",
    "biologique",
    "solidaires",
    "facilitateur",
    "carbone chantier",
    "assainissement",
    "indicateur",
    "L2111-3",
    "juristes",
    "entreprises locales",
]


def documents(count, seed=2026):
    rng = random.Random(seed)
    start = datetime(2023, 1, 1)
    for number in range(count):
        # Each resource is about one or two subjects, as a real fiche or forum topic is.
        subjects = rng.sample(SUBJECTS, rng.randint(1, 2))
        subject = subjects[0]
        kind = KINDS[number % len(KINDS)]
        title = f"{subject.capitalize()} : retour d'expérience n° {number}"
        text = " ".join(
            rng.choice(SENTENCES).format(s=rng.choice(subjects)) for _ in range(rng.randint(8, 30))
        )
        themes = rng.sample(THEMES, rng.randint(1, 3))
        yield {
            "id": f"fiches.fichepage.{number}",
            "django_ct": "fiches.fichepage",
            "django_id": str(number),
            "text": f"{title}\n{text}",
            "title": title,
            "title_auto": title,
            "url": f"/ressources/{number}/",
            "kind": kind,
            "kind_exact": kind,
            "themes": ",".join(themes),
            "themes_exact": ",".join(themes),
            "date": start + timedelta(hours=number),
        }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--keep", metavar="DOSSIER", help="garde l'index dans ce dossier et le réutilise ensuite"
    )
    args = parser.parse_args()

    path = args.keep or tempfile.mkdtemp(prefix="spaser-bench-whoosh-")
    reuse = bool(args.keep) and Path(path, ".built").exists()
    try:
        backend = FrenchWhooshSearchBackend("default", PATH=path)
        backend.setup()
        names = set(backend.schema.names())
        started = time.perf_counter()
        if not reuse:
            writer = backend.index.writer(limitmb=256)
            for doc in documents(args.documents):
                writer.add_document(**{key: value for key, value in doc.items() if key in names})
            writer.commit()
            Path(path, ".built").touch()
        build = time.perf_counter() - started
        size = sum(f.stat().st_size for f in Path(path).iterdir()) / 1024 / 1024

        rng = random.Random(7)
        latencies, cpu, hits = [], [], []
        backend.search("insertion")  # warm the reader and the stemmer caches
        for _ in range(args.queries):
            query = rng.choice(QUERIES)
            started, started_cpu = time.perf_counter(), time.process_time()
            result = backend.search(
                f"({query})",
                end_offset=10,
                highlight=True,
                facets=["kind_exact", "themes_exact"],
            )
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            hits.append(result["hits"])

        auto = []
        for _ in range(args.queries):
            prefix = rng.choice(SUBJECTS)[:4]
            started = time.perf_counter()
            backend.search(f"title_auto:({prefix})", end_offset=8)
            auto.append((time.perf_counter() - started) * 1000)

        print(f"Documents indexés        : {args.documents}")
        if not reuse:
            print(f"Construction de l'index  : {build:.1f} s ({args.documents / build:.0f} doc/s)")
        print(f"Taille de l'index        : {size:.1f} Mo")
        print(f"Recherches               : {args.queries} (10 résultats, extraits, facettes)")
        print(f"  latence p50            : {statistics.median(latencies):.1f} ms")
        print(f"  latence p95            : {percentile(latencies, 0.95):.1f} ms")
        # CPU time of this process: what the search costs, whatever else the machine is doing.
        print(
            f"  temps CPU p50 / p95    : {statistics.median(cpu):.1f} / {percentile(cpu, 0.95):.1f} ms"
        )
        print(f"  résultats moyens       : {statistics.mean(hits):.0f} documents trouvés")
        print(
            f"Autocomplétion p50 / p95 : {statistics.median(auto):.1f} / {percentile(auto, 0.95):.1f} ms"
        )
    finally:
        if not args.keep:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
