"""Compares, model by model, the documents in the search index with what the database says
should be there (each index's `index_queryset()`). Exit status 1 when they differ."""

from django.core.management.base import BaseCommand
from haystack import connections
from haystack.utils import get_model_ct


class Command(BaseCommand):
    help = (
        "Vérifie que l'index de recherche correspond à la base de données, modèle par modèle ; "
        "code de sortie 1 en cas d'écart (corriger avec `rebuild_index`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--using", default="default", help="Connexion haystack.")

    def handle(self, *args, using="default", **options):
        backend = connections[using].get_backend()
        unified = connections[using].get_unified_index()
        differences = 0
        for model in sorted(unified.get_indexed_models(), key=get_model_ct):
            index = unified.get_index(model)
            ct = get_model_ct(model)
            expected = {
                f"{ct}.{pk}"
                for pk in index.index_queryset(using=using).values_list("pk", flat=True)
            }
            indexed = backend.indexed_ids(get_model_ct(model))
            missing, stale = expected - indexed, indexed - expected
            status = "OK" if not (missing or stale) else "ÉCART"
            self.stdout.write(
                f"{get_model_ct(model)}: base {len(expected)}, index {len(indexed)} — {status}"
            )
            for identifier in sorted(missing):
                self.stdout.write(f"  absent de l'index : {identifier}")
            for identifier in sorted(stale):
                self.stdout.write(f"  en trop dans l'index : {identifier}")
            differences += len(missing) + len(stale)
        if differences:
            self.stderr.write(f"{differences} écart(s) entre l'index et la base.")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("L'index de recherche est à jour."))
