"""The site map: every published public page (Wagtail's tree) and the application's own sections.

Two readers share it: `/sitemap.xml` for search engines (Wagtail's sitemap for the pages, plus
`AppViewsSitemap`), and `/plan-du-site/` for people (RGAA 12.1: a second way to reach every page
besides the menu).
"""

from dataclasses import dataclass, field

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

# The application's public entry points (not Wagtail pages), in the order the plan shows them.
APP_VIEWS = [
    ("search", _("Rechercher sur le site")),
    ("forum:index", _("Forum d'entraide")),
    ("partage:index", _("Documents partagés")),
    ("diagnostic:index", _("Autodiagnostic SPASER")),
    ("territoires:finder", _("Trouver un facilitateur")),
    ("registre:index", _("Les SPASER adoptés")),
    ("promotions:index", _("Promotions")),
    ("portal:legal_changes", _("Ce qui a changé")),
    ("portal:privacy", _("Données personnelles")),
    ("portal:site_map", _("Plan du site")),
]


def app_views():
    """(url, label) of each application section that exists in this deployment."""
    links = []
    for name, label in APP_VIEWS:
        try:
            links.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return links


class AppViewsSitemap(DjangoSitemap):
    """The application's sections in `/sitemap.xml`, beside Wagtail's pages."""

    changefreq = "weekly"

    def items(self):
        return [url for url, _label in app_views()]

    def location(self, item):
        return item


@dataclass
class Node:
    title: str
    url: str
    children: list = field(default_factory=list)


def page_tree(request):
    """The site's published public pages as nested nodes, from the home page down."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    pages = (
        site.root_page.get_descendants(inclusive=True)
        .live()
        .public()
        .order_by("path")
        .only("id", "path", "depth", "title", "url_path", "slug")
    )
    root, stack = None, []
    for page in pages:
        node = Node(page.title, page.get_url(request, current_site=site) or "")
        while stack and not page.path.startswith(stack[-1][0]):
            stack.pop()
        if stack:
            stack[-1][1].children.append(node)
        else:
            root = node
        stack.append((page.path, node))
    return root
