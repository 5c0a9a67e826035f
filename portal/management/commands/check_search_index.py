"""Compares, model by model, the documents in the search index with what the database says
should be there (each index's `index_queryset()`), and their text with the text the database
gives now. Exit status 1 when they differ."""

from django.core.management.base import BaseCommand
from haystack import connections
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier, get_model_ct


def expected_documents(index, using):
    """{identifier: text} of the documents the database calls for."""
    content_field = index.get_content_field()
    documents = {}
    for obj in index.index_queryset(using=using).iterator(chunk_size=500):
        try:
            documents[get_identifier(obj)] = index.full_prepare(obj)[content_field]
        except SkipDocument:
            continue
    return documents


class Command(BaseCommand):
    help = (
        "Vérifie que l'index de recherche correspond à la base de données, modèle par modèle "
        "(documents présents et texte à jour) ; code de sortie 1 en cas d'écart (corriger avec "
        "`rebuild_index`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--using", default="default", help="Connexion haystack.")

    def handle(self, *args, using="default", **options):
        backend = connections[using].get_backend()
        unified = connections[using].get_unified_index()
        differences = 0
        for model in sorted(unified.get_indexed_models(), key=get_model_ct):
            ct = get_model_ct(model)
            expected = expected_documents(unified.get_index(model), using)
            indexed = backend.indexed_documents(ct)
            missing = expected.keys() - indexed.keys()
            stale = indexed.keys() - expected.keys()
            outdated = {
                identifier
                for identifier in expected.keys() & indexed.keys()
                if expected[identifier] != indexed[identifier]
            }
            status = "OK" if not (missing or stale or outdated) else "ÉCART"
            self.stdout.write(f"{ct}: base {len(expected)}, index {len(indexed)} — {status}")
            for identifier in sorted(missing):
                self.stdout.write(f"  absent de l'index : {identifier}")
            for identifier in sorted(stale):
                self.stdout.write(f"  en trop dans l'index : {identifier}")
            for identifier in sorted(outdated):
                self.stdout.write(f"  texte périmé dans l'index : {identifier}")
            differences += len(missing) + len(stale) + len(outdated)
        if differences:
            self.stderr.write(f"{differences} écart(s) entre l'index et la base.")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("L'index de recherche est à jour."))
