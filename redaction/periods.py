"""The years a SPASER covers: one rule for the editor, the registry's form and its entries."""

from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2015  # the obligation applies from 1 February 2015 (décret n° 2015-90)
LAST_YEAR = 2045
MAX_PERIOD_YEARS = 6


def period_error(start, end):
    """Why a scheme may not cover the years `start` to `end`, or None."""
    if end < start:
        return _("La dernière année doit suivre ou égaler la première.")
    if end - start + 1 > MAX_PERIOD_YEARS:
        return _("Un schéma couvre au plus %(n)s années.") % {"n": MAX_PERIOD_YEARS}
    return None
