from django.conf import settings

THEME_BASES = {"dsfr": "base_dsfr.html", "neutral": "base_neutral.html"}


def theme(request):
    """The layout every page extends: the State design system or a neutral one (DESIGN.md)."""
    return {"theme_base": THEME_BASES.get(settings.PORTAL_THEME, "base_dsfr.html")}
