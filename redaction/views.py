"""« Rédiger mon SPASER »: start a draft, a guided editor in steps (no JavaScript), the compliance
check, versions, exports and read-only sharing with a mentor.

Access (redaction.permissions): anonymous visitors are sent to log in; someone who may not read
a draft gets a 404 (its existence is not revealed); staff read and export but do not write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from diagnostic.questionnaire import Questionnaire
from portal.public_url import absolute_url

from . import compliance, document, exports, permissions, services
from .forms import (
    AxisForm,
    ContexteForm,
    GouvernanceForm,
    IndicatorsForm,
    NewDraftForm,
    ShareForm,
)
from .models import Draft, DraftShare, DraftVersion

STEPS = [
    ("contexte", gettext_lazy("Contexte et ambition")),
    ("social", gettext_lazy("Objectifs sociaux")),
    ("ecologique", gettext_lazy("Objectifs écologiques")),
    ("circulaire", gettext_lazy("Économie circulaire")),
    ("indicateurs", gettext_lazy("Indicateurs et cibles")),
    ("gouvernance", gettext_lazy("Gouvernance et suivi")),
]
STEP_SLUGS = [slug for slug, _title in STEPS]
STEP_TITLES = dict(STEPS)
EXPORTS = {
    "docx": (exports.to_docx, exports.DOCX_CONTENT_TYPE),
    "odt": (exports.to_odt, exports.ODT_CONTENT_TYPE),
    "pdf": (exports.to_pdf, exports.PDF_CONTENT_TYPE),
}


def _crumbs(current, draft=None):
    links = [{"url": reverse("redaction:index"), "title": _("Rédiger mon SPASER")}]
    if draft is not None:
        links.append({"url": reverse("redaction:draft", args=[draft.pk]), "title": draft.title})
    return {"breadcrumb_current": current, "breadcrumb_links": links}


def _draft(pk):
    return get_object_or_404(Draft.objects.select_related("organisation", "created_by"), pk=pk)


def _readable(request, pk):
    draft = _draft(pk)
    if not permissions.can_read(request.user, draft):
        raise Http404
    return draft


def _editable(request, pk):
    """The draft if `request.user` may write it; staff get a 403 page, others a 404."""
    draft = _draft(pk)
    if permissions.can_edit(request.user, draft):
        return draft, None
    if permissions.can_read(request.user, draft):
        return None, render(
            request,
            "redaction/read_only.html",
            {"draft": draft, **_crumbs(_("Lecture seule"), draft)},
            status=403,
        )
    raise Http404


@login_required
def index(request):
    organisations = permissions.acting_organisations(request.user)
    staff = permissions.is_staff(request.user)
    if not organisations and not staff:
        return render(
            request,
            "redaction/no_organisation.html",
            _crumbs(_("Rédiger mon SPASER")),
            status=403,
        )
    form = NewDraftForm(organisations=organisations)
    if request.method == "POST":
        if not organisations:
            raise Http404
        form = NewDraftForm(request.POST, organisations=organisations)
        if form.is_valid():
            organisation = next(
                o for o in organisations if o.pk == form.cleaned_data["organisation"]
            )
            draft = services.start_draft(
                organisation,
                form.cleaned_data["period_start"],
                form.cleaned_data["period_end"],
                request.user,
                # The self-assessment the member has just completed in this visit, if any.
                answers=Questionnaire(request.session).finished_answers(),
            )
            messages.success(
                request,
                _("Projet « %(title)s » créé, pré-rempli avec ce que le portail sait de vous.")
                % {"title": draft.title},
            )
            return redirect("redaction:step", pk=draft.pk, slug=STEP_SLUGS[0])
    drafts = services.drafts_of(organisations) if organisations else Draft.objects.none()
    if staff and not organisations:
        drafts = Draft.objects.select_related("organisation").order_by("-updated_at", "-pk")
    context = {
        "form": form,
        "organisations": organisations,
        "drafts": list(drafts[:100]),
        "staff": staff,
        "breadcrumb_current": _("Rédiger mon SPASER"),
    }
    return render(request, "redaction/index.html", context)


def _step_form(draft, slug, data=None):
    content = draft.data
    section = content[slug]
    initial = None
    kwargs = {}
    if slug == "contexte":
        form_class = ContexteForm
    elif slug == "gouvernance":
        form_class = GouvernanceForm
    elif slug == "indicateurs":
        form_class = IndicatorsForm
        kwargs["years"] = draft.years
    else:
        form_class = AxisForm
        if data is None:
            _fiches, clauses = services.proposals(
                slug, section.get("familles") or [], section.get("clauses") or []
            )
        else:
            # Any published clause of the axis may be ticked, whatever the families sent.
            clauses = services.axis_clauses(slug, section.get("clauses") or [])
        kwargs.update(axis=slug, familles=services.familles(), clauses=clauses)
    if data is None:
        initial = form_class.initial_from(section)
        initial["base_version"] = draft.version_count
        return form_class(initial=initial, **kwargs)
    return form_class(data, **kwargs)


@login_required
def step(request, pk, slug):
    if slug not in STEP_SLUGS:
        raise Http404
    draft, denied = _editable(request, pk)
    if denied:
        return denied
    position = STEP_SLUGS.index(slug)
    if request.method == "POST":
        form = _step_form(draft, slug, request.POST)
        if form.is_valid():
            content = draft.data
            content[slug] = {**content[slug], **form.to_content()}
            base = form.cleaned_data.get("base_version")
            if base is not None and base != draft.version_count:
                messages.warning(
                    request,
                    _(
                        "Quelqu'un a enregistré ce projet pendant que vous l'écriviez : votre "
                        "version est enregistrée, la sienne reste dans l'historique."
                    ),
                )
            if content == draft.data:
                messages.info(request, _("Aucune modification à enregistrer."))
            else:
                version = draft.save_version(content, request.user, slug)
                messages.success(
                    request,
                    _("« %(step)s » enregistré (version %(n)s).")
                    % {"step": STEP_TITLES[slug], "n": version.number},
                )
            action = request.POST.get("action")
            if action == "next" and position + 1 < len(STEPS):
                return redirect("redaction:step", pk=draft.pk, slug=STEP_SLUGS[position + 1])
            if action == "next":
                return redirect("redaction:check", pk=draft.pk)
            return redirect("redaction:step", pk=draft.pk, slug=slug)
        messages.error(
            request,
            _("Rien n'est enregistré : corrigez les champs signalés, votre saisie est conservée."),
        )
    else:
        form = _step_form(draft, slug)
    fiches, clauses = [], []
    if slug in compliance.AXES:
        chosen = form.cleaned_data.get("familles") if form.is_bound and form.is_valid() else None
        section = draft.data[slug]
        fiches, clauses = services.proposals(
            slug,
            chosen if chosen is not None else section.get("familles") or [],
            section.get("clauses") or [],
        )
    context = {
        "draft": draft,
        "form": form,
        "slug": slug,
        "title": STEP_TITLES[slug],
        "steps": STEPS,
        "position": position + 1,
        "total": len(STEPS),
        "next_title": STEP_TITLES[STEP_SLUGS[position + 1]]
        if position + 1 < len(STEPS)
        else _("Vérification"),
        "fiches": fiches,
        "clause_pages": {c.pk: c for c in clauses},
        "prefill": draft.prefill if slug == "contexte" else None,
        "can_edit": True,
        "warnings": draft.compliance().warnings if slug == "indicateurs" else [],
        **_crumbs(STEP_TITLES[slug], draft),
    }
    return render(request, "redaction/step.html", context)


def _document(draft, check=None):
    data = draft.data
    attached = services.attached_clauses(data)
    clauses = {
        axis: [
            document.AnnexClause(
                title=page.title,
                description=_(
                    "Clause %(type)s — %(kind)s — fondement : art. %(article)s du code de la "
                    "commande publique"
                )
                % {
                    "type": page.get_clause_type_display(),
                    "kind": page.get_kind_display(),
                    "article": page.legal_basis,
                },
                text=page.clause_text,
                source=absolute_url(page.url or ""),
            )
            for page in pages
        ]
        for axis, pages in attached.items()
    }
    return document.build(
        title=draft.title,
        organisation=draft.organisation.name,
        start=draft.period_start,
        end=draft.period_end,
        data=data,
        familles=services.famille_names(data),
        clauses=clauses,
        check=check,
    )


def _overview(request, draft, *, share=None):
    check = draft.compliance()
    context = {
        "draft": draft,
        "doc": _document(draft),
        "check": check,
        "steps": STEPS,
        "can_edit": share is None and permissions.can_edit(request.user, draft),
        "share": share,
        # Once voted, the draft becomes an entry of the registry of adopted SPASERs.
        "adopted_entry": None
        if share is not None
        else draft.adopted_schemes.order_by("-pk").first(),
        **_crumbs(draft.title),
    }
    return render(request, "redaction/draft.html", context)


@login_required
def draft_detail(request, pk):
    return _overview(request, _readable(request, pk))


@login_required
def check(request, pk):
    draft = _readable(request, pk)
    result = draft.compliance()
    context = {
        "draft": draft,
        "check": result,
        "step_titles": STEP_TITLES,
        "can_edit": permissions.can_edit(request.user, draft),
        "steps": STEPS,
        **_crumbs(_("Vérification"), draft),
    }
    return render(request, "redaction/check.html", context)


@login_required
@require_POST
def to_assessment(request, pk):
    """Ticks, in the self-assessment questionnaire of this visit, the contents the draft has."""
    draft, denied = _editable(request, pk)
    if denied:
        return denied
    Questionnaire(request.session).record(
        "contenus", {"contents": draft.compliance().assessment_contents()}
    )
    messages.success(
        request,
        _("Les contenus que votre projet contient sont cochés dans l'autodiagnostic."),
    )
    return redirect("diagnostic:step", slug="contenus")


@login_required
def versions(request, pk):
    draft = _readable(request, pk)
    rows = list(
        DraftVersion.objects.filter(draft=draft)
        .select_related("saved_by")
        .only("number", "step", "saved_at", "restored_from", "saved_by", "draft_id")
        .order_by("-number")[:200]
    )
    context = {
        "draft": draft,
        "versions": rows,
        "step_titles": {
            **STEP_TITLES,
            "creation": _("création"),
            "restauration": _("restauration"),
        },
        "can_edit": permissions.can_edit(request.user, draft),
        "steps": STEPS,
        **_crumbs(_("Versions"), draft),
    }
    return render(request, "redaction/versions.html", context)


@login_required
@require_POST
def restore(request, pk, number):
    draft, denied = _editable(request, pk)
    if denied:
        return denied
    version = get_object_or_404(DraftVersion, draft=draft, number=number)
    new = draft.save_version(version.content, request.user, "restauration", restored_from=number)
    messages.success(
        request,
        _("La version %(old)s est rétablie : elle devient la version %(new)s.")
        % {"old": number, "new": new.number},
    )
    return redirect("redaction:versions", pk=draft.pk)


def _export_response(draft, fmt):
    if fmt not in EXPORTS:
        raise Http404
    writer, content_type = EXPORTS[fmt]
    doc = _document(draft, check=draft.compliance())
    response = HttpResponse(writer(doc), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, f"{doc.filename}.{fmt}")
    return response


@login_required
def export(request, pk, fmt):
    return _export_response(_readable(request, pk), fmt)


@login_required
def share(request, pk):
    draft, denied = _editable(request, pk)
    if denied:
        return denied
    mentors = list(permissions.mentors_for(request.user))
    form = ShareForm(mentors=mentors)
    if request.method == "POST":
        form = ShareForm(request.POST, mentors=mentors)
        if form.is_valid():
            mentor = next(m for m in mentors if m.pk == form.cleaned_data["mentor"])
            with transaction.atomic():
                existing = DraftShare.objects.filter(
                    draft=draft, mentor=mentor, revoked_at__isnull=True
                ).first()
                created = existing or DraftShare.objects.create(
                    draft=draft, mentor=mentor, created_by=request.user
                )
            messages.success(
                request,
                _("Lien de lecture créé pour %(name)s.")
                % {"name": mentor.get_full_name() or mentor.email},
            )
            return redirect(f"{reverse('redaction:share', args=[draft.pk])}#partage-{created.pk}")
    shares = list(DraftShare.objects.filter(draft=draft).select_related("mentor", "created_by"))
    for item in shares:
        item.link = absolute_url(reverse("redaction:shared", args=[item.token]))
    context = {
        "draft": draft,
        "form": form,
        "mentors": mentors,
        "shares": shares,
        "steps": STEPS,
        "can_edit": True,
        **_crumbs(_("Partager avec un mentor"), draft),
    }
    return render(request, "redaction/share.html", context)


@login_required
@require_POST
def revoke(request, pk, share_pk):
    draft, denied = _editable(request, pk)
    if denied:
        return denied
    updated = DraftShare.objects.filter(pk=share_pk, draft=draft, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=request.user
    )
    if updated:
        messages.success(request, _("Le lien est révoqué : le mentor ne peut plus lire le projet."))
    return redirect("redaction:share", pk=draft.pk)


@login_required
def shared(request, token):
    found = permissions.share_for(request.user, token)
    if found is None:
        raise Http404
    return _overview(request, found.draft, share=found)
