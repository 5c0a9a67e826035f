"""The site-wide search page (every app's index) and the title autocompletion endpoint."""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from haystack import connections
from haystack.exceptions import NotHandled
from haystack.inputs import AutoQuery
from haystack.query import SearchQuerySet

from . import page_cache
from .models import Theme
from .numbers import page_number
from .page_cache import cached_page
from .pagination import with_page_links
from .search import models_with_documents

KINDS = {
    "fiche": gettext_lazy("Fiche SPASER"),
    "webinaire": gettext_lazy("Webinaire"),
    "clause": gettext_lazy("Clause type"),
    "forum": gettext_lazy("Forum"),
    "facilitateur": gettext_lazy("Facilitateur ou réseau"),
    "document": gettext_lazy("Document partagé"),
    "registre": gettext_lazy("SPASER adopté"),
}
RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000


class _FetchedPage(Sequence):
    """One page of hits standing for the whole result list, so that Django's `Paginator` pages
    through a search without running it again for the count."""

    def __init__(self, hits, start, total):
        self.hits, self.start, self.total = hits, start, total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and index.start == self.start:
            return self.hits
        raise IndexError(index)


def results_page(sqs, number, user):
    """The page `number` of `sqs`, from one backend query: the hits, their total and the facets
    all come from it. Past the last page, the first page (one more query, as rare as the link).
    Only the hits `user` may open are kept (`visible`)."""
    number = page_number(number, maximum=MAX_PAGE)
    start = (number - 1) * RESULTS_PER_PAGE
    hits = list(sqs[start : start + RESULTS_PER_PAGE])
    if not hits and number > 1:
        return results_page(sqs.all(), "1", user)
    paginator = Paginator(_FetchedPage(hits, start, sqs.count()), RESULTS_PER_PAGE)
    page = with_page_links(paginator.page(number))
    page.object_list = visible(hits, user)
    return page


def _kind_label(kind):
    return str(KINDS.get(kind, kind))


def for_visitor(sqs, user):
    """`sqs` narrowed to what `user` may read, for the indexes holding documents that some
    visitors may not see (each declares `narrow_for(sqs, user)`): the hits, the total, the facets
    and the suggestion then count only those, never a reserved document."""
    unified = connections["default"].get_unified_index()
    for index in unified.get_indexes().values():
        narrow = getattr(index, "narrow_for", None)
        if narrow is not None:
            sqs = narrow(sqs, user)
    return sqs


def visible(results, user):
    """The results this visitor may open, whatever their kind: each index's `visible_to(user)`
    re-checks its hits against the database (one query per kind on the page), so an index
    behind the database never shows what the visitor may not open. The page shows what the index
    holds (hits, totals, facets): a change of any model it holds or depends on may move it."""
    page_cache.depends_on(models_with_documents())
    results = list(results)
    wanted = {}
    for result in results:
        if result.model is not None:
            wanted.setdefault(result.model, set()).add(result.pk)
    unified = connections["default"].get_unified_index()
    allowed = {}
    for model, keys in wanted.items():
        try:
            index = unified.get_index(model)
        except NotHandled:
            continue
        queryset = index.visible_to(user).filter(pk__in=keys)
        allowed[model] = {str(pk) for pk in queryset.values_list("pk", flat=True)}
    return [result for result in results if str(result.pk) in allowed.get(result.model, ())]


@cached_page
@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    theme = Theme.objects.filter(slug=request.GET.get("theme", "")).first()

    context = {
        "query": query,
        "kind": kind,
        "kind_label": _kind_label(kind) if kind else "",
        "theme": theme,
        "breadcrumb_current": _("Recherche"),
        "autocomplete_url": reverse("search_autocomplete"),
    }
    if query:
        # Each narrowing below returns a copy: `matching` itself is never run.
        matching = for_visitor(SearchQuerySet().filter(content=AutoQuery(query)), request.user)
        sqs = matching
        if kind:
            sqs = sqs.narrow(f'kind_exact:"{kind}"')
        if theme:
            sqs = sqs.narrow('themes_exact:"{}"'.format(theme.name.replace('"', "")))
        sqs = sqs.highlight().facet("kind").facet("themes")
        page_obj = results_page(sqs, request.GET.get("page", ""), request.user)
        for result in page_obj.object_list:
            result.kind_label = _kind_label(getattr(result, "kind", "") or "")
        facets = sqs.facet_counts().get("fields", {})
        themes_by_name = {t.name: t for t in Theme.objects.all()}
        context.update(
            page_obj=page_obj,
            results=page_obj.object_list,
            total=page_obj.paginator.count,
            kind_facets=[
                {"value": value, "label": _kind_label(value), "count": count}
                for value, count in facets.get("kind", [])
                if value and count
            ],
            theme_facets=[
                {"slug": themes_by_name[name].slug, "label": name, "count": count}
                for name, count in facets.get("themes", [])
                if name in themes_by_name and count
            ],
        )
        if not page_obj.paginator.count:
            # The only search that asks the backend for a suggestion.
            suggestion = (matching.spelling_suggestion(query) or "").strip()
            # Suggested words come from the whole index: offered only when they find something
            # this visitor may read, so no word of a reserved document is revealed.
            if (
                suggestion
                and suggestion.lower() != query.lower()
                and for_visitor(
                    SearchQuerySet().filter(content=AutoQuery(suggestion)), request.user
                ).count()
            ):
                context["suggestion"] = suggestion
    return render(request, "portal/search.html", context)


@cached_page
@require_GET
def autocomplete(request):
    """Titles that start like the typed words: `{"results": [{"title", "url", "kind"}]}`."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if len(query) < 2:
        return JsonResponse({"results": []})
    sqs = for_visitor(SearchQuerySet(), request.user).autocomplete(title_auto=query)
    results = visible(sqs[:8], request.user)
    return JsonResponse(
        {
            "results": [
                {"title": result.title, "url": result.url, "kind": result.kind}
                for result in results
            ]
        }
    )
