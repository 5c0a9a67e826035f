from django import template

register = template.Library()

# The site's root page is at depth 1 and the home page at depth 2: the trail starts below them.
TRAIL_START_DEPTH = 3


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the home page, top first.

    A page reached by routing (portal.routing) already holds its parents: the trail is read from
    them instead of querying the tree again.
    """
    needed = max(page.depth - TRAIL_START_DEPTH, 0)
    trail = []
    parent = getattr(page, "_cached_parent_obj", None)
    while parent is not None and len(trail) < needed:
        trail.append(parent)
        parent = getattr(parent, "_cached_parent_obj", None)
    if len(trail) < needed:
        return list(page.get_ancestors().filter(depth__gte=TRAIL_START_DEPTH))
    return trail[::-1]


@register.filter
def leads_to(link, path):
    """Whether a main-navigation entry (`portal.site_chrome.Link`) is the current section."""
    return link.leads_to(path)
