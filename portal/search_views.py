"""The site-wide search page (every app's index) and the title autocompletion endpoint."""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from haystack.inputs import AutoQuery
from haystack.query import SearchQuerySet
from wagtail.models import Page

from .models import Theme
from .page_cache import cached_page

KINDS = {
    "fiche": gettext_lazy("Fiche SPASER"),
    "webinaire": gettext_lazy("Webinaire"),
    "clause": gettext_lazy("Clause type"),
    "forum": gettext_lazy("Forum"),
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


def results_page(sqs, number):
    """The page `number` of `sqs`, from one backend query: the hits, their total and the facets
    all come from it. Past the last page, the first page (one more query, as rare as the link)."""
    number = int(number) if number.isascii() and number.isdigit() else 1
    number = min(max(number, 1), MAX_PAGE)
    start = (number - 1) * RESULTS_PER_PAGE
    hits = list(sqs[start : start + RESULTS_PER_PAGE])
    if not hits and number > 1:
        return results_page(sqs.all(), "1")
    paginator = Paginator(_FetchedPage(hits, start, sqs.count()), RESULTS_PER_PAGE)
    return paginator.page(number)


def _kind_label(kind):
    return str(KINDS.get(kind, kind))


def visible(results):
    """Drops page results whose page is no longer live and public (index behind the database)."""
    results = list(results)
    page_ids = {}
    for result in results:
        model = result.model
        if model is not None and issubclass(model, Page):
            page_ids.setdefault(int(result.pk), result)
    if not page_ids:
        return results
    live = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
    return [
        result
        for result in results
        if result.model is None or not issubclass(result.model, Page) or int(result.pk) in live
    ]


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
        sqs = SearchQuerySet().filter(content=AutoQuery(query))
        if kind:
            sqs = sqs.narrow(f'kind_exact:"{kind}"')
        if theme:
            sqs = sqs.narrow('themes_exact:"{}"'.format(theme.name.replace('"', "")))
        sqs = sqs.highlight().facet("kind").facet("themes")
        page_obj = results_page(sqs, request.GET.get("page", ""))
        page_obj.object_list = visible(page_obj.object_list)
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
            suggestion = sqs.spelling_suggestion()
            if suggestion and suggestion.strip().lower() != query.lower():
                context["suggestion"] = suggestion.strip()
    return render(request, "portal/search.html", context)


@cached_page
@require_GET
def autocomplete(request):
    """Titles that start like the typed words: `{"results": [{"title", "url", "kind"}]}`."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if len(query) < 2:
        return JsonResponse({"results": []})
    results = visible(SearchQuerySet().autocomplete(title_auto=query)[:8])
    return JsonResponse(
        {
            "results": [
                {"title": result.title, "url": result.url, "kind": result.kind}
                for result in results
            ]
        }
    )
