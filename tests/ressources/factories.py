"""Pages of the resource library, created the way an editor would publish them."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from ressources.models import ClauseIndexPage, ClausePage, WebinarIndexPage, WebinarPage

_counter = itertools.count(1)


def webinar_index(home_page):
    return home_page.add_child(
        instance=WebinarIndexPage(
            title="Webinaires", slug="webinaires", intro="Tous nos webinaires"
        )
    )


def clause_index(home_page):
    return home_page.add_child(
        instance=ClauseIndexPage(title="Clauses types", slug="clauses-types")
    )


def webinar(index, title=None, days=7, capacity=30, themes=(), familles=(), types=(), **fields):
    n = next(_counter)
    page = WebinarPage(
        title=title or f"Webinaire n° {n}",
        slug=f"webinaire-{n}",
        start=timezone.now() + timedelta(days=days),
        duration=90,
        capacity=capacity,
        summary="Un webinaire pour avancer sur son SPASER.",
        **fields,
    )
    index.add_child(instance=page)
    _tag(page, themes, familles, types)
    return page


def clause(
    index,
    title=None,
    clause_type="sociale",
    kind="condition",
    themes=(),
    familles=(),
    types=(),
    **fields,
):
    n = next(_counter)
    fields.setdefault("legal_basis", "L2112-2")
    fields.setdefault(
        "clause_text",
        "Le titulaire réserve au moins 5 % des heures travaillées à des personnes en insertion.",
    )
    fields.setdefault("legal_text_date", date(2026, 8, 22))
    fields.setdefault("slug", f"clause-{n}")
    page = ClausePage(
        title=title or f"Clause n° {n}",
        clause_type=clause_type,
        kind=kind,
        **fields,
    )
    index.add_child(instance=page)
    _tag(page, themes, familles, types)
    return page


def _tag(page, themes, familles, types):
    if themes or familles or types:
        page.themes.set(themes)
        page.familles.set(familles)
        page.collectivite_types.set(types)
        page.save()
