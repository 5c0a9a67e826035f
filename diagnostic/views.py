"""The self-assessment: questionnaire (session, no JavaScript), result, saved history, exports,
DECP import."""

import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from portal import legal, page_cache
from portal.page_cache import cached_page_per_visitor

from . import charts, exports, report, rules, scoring
from .decp import DecpError
from .decp import parse as parse_decp
from .forms import (
    OTHER_TYPE,
    ContentsStepForm,
    DecpImportForm,
    IndicatorsStepForm,
    OrganisationStepForm,
    SchemeStepForm,
)
from .models import Assessment
from .services import SESSION_KEY, benchmark, is_member, member_organisation

STEPS = [
    ("organisation", _("Votre organisation et vos achats"), OrganisationStepForm),
    ("schema", _("Votre schéma"), SchemeStepForm),
    ("contenus", _("Contenus du schéma"), ContentsStepForm),
    ("indicateurs", _("Indicateurs clés"), IndicatorsStepForm),
]
STEP_SLUGS = [slug for slug, _title, _form in STEPS]


def _state(request):
    state = request.session.get(SESSION_KEY)
    return state if isinstance(state, dict) else {}


def _store(request, state):
    request.session[SESSION_KEY] = state
    request.session.modified = True


def _first_missing(state):
    for slug in STEP_SLUGS:
        if slug not in state:
            return slug
    return None


def _answers(state):
    merged = {}
    for slug in STEP_SLUGS:
        merged.update(state.get(slug, {}))
    try:
        return scoring.Answers.from_dict(merged)
    except (KeyError, ValueError, TypeError, ArithmeticError):
        return None


def _crumbs(current, *links):
    return {
        "breadcrumb_current": current,
        "breadcrumb_links": [{"url": reverse("diagnostic:index"), "title": _("Autodiagnostic")}]
        + list(links),
    }


def index(request):
    state = _state(request)
    context = {
        "started": bool(state),
        "complete": _first_missing(state) is None,
        "organisation": member_organisation(request.user),
        "is_member": is_member(request.user),
        "steps": STEPS,
        "breadcrumb_current": _("Autodiagnostic"),
    }
    return render(request, "diagnostic/index.html", context)


def step(request, slug):
    if slug not in STEP_SLUGS:
        raise Http404
    position = STEP_SLUGS.index(slug)
    state = _state(request)
    missing = _first_missing(state)
    if missing and STEP_SLUGS.index(missing) < position:
        return redirect("diagnostic:step", slug=missing)
    _slug, title, form_class = STEPS[position]
    if request.method == "POST":
        form = form_class(request.POST)
        going_back = request.POST.get("action") == "previous"
        if form.is_valid():
            state[slug] = form.to_session()
            _store(request, state)
            if going_back and position:
                return redirect("diagnostic:step", slug=STEP_SLUGS[position - 1])
            if position + 1 < len(STEPS):
                return redirect("diagnostic:step", slug=STEP_SLUGS[position + 1])
            return redirect("diagnostic:result")
        if going_back and position:
            return redirect("diagnostic:step", slug=STEP_SLUGS[position - 1])
    else:
        # a DECP import leaves drafts for the steps not answered yet
        stored = state.get(slug) or state.get(f"_{slug}_draft")
        initial = form_class.initial_from(stored or {})
        organisation = member_organisation(request.user)
        if slug == "organisation" and not initial.get("org_type"):
            initial["org_type"] = organisation.kind.name if organisation else ""
        if slug == "organisation" and not initial.get("category"):
            initial["category"] = rules.TYPE_CATEGORIES.get(initial.get("org_type"), "")
        form = form_class(initial=initial)
    context = {
        "form": form,
        "slug": slug,
        "title": title,
        "position": position + 1,
        "total": len(STEPS),
        "next_title": STEPS[position + 1][1] if position + 1 < len(STEPS) else _("Résultat"),
        "previous_slug": STEP_SLUGS[position - 1] if position else None,
        "decp": state.get("decp") if slug == "indicateurs" else None,
        **_crumbs(title),
    }
    return render(request, "diagnostic/step.html", context)


def _resource_pages(recommendations):
    """Published pages whose title matches a recommendation's topics: {recommendation key: pages}.

    One query, generic over Wagtail pages (fiches, clauses, webinars are other apps' pages), whose
    answer is kept until the content changes: a title search reads every page."""
    topics = sorted({link.query for rec in recommendations for link in rec.links})
    if not topics:
        return {}
    digest = hashlib.md5("|".join(topics).encode(), usedforsecurity=False).hexdigest()
    key = f"diagnostic:resource-pages:{page_cache.content_version()}:{digest}"
    pages = cache.get(key)
    if pages is None:
        condition = Q()
        for topic in topics:
            condition |= Q(title__icontains=topic)
        pages = list(Page.objects.live().public().filter(depth__gt=2).filter(condition)[:60])
        cache.set(key, pages, settings.PAGE_CACHE_SECONDS or 600)
    found = {}
    for rec in recommendations:
        rec_topics = [link.query.lower() for link in rec.links]
        matches = [p for p in pages if any(t in p.title.lower() for t in rec_topics)]
        if matches:
            found[rec.key] = matches[:3]
    return found


def _report_context(answers, organisation_name="", exclude=None, prefix="diag"):
    built = report.build(answers, organisation_name=organisation_name, chart_prefix=prefix)
    built.charts = {key: mark_safe(svg) for key, svg in built.charts.items()}  # noqa: S308
    bench = None
    if answers.org_type and answers.org_type != OTHER_TYPE:
        bench = benchmark(answers.org_type, exclude_organisation=exclude)
    pages = _resource_pages(built.recommendations)
    cards = [{"rec": rec, "pages": pages.get(rec.key, [])} for rec in built.recommendations]
    return {
        "report": built,
        "benchmark": bench,
        "recommendation_cards": cards,
        "legal_reviewed_on": legal.REVIEWED_ON,
    }


def _answers_key(request):
    return json.dumps(_state(request), sort_keys=True, default=str)


@cached_page_per_visitor(vary=_answers_key)
def result(request):
    state = _state(request)
    missing = _first_missing(state)
    if missing:
        return redirect("diagnostic:step", slug=missing)
    answers = _answers(state)
    if answers is None:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, _("Vos réponses n'ont pas pu être relues : recommencez."))
        return redirect("diagnostic:index")
    organisation = member_organisation(request.user)
    context = _report_context(answers, organisation.name if organisation else "")
    existing = None
    if organisation:
        existing = Assessment.objects.filter(organisation=organisation, year=answers.year).first()
    context.update(
        {
            "organisation": organisation,
            "is_member": is_member(request.user),
            "existing": existing,
            "saved": None,
            "pdf_url": reverse("diagnostic:export", kwargs={"fmt": "pdf"}),
            "csv_url": reverse("diagnostic:export", kwargs={"fmt": "csv"}),
            **_crumbs(_("Résultat")),
        }
    )
    return render(request, "diagnostic/result.html", context)


def _export_response(built, fmt, basename):
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(built), content_type="text/csv; charset=utf-8")
    elif fmt == "pdf":
        # Uncompressed: a few kilobytes, and the text stays searchable by simple tools.
        response = HttpResponse(
            exports.to_pdf(built, compress=False), content_type="application/pdf"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{basename}.{fmt}"'
    return response


def export(request, fmt):
    state = _state(request)
    answers = _answers(state) if _first_missing(state) is None else None
    if answers is None:
        return redirect("diagnostic:index")
    organisation = member_organisation(request.user)
    name = organisation.name if organisation else ""
    built = report.build(answers, organisation_name=name)
    return _export_response(built, fmt, f"autodiagnostic-spaser-{answers.year}")


@require_POST
def reset(request):
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Vos réponses ont été effacées."))
    return redirect("diagnostic:index")


def _organisation_or_403(request):
    organisation = member_organisation(request.user)
    if organisation is None:
        return None, render(
            request,
            "diagnostic/no_organisation.html",
            _crumbs(_("Organisation requise")),
            status=403,
        )
    return organisation, None


@login_required
@require_POST
def save(request):
    organisation, denied = _organisation_or_403(request)
    if denied:
        return denied
    state = _state(request)
    answers = _answers(state) if _first_missing(state) is None else None
    if answers is None:
        return redirect("diagnostic:index")
    assessment = Assessment.objects.filter(organisation=organisation, year=answers.year).first()
    assessment = assessment or Assessment(organisation=organisation)
    assessment.fill_from(answers)
    assessment.created_by = request.user
    assessment.source = "decp" if state.get("decp") else "questionnaire"
    assessment.save()
    messages.success(
        request,
        _("L'autodiagnostic %(year)s de %(name)s a été enregistré.")
        % {"year": answers.year, "name": organisation.name},
    )
    return redirect("diagnostic:assessment", pk=assessment.pk)


HISTORY_SERIES = [
    ("score", _("Score sur 100"), None),
    ("env_share", _("Marchés avec une considération environnementale (%)"), "env_target"),
    ("social_share", _("Marchés avec une considération sociale (%)"), "social_target"),
    ("esus_share", _("Achats auprès d'entreprises solidaires (%)"), "esus_target"),
]


@login_required
def history(request):
    organisation, denied = _organisation_or_403(request)
    if denied:
        return denied
    assessments = list(
        Assessment.objects.filter(organisation=organisation)
        .select_related("created_by")
        .order_by("year")
    )
    series = []
    if assessments:
        latest_answers = assessments[-1].answers
        for field, label, target_key in HISTORY_SERIES:
            points = [(a.year, getattr(a, field)) for a in assessments]
            target = latest_answers.get(target_key) if target_key else None
            svg = charts.line_chart(
                f"history-{field}",
                f"{label} — {organisation.name}",
                points,
                target=float(target) if target else None,
                unit="points" if field == "score" else "%",
                # ESUS shares are a few per cent: scale that chart to its own values.
                y_max=None if field == "esus_share" else 100,
            )
            series.append({"field": field, "label": label, "svg": mark_safe(svg), "points": points})
    context = {
        "organisation": organisation,
        "assessments": assessments,
        "series": series,
        **_crumbs(_("Historique de %(name)s") % {"name": organisation.name}),
    }
    return render(request, "diagnostic/history.html", context)


def _own_assessment(request, pk):
    organisation = member_organisation(request.user)
    if organisation is None:
        raise Http404
    return get_object_or_404(
        Assessment.objects.select_related("organisation", "organisation__kind"),
        pk=pk,
        organisation=organisation,
    )


@login_required
def assessment_detail(request, pk):
    assessment = _own_assessment(request, pk)
    answers = assessment.typed_answers
    context = _report_context(answers, assessment.organisation.name, prefix=f"a{assessment.pk}")
    context.update(
        {
            "assessment": assessment,
            "organisation": assessment.organisation,
            "is_member": True,
            "saved": assessment,
            "pdf_url": reverse("diagnostic:assessment_export", args=[assessment.pk, "pdf"]),
            "csv_url": reverse("diagnostic:assessment_export", args=[assessment.pk, "csv"]),
            **_crumbs(
                str(assessment.year),
                {"url": reverse("diagnostic:history"), "title": _("Historique")},
            ),
        }
    )
    return render(request, "diagnostic/result.html", context)


@login_required
def assessment_export(request, pk, fmt):
    assessment = _own_assessment(request, pk)
    built = report.build(assessment.typed_answers, organisation_name=assessment.organisation.name)
    basename = f"autodiagnostic-{slugify(assessment.organisation.name)}-{assessment.year}"
    return _export_response(built, fmt, basename)


@login_required
def decp_import(request):
    if not is_member(request.user):
        return render(
            request,
            "diagnostic/no_organisation.html",
            _crumbs(_("Adresse vérifiée requise")),
            status=403,
        )
    organisation = member_organisation(request.user)
    summary = None
    if request.method == "POST":
        form = DecpImportForm(request.POST, request.FILES)
        if form.is_valid():
            summary = _run_import(request, form)
    else:
        form = DecpImportForm(initial={"siret": organisation.siren if organisation else ""})
    context = {
        "form": form,
        "summary": summary,
        "organisation": organisation,
        "questionnaire_step": _first_missing(_state(request)) or "indicateurs",
        **_crumbs(_("Import des données essentielles (DECP)")),
    }
    return render(request, "diagnostic/decp_import.html", context)


def _run_import(request, form):
    upload, buyer, year = (form.cleaned_data[k] for k in ("file", "siret", "year"))
    try:
        upload.seek(0)
        result = parse_decp(upload.file if hasattr(upload, "file") else upload, buyer=buyer)
    except DecpError as error:
        form.add_error("file", str(error))
        return None
    finally:
        upload.close()
    found_year, stats = result.for_buyer(buyer, year)
    if stats is None or stats.contracts + stats.defence_excluded == 0:
        years = result.years(buyer)
        if years:
            form.add_error(
                "year",
                _("Aucun marché de cet acheteur notifié en %(year)s. Années présentes : %(years)s.")
                % {"year": year, "years": ", ".join(map(str, years))},
            )
        else:
            form.add_error("siret", " ".join(result.warnings) or _("Aucun marché trouvé."))
        return None
    summary = {
        "buyer": buyer,
        "year": found_year,
        "contracts": stats.contracts,
        "value": round(stats.value, 2),
        "env_share": stats.env_share,
        "social_share": stats.social_share,
        "env_value_share": stats.env_value_share,
        "social_value_share": stats.social_value_share,
        "env_unknown": stats.env_unknown,
        "social_unknown": stats.social_unknown,
        "by_value": sorted(stats.by_value.items()),
        "shape": result.shape,
        "records": result.records,
        "warnings": result.warnings,
    }
    state = _state(request)
    indicators = dict(state.get("_indicateurs_draft") or state.get("indicateurs") or {})
    for key in ("env_share", "social_share"):
        if summary[key] is not None:
            indicators[key] = str(summary[key])
    if "indicateurs" in state:
        state["indicateurs"] = indicators
    else:
        state["_indicateurs_draft"] = indicators
    if "organisation" not in state:
        state["_organisation_draft"] = {"year": found_year}
    state["decp"] = {k: v for k, v in summary.items() if k != "by_value"}
    _store(request, state)
    return summary
