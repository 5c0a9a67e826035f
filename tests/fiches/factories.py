"""Fiche pages for tests: built under a FicheIndexPage, live by default."""

import json

from fiches.models import FicheIndexPage, FichePage
from portal.search import rebuilt_afterwards


def fiche_index(home, title="Fiches SPASER", slug="fiches-spaser"):
    index = home.add_child(instance=FicheIndexPage(title=title, slug=slug, intro="Les fiches."))
    index.save_revision().publish()
    return index


def body(objective="Former les acheteurs.", quote="Nous avons commencé petit.", extra=None):
    blocks = [
        {"type": "objective", "value": {"heading": "Objectif", "text": f"<p>{objective}</p>"}},
        {
            "type": "legal_references",
            "value": [
                {"article": "L2111-3", "source": "Code de la commande publique", "summary": ""}
            ],
        },
        {
            "type": "steps",
            "value": [{"title": "Repérer les marchés", "text": "<p>Avec le facilitateur.</p>"}],
        },
        {
            "type": "encadre",
            "value": {
                "title": "Bonne pratique",
                "quote": quote,
                "person": "",
                "organisation": "Ville de Dunkerque",
            },
        },
        {
            "type": "indicators",
            "value": [{"name": "Heures d'insertion", "unit": "heures", "target": "5 %"}],
        },
    ]
    return json.dumps(blocks + (extra or []))


def make_fiche(
    index,
    title,
    slug=None,
    intro="",
    themes=(),
    familles=(),
    types=(),
    publish=True,
    author=None,
    **kwargs,
):
    fiche = FichePage(
        title=title,
        slug=slug or None,
        intro=intro,
        body=kwargs.pop("body", body()),
        author_organisation=author,
        live=False,
        **kwargs,
    )
    fiche.themes = list(themes)
    fiche.familles = list(familles)
    fiche.collectivite_types = list(types)
    index.add_child(instance=fiche)
    if publish:
        fiche.save_revision().publish()
        fiche.refresh_from_db()
    return fiche


def bulk_fiches(index, count, themes=(), familles=(), types=()):
    """Many live fiches quickly: no revision, and the search index rebuilt once at the end (as the
    demo seeders do) instead of after each fiche and each of its tags."""
    fiches = []
    with rebuilt_afterwards():
        for number in range(count):
            fiche = FichePage(
                title=f"Fiche {number:04d}", slug=f"fiche-{number:04d}", intro="Texte.", live=True
            )
            fiche.themes = list(themes)
            fiche.familles = list(familles)
            fiche.collectivite_types = list(types)
            index.add_child(instance=fiche)
            fiches.append(fiche)
    return fiches
