"""Filter forms of the listings: GET parameters, so every filtered page has a shareable URL."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import TaxonomyFilterForm

from .choices import ClauseKind, ClauseType


class WebinarFilterForm(TaxonomyFilterForm):
    UPCOMING = "a-venir"
    REPLAYS = "replays"

    moment = forms.ChoiceField(
        label=_("Quand"),
        choices=[("", _("À venir et replays")), (UPCOMING, _("À venir")), (REPLAYS, _("Replays"))],
        required=False,
        error_messages={"invalid_choice": _("Choisissez « à venir » ou « replays ».")},
    )

    field_order = ["moment", "theme", "famille", "collectivite"]


class ClauseFilterForm(TaxonomyFilterForm):
    type = forms.ChoiceField(
        label=_("Type de clause"),
        choices=[("", _("Tous les types"))] + list(ClauseType.choices),
        required=False,
        error_messages={"invalid_choice": _("Ce type de clause n'existe pas.")},
    )
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[("", _("Toutes les natures"))] + list(ClauseKind.choices),
        required=False,
        error_messages={"invalid_choice": _("Cette nature de clause n'existe pas.")},
    )

    field_order = ["type", "kind", "theme", "famille", "collectivite"]
