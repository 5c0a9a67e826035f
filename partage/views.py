"""« Documents partagés »: the listing and a page per document, the download, the contribution
form, « Mes contributions » and the curators' queue.

Access (partage.permissions): anonymous visitors are sent to log in for what needs an account;
a document the visitor may not read is a 404 (a reserved document's existence is not revealed);
a page only curators use is a 403 for other members.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import organisations
from portal.models import filter_by_taxonomy
from portal.numbers import page_number
from portal.page_cache import cached_page

from . import permissions, services
from .forms import ContributionForm, DocumentFilterForm, PublishForm, RefuseForm
from .models import CONSIDERATION_FIELDS, SharedDocument, Status

PER_PAGE = 20
QUEUE_RECENT = 50


def _index_link():
    return {"url": reverse("partage:index"), "title": _("Documents partagés")}


def _paginate(request, queryset):
    paginator = Paginator(queryset, PER_PAGE)
    page_obj = paginator.get_page(page_number(request.GET.get("page")))
    page_obj.pages_list = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )
    return page_obj


def _filtered(documents, data):
    documents = filter_by_taxonomy(documents, data)
    if data.get("kind"):
        documents = documents.filter(kind=data["kind"])
    if data.get("consideration"):
        documents = documents.filter(**{CONSIDERATION_FIELDS[data["consideration"]]: True})
    if data.get("fiabilite"):
        documents = documents.filter(reliability=data["fiabilite"])
    return documents


@cached_page
@require_GET
def index(request):
    form = DocumentFilterForm(request.GET or None)
    form.is_valid()  # an unknown value in the URL is ignored (and said), never a 500
    data = getattr(form, "cleaned_data", {})
    documents = _filtered(permissions.visible_documents(request.user), data)
    page_obj = _paginate(request, documents.for_cards().order_by("-published_at", "-pk"))
    return render(
        request,
        "partage/index.html",
        {
            "filter_form": form,
            "page_obj": page_obj,
            "documents": page_obj.object_list,
            "is_filtered": any(data.values()),
            "can_contribute": permissions.can_contribute(request.user),
            "reads_reserved": permissions.reads_reserved(request.user),
            "breadcrumb_current": _("Documents partagés"),
        },
    )


def _readable(request, pk):
    return get_object_or_404(
        permissions.readable_documents(request.user).for_cards().select_related("contributor"),
        pk=pk,
    )


@cached_page
@require_GET
def detail(request, pk):
    document = _readable(request, pk)
    return render(
        request,
        "partage/detail.html",
        {
            "document": document,
            "can_withdraw": permissions.can_withdraw(request.user, document),
            "is_curator": permissions.is_curator(request.user),
            "breadcrumb_links": [_index_link()],
            "breadcrumb_current": document.title,
        },
    )


@require_GET
def download(request, pk):
    """The file, only to whom may read the document: never from a public media address."""
    document = _readable(request, pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=document.filename)
    if document.is_published and not document.is_reserved:
        response["Cache-Control"] = "no-cache"  # a withdrawn document is not served from a copy
    else:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request):
    choices = organisations.organisations_for(request.user).order_by("name")
    if not choices:
        return render(
            request,
            "partage/not_verified.html",
            {
                "breadcrumb_links": [_index_link()],
                "breadcrumb_current": _("Proposer un document"),
            },
            status=403,
        )
    acting = organisations.acting_organisation(request.user)
    if request.method == "POST":
        form = ContributionForm(
            request.POST, request.FILES, organisations=choices, contributor=request.user
        )
        if form.is_valid():
            with transaction.atomic():
                document = form.save(commit=False)
                document.contributor = request.user
                document.status = Status.PENDING
                document.save()
                form.save_m2m()
                services.submitted(document)
            messages.success(
                request,
                _(
                    "Merci ! « %(title)s » attend la relecture d'un curateur : vous serez "
                    "prévenu par courriel de sa publication."
                )
                % {"title": document.title},
            )
            return redirect("partage:mine")
    else:
        form = ContributionForm(
            organisations=choices,
            contributor=request.user,
            initial={
                "organisation": acting,
                "collectivite_types": [acting.kind_id] if acting else [],
            },
        )
    return render(
        request,
        "partage/contribute.html",
        {
            "form": form,
            "file_sent": bool(request.FILES),
            "breadcrumb_links": [_index_link()],
            "breadcrumb_current": _("Proposer un document"),
        },
    )


@login_required
@require_GET
def mine(request):
    documents = (
        SharedDocument.objects.filter(contributor=request.user)
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "partage/mine.html",
        {
            "documents": documents,
            "can_contribute": permissions.can_contribute(request.user),
            "breadcrumb_links": [_index_link()],
            "breadcrumb_current": _("Mes contributions"),
        },
    )


@login_required
@require_POST
def withdraw(request, pk):
    document = get_object_or_404(SharedDocument, pk=pk, contributor=request.user)
    document, done = services.withdraw(document, request.user)
    if done:
        messages.success(
            request,
            _("« %(title)s » est retiré : il n'apparaît plus sur le portail.")
            % {"title": document.title},
        )
    else:
        messages.info(request, _("Ce document n'était plus en attente ni publié."))
    return redirect("partage:mine")


def _require_curator(request):
    if not permissions.is_curator(request.user):
        raise PermissionDenied


@login_required
@require_GET
def queue(request):
    _require_curator(request)
    base = SharedDocument.objects.select_related("organisation", "contributor")
    return render(
        request,
        "partage/queue.html",
        {
            "pending": list(base.filter(status=Status.PENDING).order_by("created_at", "pk")),
            "published": list(
                base.filter(status=Status.PUBLISHED).order_by("-decided_at", "-pk")[:QUEUE_RECENT]
            ),
            "breadcrumb_links": [_index_link()],
            "breadcrumb_current": _("Documents à relire"),
        },
    )


@login_required
@require_GET
def decide(request, pk):
    return _decision(request, pk)


@login_required
@require_POST
def publish(request, pk):
    return _decision(request, pk, action="publier")


@login_required
@require_POST
def refuse(request, pk):
    return _decision(request, pk, action="refuser")


def _decision(request, pk, action=None):
    """The document as its curator reviews it, with the two decisions; a decision that does
    not validate shows the page again with its message and what was typed."""
    _require_curator(request)
    document = get_object_or_404(
        SharedDocument.objects.for_cards().select_related("contributor", "reviewed_by"), pk=pk
    )
    publish_form = PublishForm(
        initial={"reliability": document.reliability} if document.reliability else None
    )
    refuse_form = RefuseForm()
    if action == "publier":
        publish_form = PublishForm(request.POST)
        if publish_form.is_valid():
            document, done = services.publish(
                document, request.user, publish_form.cleaned_data["reliability"]
            )
            _said(request, done, _("« %(title)s » est publié (%(level)s)."), document)
            return redirect("partage:queue")
    elif action == "refuser":
        refuse_form = RefuseForm(request.POST)
        if refuse_form.is_valid():
            document, done = services.refuse(
                document, request.user, refuse_form.cleaned_data["reason"]
            )
            _said(
                request,
                done,
                _("« %(title)s » est refusé ; le motif a été envoyé au contributeur."),
                document,
            )
            return redirect("partage:queue")
    return render(
        request,
        "partage/decide.html",
        {
            "document": document,
            "publish_form": publish_form,
            "refuse_form": refuse_form,
            "can_decide": document.status in (Status.PENDING, Status.PUBLISHED),
            "breadcrumb_links": [
                _index_link(),
                {"url": reverse("partage:queue"), "title": _("Documents à relire")},
            ],
            "breadcrumb_current": document.title,
        },
    )


def _said(request, done, text, document):
    if done:
        messages.success(
            request,
            text % {"title": document.title, "level": document.get_reliability_display()},
        )
    else:
        messages.info(
            request, _("Ce document a été retiré ou décidé entre-temps : rien n'a changé.")
        )
