"""What the header and footer show on every page, read once per content version and language.

Every page shows the site settings in its header and footer: tagline, main navigation, contact,
social links, the accessibility and legal pages. Read from the database, they cost a settings
query plus a page lookup per link on every render, so a visitor's first view of any page paid for
them. They are kept here as plain values in the cache, under the content version that every edit
of the settings or of a page bumps (portal.page_cache): the first render after an edit reads them,
every other render reads one cache entry.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Site

from .page_cache import content_version


@dataclass(frozen=True)
class Link:
    label: str
    url: str = ""
    children: tuple["Link", ...] = ()  # a sub-menu's links (then `url` is empty)

    def leads_to(self, path):
        """Whether the visitor is on this entry's page or below it (a sub-menu: one of its)."""
        if self.children:
            return any(child.leads_to(path) for child in self.children)
        return self.url != "/" and path.startswith(self.url)


@dataclass(frozen=True)
class SiteChrome:
    tagline: str = ""
    contact_email: str = ""
    navigation: tuple[Link, ...] = ()
    social_links: tuple[Link, ...] = ()
    accessibility_status: str = ""
    accessibility_url: str = ""
    legal_url: str = ""


def site_chrome(request):
    """The header and footer values of the request's site, from the cache when they are current.

    Keyed by the host the request names (already checked against ALLOWED_HOSTS), so that a page
    outside Wagtail's tree does not look its site up either.
    """
    key = f"site-chrome:{request.get_host().lower()}:{get_language()}:{content_version()}"
    chrome = cache.get(key)
    if chrome is None:
        site = Site.find_for_request(request)
        chrome = _read(request, site) if site else SiteChrome()
        cache.set(key, chrome, 24 * 3600)
    return chrome


def _accessibility_status(settings):
    """The statement page's conformity, computed from its audit; the setting without one."""
    page = settings.accessibility_page
    statement = page.specific if page and page.live else None
    if statement is not None and hasattr(statement, "get_conformity_display"):
        return statement.get_conformity_display()
    return settings.get_accessibility_status_display()


def _read(request, site):
    from .models import SiteSettings

    # Not SiteSettings.for_site: its get_or_create would write (and bump the content version
    # this value is kept under) on a site whose settings were never saved.
    settings = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)

    def link(value):
        url = value["page"].get_url(request) if value["page"] else value["url"]
        return Link(value["label"], url) if url else None

    navigation = []
    for block in settings.main_navigation:
        if block.block_type == "menu":
            children = tuple(filter(None, map(link, block.value["links"])))
            if children:
                navigation.append(Link(block.value["label"], children=children))
        elif entry := link(block.value):
            navigation.append(entry)

    def page_url(page):
        return (page.get_url(request) or "") if page and page.live else ""

    return SiteChrome(
        tagline=settings.tagline,
        contact_email=settings.contact_email,
        navigation=tuple(navigation),
        social_links=tuple(Link(label, url) for label, url, _css in settings.social_links),
        accessibility_status=str(_accessibility_status(settings)),
        accessibility_url=page_url(settings.accessibility_page),
        legal_url=page_url(settings.legal_page),
    )
