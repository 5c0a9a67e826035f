from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .site_chrome import site_chrome

THEME_BASES = {"dsfr": "base_dsfr.html", "neutral": "base_neutral.html"}


def theme(request):
    """The layout every page extends: the State design system or a neutral one (`PORTAL_THEME`:
    the DSFR may be used by State services only, README « Licence »)."""
    return {"theme_base": THEME_BASES.get(settings.PORTAL_THEME, "base_dsfr.html")}


def chrome(request):
    """The header and footer values (portal.site_chrome), read only by a page that shows them."""
    return {"site_chrome": SimpleLazyObject(lambda: site_chrome(request))}
