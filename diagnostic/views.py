"""The self-assessment: questionnaire (session, no JavaScript), result, saved history, exports,
DECP import."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from portal import legal, organisations, page_cache
from portal.geography import departement_name
from portal.page_cache import cached_page_per_visitor
from territoires.models import Facilitator

from . import charts, exports, pdf, report, rules, tasks
from .forms import OTHER_TYPE, DecpImportForm
from .models import Assessment, DecpImport
from .questionnaire import STEP_SLUGS, STEPS, Questionnaire
from .services import benchmark, is_member, member_organisation

#: Facilitators named on a recommendation about social clauses (the finder lists them all).
SOCIAL_HELP_SHOWN = 3


def _crumbs(current, *links):
    return {
        "breadcrumb_current": current,
        "breadcrumb_links": [{"url": reverse("diagnostic:index"), "title": _("Autodiagnostic")}]
        + list(links),
    }


def index(request):
    questionnaire = Questionnaire(request.session)
    context = {
        "started": questionnaire.started,
        "complete": questionnaire.complete,
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
    questionnaire = Questionnaire(request.session)
    missing = questionnaire.first_missing()
    if missing and STEP_SLUGS.index(missing) < position:
        return redirect("diagnostic:step", slug=missing)
    _slug, title, form_class = STEPS[position]
    if request.method == "POST":
        form = form_class(request.POST)
        going_back = request.POST.get("action") == "previous"
        if form.is_valid():
            questionnaire.record(slug, form.to_session())
            if going_back and position:
                return redirect("diagnostic:step", slug=STEP_SLUGS[position - 1])
            if position + 1 < len(STEPS):
                return redirect("diagnostic:step", slug=STEP_SLUGS[position + 1])
            return redirect("diagnostic:result")
        if going_back and position:
            return redirect("diagnostic:step", slug=STEP_SLUGS[position - 1])
    else:
        # a DECP import leaves drafts for the steps not answered yet
        initial = form_class.initial_from(questionnaire.stored(slug) or {})
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
        "decp": questionnaire.decp if slug == "indicateurs" else None,
        # The « published » answer points to the organisation's entry in the registry.
        "organisation": member_organisation(request.user) if slug == "schema" else None,
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


def _social_clause_help(recommendations, organisation):
    """For the recommendations about social clauses: the facilitators of the organisation's
    département (one query, only when such a recommendation is shown), and the finder's URL."""
    if not any(rec.about_social_clauses for rec in recommendations):
        return None
    finder_url = reverse("territoires:finder")
    departement = organisation.departement if organisation is not None else ""
    if not departement:
        return {"finder_url": finder_url, "departement": "", "facilitators": []}
    facilitators = Facilitator.objects.covering(departement).filter(kind=Facilitator.FACILITATOR)
    return {
        "finder_url": f"{finder_url}?{urlencode({'code': departement})}",
        "departement": departement,
        "departement_name": departement_name(departement),
        "facilitators": list(facilitators[:SOCIAL_HELP_SHOWN]),
    }


def _peers(answers):
    """The anonymous comparison of the page (None for another kind of buyer or too few peers)."""
    if answers.org_type and answers.org_type != OTHER_TYPE:
        return benchmark(answers.org_type, answers.year)
    return None


def _report_context(answers, organisation_name="", prefix="diag", organisation=None):
    built = report.build(answers, organisation_name=organisation_name, chart_prefix=prefix)
    built.charts = {key: mark_safe(svg) for key, svg in built.charts.items()}
    bench = _peers(answers)
    pages = _resource_pages(built.recommendations)
    social_help = _social_clause_help(built.recommendations, organisation)
    cards = [
        {
            "rec": rec,
            "pages": pages.get(rec.key, []),
            "social_help": social_help if rec.about_social_clauses else None,
        }
        for rec in built.recommendations
    ]
    return {
        "report": built,
        "benchmark": bench,
        "recommendation_cards": cards,
        "legal_reviewed_on": legal.REVIEWED_ON,
    }


def _answers_key(request):
    return Questionnaire(request.session).cache_key()


@cached_page_per_visitor(vary=_answers_key)
def result(request):
    questionnaire = Questionnaire(request.session)
    missing = questionnaire.first_missing()
    if missing:
        return redirect("diagnostic:step", slug=missing)
    answers = questionnaire.answers()
    if answers is None:
        questionnaire.clear()
        messages.error(request, _("Vos réponses n'ont pas pu être relues : recommencez."))
        return redirect("diagnostic:index")
    organisation = member_organisation(request.user)
    context = _report_context(
        answers, organisation.name if organisation else "", organisation=organisation
    )
    existing = None
    if organisation:
        existing = (
            Assessment.objects.filter(organisation=organisation, year=answers.year)
            .order_by("-version")
            .first()
        )
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


def _export_response(built, fmt, basename, version=None):
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(built), content_type="text/csv; charset=utf-8")
    elif fmt == "pdf":
        # Tagged PDF/UA with the page's charts and comparison (diagnostic.pdf).
        document = pdf.render(built, benchmark=_peers(built.answers), version=version)
        response = HttpResponse(document, content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{basename}.{fmt}"'
    return response


def export(request, fmt):
    answers = Questionnaire(request.session).finished_answers()
    if answers is None:
        return redirect("diagnostic:index")
    organisation = member_organisation(request.user)
    name = organisation.name if organisation else ""
    built = report.build(answers, organisation_name=name)
    return _export_response(built, fmt, f"autodiagnostic-spaser-{answers.year}")


@require_POST
def reset(request):
    Questionnaire(request.session).clear()
    messages.info(request, _("Vos réponses ont été effacées."))
    return redirect("diagnostic:index")


def _no_organisation(request):
    context = {
        "pending": organisations.pending_memberships(request.user).select_related("organisation"),
        **_crumbs(_("Organisation requise")),
    }
    return render(request, "diagnostic/no_organisation.html", context, status=403)


def _organisation_or_403(request, pk=None):
    organisation = member_organisation(request.user, pk)
    if organisation is None:
        return None, _no_organisation(request)
    return organisation, None


@login_required
@require_POST
def save(request):
    chosen = request.POST.get("organisation", "")
    organisation, denied = _organisation_or_403(
        request, chosen if chosen.isascii() and chosen.isdigit() else None
    )
    if denied:
        return denied
    questionnaire = Questionnaire(request.session)
    answers = questionnaire.finished_answers()
    if answers is None:
        return redirect("diagnostic:index")
    assessment = Assessment.save_new_version(
        organisation,
        answers,
        request.user,
        source="decp" if questionnaire.decp else "questionnaire",
    )
    messages.success(
        request,
        _("L'autodiagnostic %(year)s de %(name)s a été enregistré (version %(version)s).")
        % {"year": answers.year, "name": organisation.name, "version": assessment.version},
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
    chosen = request.GET.get("organisation", "")
    if chosen:
        if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 12):
            raise Http404
        organisation = organisations.readable_organisations(request.user).filter(pk=chosen).first()
        if organisation is None:
            raise Http404
    else:
        organisation, denied = _organisation_or_403(request)
        if denied:
            return denied
    versions = list(
        Assessment.objects.filter(organisation=organisation)
        .select_related("created_by")
        .order_by("year", "version")
    )
    latest = {a.year: a for a in versions}  # the last version of each year
    assessments = list(latest.values())
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
        "versions": sorted(versions, key=lambda a: (-a.year, -a.version)),
        "series": series,
        **_crumbs(_("Historique de %(name)s") % {"name": organisation.name}),
    }
    return render(request, "diagnostic/history.html", context)


def _own_assessment(request, pk):
    """An assessment of an organisation the user may read (verified member, or staff)."""
    queryset = Assessment.objects.select_related("organisation", "organisation__kind", "created_by")
    return get_object_or_404(organisations.readable(request.user, queryset), pk=pk)


@login_required
def assessment_detail(request, pk):
    assessment = _own_assessment(request, pk)
    answers = assessment.typed_answers
    context = _report_context(
        answers,
        assessment.organisation.name,
        prefix=f"a{assessment.pk}",
        organisation=assessment.organisation,
    )
    context.update(
        {
            "assessment": assessment,
            "previous_versions": assessment.previous_versions().select_related("created_by"),
            "organisation": assessment.organisation,
            "is_member": True,
            "saved": assessment,
            "pdf_url": reverse("diagnostic:assessment_export", args=[assessment.pk, "pdf"]),
            "csv_url": reverse("diagnostic:assessment_export", args=[assessment.pk, "csv"]),
            **_crumbs(
                str(assessment.year),
                {
                    "url": reverse("diagnostic:history")
                    + f"?organisation={assessment.organisation_id}",
                    "title": _("Historique"),
                },
            ),
        }
    )
    return render(request, "diagnostic/result.html", context)


@login_required
def assessment_export(request, pk, fmt):
    assessment = _own_assessment(request, pk)
    built = report.build(assessment.typed_answers, organisation_name=assessment.organisation.name)
    basename = (
        f"autodiagnostic-{slugify(assessment.organisation.name)}-{assessment.year}"
        f"-v{assessment.version}"
    )
    return _export_response(built, fmt, basename, version=assessment)


@login_required
def decp_import(request):
    """The upload form: the file is stored and read by the worker (diagnostic/imports.py)."""
    if not is_member(request.user):
        return _verified_address_required(request)
    organisation = member_organisation(request.user)
    if request.method == "POST":
        form = DecpImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload, buyer, year = (form.cleaned_data[k] for k in ("file", "siret", "year"))
            decp_import = tasks.start_import(upload, organisation, request.user, buyer, year)
            return redirect("diagnostic:decp_import_detail", decp_import.pk)
    else:
        form = DecpImportForm(initial={"siret": organisation.siren if organisation else ""})
    context = {
        "form": form,
        "organisation": organisation,
        "imports": _visible_imports(request.user)[:10],
        **_crumbs(_("Import des données essentielles (DECP)")),
    }
    return render(request, "diagnostic/decp_import.html", context)


def _verified_address_required(request):
    return render(
        request,
        "diagnostic/no_organisation.html",
        _crumbs(_("Adresse vérifiée requise")),
        status=403,
    )


def _visible_imports(user):
    """An organisation's imports are its verified members' (and staff's); one made without an
    organisation is its author's only."""
    visible = Q(organisation__isnull=True, created_by=user) | Q(
        organisation__in=organisations.organisations_for(user).values("pk")
    )
    return DecpImport.objects.filter(visible)


def _own_import(request, pk):
    if organisations.is_staff(request.user):
        return get_object_or_404(DecpImport, pk=pk)
    return get_object_or_404(_visible_imports(request.user), pk=pk)


@login_required
def decp_import_detail(request, pk):
    """Progress while the worker reads the file (« Actualiser » without JavaScript, a polite
    live region with it), then the counts or the error."""
    if not is_member(request.user):
        return _verified_address_required(request)
    decp_import = _own_import(request, pk)
    questionnaire = Questionnaire(request.session)
    form = None
    if decp_import.status == DecpImport.Status.DONE:
        questionnaire.apply_decp_import(decp_import)
    elif decp_import.status == DecpImport.Status.FAILED:
        form = DecpImportForm(initial={"siret": decp_import.buyer, "year": decp_import.year or ""})
    context = {
        "decp_import": decp_import,
        "summary": decp_import.summary if decp_import.status == DecpImport.Status.DONE else None,
        "form": form,
        "status_url": reverse("diagnostic:decp_import_status", args=[decp_import.pk]),
        "questionnaire_step": questionnaire.first_missing() or "indicateurs",
        **_crumbs(
            decp_import.file_name,
            {
                "url": reverse("diagnostic:decp_import"),
                "title": _("Import des données essentielles (DECP)"),
            },
        ),
    }
    response = render(request, "diagnostic/decp_import_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def decp_import_status(request, pk):
    """What the progress bar polls."""
    if not is_member(request.user):
        raise Http404
    decp_import = _own_import(request, pk)
    response = JsonResponse(
        {
            "status": decp_import.status,
            "status_label": str(decp_import.get_status_display()),
            "percent": decp_import.percent,
            "bytes_read": decp_import.bytes_read,
            "size": decp_import.size,
            "finished": decp_import.finished,
        }
    )
    response["Cache-Control"] = "no-store"
    return response
