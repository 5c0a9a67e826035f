"""Find the page a URL names in one query, whatever its depth.

Wagtail's `Page.route` walks the tree one level at a time: for each path segment it looks up the
child by slug, then loads that child's specific model, two queries per level. A fiche two levels
under the home page cost six queries before any rendering, on every first view.

Every page's `url_path` is its parent's plus its slug (Wagtail keeps it so on moves and renames),
so the pages named by the successive prefixes of the requested path are exactly the chain the walk
would visit: one query fetches them all (found through their slugs, which are indexed), a second
loads the deepest one's specific model. The walk's meaning is kept: a page of the chain whose
model routes by itself (RoutablePageMixin, say) is handed the rest of the path as Wagtail would
hand it; a missing segment is a 404; the page reached decides, through its own `route`, whether
it is live.
"""

from django.http import Http404
from wagtail.models import Page


def route_below(root, request, path_components):
    """The RouteResult for `path_components` below `root` (the site's root page)."""
    prefixes = [
        root.url_path + "".join(f"{component}/" for component in path_components[:depth])
        for depth in range(1, len(path_components) + 1)
    ]
    # `url_path` has no index; `slug` has one, and each page of the chain has its segment as
    # slug: the query reads a few rows whatever the size of the tree.
    chain = {
        page.url_path: page
        for page in Page.objects.filter(
            slug__in=set(path_components), url_path__in=prefixes, depth__gt=root.depth
        )
    }
    parent = root
    for depth, prefix in enumerate(prefixes, start=1):
        page = chain.get(prefix)
        if page is None or page.depth != root.depth + depth:
            raise Http404
        page._cached_parent_obj = parent
        remaining = path_components[depth:]
        if not remaining or _routes_itself(page):
            return page.specific.route(request, remaining)
        parent = page


def _routes_itself(page):
    """Whether the page's model overrides the tree walk (its content type is already cached)."""
    model = page.specific_class
    return model is not None and model.route is not Page.route
