"""Django-side work of the editor: starting a draft from what the portal knows, proposing fiches and
clauses for the purchase families chosen, and reading the attached clauses."""

from decimal import Decimal

from diagnostic import rules, scoring
from diagnostic.amounts import format_amount
from diagnostic.models import Assessment
from portal.models import FamilleAchat

from . import compliance
from .models import Draft

#: The clause types proposed for each axis (ressources.ClauseType values).
AXIS_CLAUSE_TYPES = {
    "social": ["sociale"],
    "ecologique": ["environnementale"],
    "circulaire": ["environnementale", "economique"],
}
MAX_PROPOSALS = 12


def _pct(value):
    return "" if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def prefill(organisation, period_start, period_end, answers=None):
    """(content, prefill) of a new draft from the self-assessment: the `answers` the member has
    just given (questionnaire in their session), else the organisation's latest saved one."""
    content = compliance.empty_content()
    known = {
        "organisation": organisation.name,
        "type": organisation.kind.name if organisation.kind_id else "",
        "website": organisation.website,
    }
    source = "questionnaire en cours"
    if answers is None:
        assessment = (
            Assessment.objects.filter(organisation=organisation)
            .order_by("-year", "-updated_at")
            .first()
        )
        if assessment is not None:
            answers, source = assessment.typed_answers, assessment.get_source_display()
    intro = (
        f"{organisation.name} adopte son schéma de promotion des achats socialement et "
        f"écologiquement responsables (SPASER) pour {period_start}-{period_end}."
    )
    if answers is not None:
        verdict = rules.verdict_for(answers)
        score = scoring.compute(answers)
        known.update(
            {
                "year": answers.year,
                "spending": str(answers.spending),
                "obliged": verdict.obliged,
                "verdict": verdict.explanation,
                "score": score.total,
                "source": str(source),
                "gaps": [item.label for item in score.items() if not item.complete],
                "indicators": {
                    key: _pct(answers.share(key))
                    for key in ("env", "social", "esus", "sme", "local")
                },
            }
        )
        content["contexte"]["volume"] = str(Decimal(answers.spending).quantize(Decimal("0.01")))
        content["contexte"]["volume_text"] = format_amount(answers.spending)
        obligation = (
            "Ses achats dépassent le seuil de l'article D2111-3 du code de la commande publique : "
            "l'adoption du schéma est une obligation (art. L2111-3)."
            if verdict.obliged
            else "Ses achats ne dépassent pas le seuil réglementaire : le schéma est volontaire."
        )
        intro += (
            f" En {answers.year}, ses achats ont représenté {format_amount(answers.spending)}"
            f" HT. {obligation}"
        )
        measures = {"env": "nombre", "social": "nombre", "esus": "valeur"}
        for key, indicator in content["indicateurs"].items():
            share = answers.share(key)
            if share is not None:
                indicator["baseline_year"] = answers.year
                indicator["baseline"] = _pct(share)
                indicator["measure"] = measures.get(key, "valeur")
    content["contexte"]["ambition"] = intro
    return content, known


def start_draft(organisation, period_start, period_end, user, answers=None):
    content, known = prefill(organisation, period_start, period_end, answers)
    draft = Draft.objects.create(
        organisation=organisation,
        title=f"SPASER {period_start}-{period_end} — {organisation.name}",
        period_start=period_start,
        period_end=period_end,
        prefill=known,
        created_by=user,
    )
    draft.save_version(content, user, "creation")
    return draft


def familles():
    return list(FamilleAchat.objects.order_by("name"))


def _clauses():
    from ressources.models import ClausePage

    return ClausePage.objects.live().public()


def proposals(axis, famille_ids, attached_ids):
    """(fiches, clauses) proposed for `axis` and the chosen families; the attached clauses come
    first and stay proposed whatever the families."""
    from fiches.models import FichePage

    types = AXIS_CLAUSE_TYPES[axis]
    clauses = _clauses().filter(clause_type__in=types)
    if famille_ids:
        clauses = clauses.filter(familles__in=famille_ids)
    proposed = list(clauses.distinct().order_by("title", "pk")[:MAX_PROPOSALS])
    attached = list(_clauses().filter(pk__in=attached_ids)) if attached_ids else []
    seen = {c.pk for c in attached}
    attached.sort(key=lambda c: attached_ids.index(c.pk) if c.pk in attached_ids else 0)
    clauses = attached + [c for c in proposed if c.pk not in seen]
    fiches = []
    if famille_ids:
        fiches = list(
            FichePage.objects.live()
            .public()
            .filter(familles__in=famille_ids)
            .distinct()
            .order_by("title", "pk")[:MAX_PROPOSALS]
        )
    return fiches, clauses


def axis_clauses(axis, attached_ids):
    """Every published clause that may be attached on `axis`: its types, and those attached."""
    from django.db.models import Q

    condition = Q(clause_type__in=AXIS_CLAUSE_TYPES[axis])
    if attached_ids:
        condition |= Q(pk__in=attached_ids)
    return list(_clauses().filter(condition).only("pk", "title").order_by("title", "pk"))


def attached_clauses(data):
    """{axis: [clause pages]} of the clauses attached to the draft and still published."""
    ids = {pk for axis in compliance.AXES for pk in data[axis].get("clauses") or []}
    if not ids:
        return {axis: [] for axis in compliance.AXES}
    pages = {c.pk: c for c in _clauses().filter(pk__in=ids)}
    return {
        axis: [pages[pk] for pk in data[axis].get("clauses") or [] if pk in pages]
        for axis in compliance.AXES
    }


def famille_names(data):
    ids = {pk for axis in compliance.AXES for pk in data[axis].get("familles") or []}
    names = dict(FamilleAchat.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    return {
        axis: [names[pk] for pk in data[axis].get("familles") or [] if pk in names]
        for axis in compliance.AXES
    }


def drafts_of(organisations):
    return (
        Draft.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("-updated_at", "-pk")
    )
