"""« Les SPASER adoptés »: the public registry (listing with filters, a page per scheme, its
document), publication by a verified member of the organisation, edit, withdrawal, and
unpublication by a curator.

Access (registre.permissions): anyone reads a published entry; someone who may not read an entry
gets a 404 (its existence is not revealed); anonymous visitors who try to publish are sent to log
in; a member who may not act for any organisation gets a 403 page that says why.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.models import REGIONS, CollectiviteType
from portal.numbers import page_number, parse_int
from portal.page_cache import cached_page

from . import opendata, permissions, services
from .forms import FilterForm, SchemeForm, UnpublishForm
from .models import AdoptedScheme

PER_PAGE = 20
REGION_LABELS = dict(REGIONS)
OBLIGATION_LABELS = dict(AdoptedScheme.Obligation.choices)


def _crumbs(current, entry=None):
    links = [{"url": reverse("registre:index"), "title": _("Les SPASER adoptés")}]
    if entry is not None:
        links.append({"url": entry.get_absolute_url(), "title": entry.title})
    return {"breadcrumb_current": current, "breadcrumb_links": links}


def listing_filters(params):
    """The filters of the query string that name something that exists; the others are
    ignored. {name: value} plus the CollectiviteType chosen, if any."""
    chosen = {}
    kind = None
    slug = params.get("type", "")
    if slug and len(slug) <= 120:
        kind = CollectiviteType.objects.filter(slug=slug).first()
        if kind is not None:
            chosen["type"] = slug
    region = params.get("region", "")
    if region in REGION_LABELS:
        chosen["region"] = region
    year = parse_int(params.get("annee", ""), minimum=2014, maximum=2100, max_digits=4)
    if year is not None:
        chosen["annee"] = year
    obligation = params.get("obligation", "")
    if obligation in OBLIGATION_LABELS:
        chosen["obligation"] = obligation
    return chosen, kind


def filtered(queryset, chosen, kind):
    if kind is not None:
        queryset = queryset.filter(organisation__kind=kind)
    if "region" in chosen:
        queryset = queryset.filter(organisation__region=chosen["region"])
    if "annee" in chosen:
        queryset = queryset.filter(adopted_on__year=chosen["annee"])
    if "obligation" in chosen:
        queryset = queryset.filter(obligation=chosen["obligation"])
    return queryset


@cached_page
@require_GET
def index(request):
    chosen, kind = listing_filters(request.GET)
    entries = filtered(
        AdoptedScheme.objects.public().select_related("organisation", "organisation__kind"),
        chosen,
        kind,
    ).order_by("-adopted_on", "-pk")
    paginator = Paginator(entries, PER_PAGE)
    page_obj = paginator.get_page(page_number(request.GET.get("page")))
    years = sorted(
        set(
            AdoptedScheme.objects.public()
            .annotate(year=ExtractYear("adopted_on"))
            .values_list("year", flat=True)
            .distinct()
        ),
        reverse=True,
    )
    context = {
        "page_obj": page_obj,
        "entries": page_obj.object_list,
        "total": paginator.count,
        "is_filtered": bool(chosen),
        "filter_form": FilterForm(
            initial=chosen,
            kinds=CollectiviteType.objects.filter(
                organisations__adopted_schemes__in=AdoptedScheme.objects.public()
            ).distinct(),
            regions=REGIONS,
            years=years,
        ),
        "can_publish": bool(permissions.acting_organisations(request.user)),
        "breadcrumb_current": _("Les SPASER adoptés"),
    }
    return render(request, "registre/index.html", context)


def _entry(request, pk):
    entry = get_object_or_404(
        AdoptedScheme.objects.select_related("organisation", "organisation__kind"),
        pk=pk,
    )
    if not permissions.can_read(request.user, entry):
        raise Http404
    return entry


@cached_page
@require_GET
def detail(request, pk):
    entry = _entry(request, pk)
    can_edit = permissions.can_edit(request.user, entry)
    context = {
        "entry": entry,
        "can_edit": can_edit,
        "can_unpublish": permissions.can_unpublish(request.user, entry),
        "unpublish_form": UnpublishForm(),
        **_crumbs(entry.title),
    }
    return render(request, "registre/detail.html", context)


@require_GET
def document(request, pk, filename):
    entry = _entry(request, pk)
    if filename != entry.filename:
        raise Http404
    try:
        handle = entry.document.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=False, filename=entry.filename)
    if not entry.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def _no_organisation(request):
    return render(
        request,
        "registre/no_organisation.html",
        _crumbs(_("Publier un SPASER adopté")),
        status=403,
    )


def _draft_for(request, organisations):
    """The draft named by `?projet=` if it belongs to one of `organisations`, else None."""
    from redaction.models import Draft

    pk = parse_int(request.GET.get("projet", ""))
    if pk is None:
        return None
    return (
        Draft.objects.select_related("organisation")
        .filter(pk=pk, organisation__in=[o.pk for o in organisations])
        .first()
    )


@login_required
def publish(request):
    organisations = permissions.acting_organisations(request.user)
    if not organisations:
        return _no_organisation(request)
    draft = _draft_for(request, organisations)
    if request.method == "POST":
        form = SchemeForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            organisation = next(
                o for o in organisations if o.pk == form.cleaned_data["organisation"]
            )
            source = (
                draft if draft is not None and draft.organisation_id == organisation.pk else None
            )
            try:
                entry = services.publish(
                    organisation,
                    form.entry_values(),
                    form.cleaned_data["document"],
                    request.user,
                    source_draft=source,
                )
            except services.PeriodTaken as taken:
                form.add_error("period_end", taken.message())
            else:
                messages.success(
                    request,
                    _("Votre schéma est publié dans le registre des SPASER adoptés."),
                )
                return redirect(entry)
        messages.error(request, _error_message(form))
    else:
        initial = services.initial_from_draft(draft) if draft is not None else {}
        organisation = organisations[0]
        if draft is not None:
            organisation = draft.organisation
        obligation = services.obligation_from_assessments(organisation)
        if obligation:
            initial.setdefault("obligation", obligation)
        form = SchemeForm(initial=initial, organisations=organisations)
    entries = (
        AdoptedScheme.objects.filter(organisation__in=[o.pk for o in organisations])
        .select_related("organisation")
        .order_by("-adopted_on", "-pk")[:100]
    )
    context = {
        "form": form,
        "draft": draft,
        "entries": list(entries),
        "editing": False,
        **_crumbs(_("Publier un SPASER adopté")),
    }
    return render(request, "registre/form.html", context)


def _error_message(form):
    text = _("Rien n'est publié : corrigez les champs signalés, votre saisie est conservée.")
    if form.files.get("document") and "document" not in form.errors:
        text += " " + _("Un navigateur ne garde pas un fichier choisi : choisissez-le à nouveau.")
    return text


def _editable(request, pk):
    """The entry if `request.user` may edit it; 404 if they may not even read it, else 403."""
    entry = _entry(request, pk)
    if not permissions.can_edit(request.user, entry):
        raise PermissionDenied
    return entry


@login_required
def edit(request, pk):
    entry = _editable(request, pk)
    if request.method == "POST":
        form = SchemeForm(request.POST, request.FILES, editing=True)
        if form.is_valid():
            try:
                republished = services.update(
                    entry, form.entry_values(), form.cleaned_data.get("document"), request.user
                )
            except services.PeriodTaken as taken:
                form.add_error("period_end", taken.message())
            else:
                messages.success(
                    request,
                    _("Le schéma est publié à nouveau dans le registre.")
                    if republished
                    else _("Vos modifications sont publiées."),
                )
                return redirect(entry)
        messages.error(request, _error_message(form))
    else:
        form = SchemeForm(initial=SchemeForm.initial_from(entry), editing=True)
    context = {
        "form": form,
        "entry": entry,
        "editing": True,
        **_crumbs(_("Modifier"), entry),
    }
    return render(request, "registre/form.html", context)


@login_required
@require_POST
def withdraw(request, pk):
    entry = _editable(request, pk)
    if services.withdraw(entry, request.user):
        messages.success(
            request,
            _(
                "Le schéma est retiré du registre : il n'est plus visible que de votre organisation."
            ),
        )
    return redirect(entry)


@login_required
@require_POST
def unpublish(request, pk):
    entry = _entry(request, pk)
    if not permissions.can_curate(request.user):
        raise PermissionDenied
    form = UnpublishForm(request.POST)
    if form.is_valid():
        if services.unpublish(entry, request.user, form.cleaned_data["reason"]):
            messages.success(request, _("Le schéma est dépublié ; l'organisation voit le motif."))
        return redirect(entry)
    messages.error(request, _("Rien n'est dépublié : indiquez le motif."))
    context = {
        "entry": entry,
        "can_edit": permissions.can_edit(request.user, entry),
        "can_unpublish": permissions.can_unpublish(request.user, entry),
        "unpublish_form": form,
        **_crumbs(entry.title),
    }
    return render(request, "registre/detail.html", context, status=200)


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{opendata.LICENCE["url"]}>; rel="license"'
    return response


@cached_page
@require_GET
def export_csv(request):
    # A BOM so that spreadsheet software reads the accents as UTF-8.
    return _attachment(
        "\ufeff" + opendata.as_csv(), "text/csv; charset=utf-8", "spaser-adoptes.csv"
    )


@cached_page
@require_GET
def export_json(request):
    return _attachment(opendata.as_json(), "application/json", "spaser-adoptes.json")


@cached_page
@require_GET
def json_schema(request):
    path = settings.BASE_DIR / opendata.SCHEMA_PATH
    return HttpResponse(path.read_bytes(), content_type="application/schema+json")
