"""Filter forms of the listings: GET parameters, so every filtered page has a shareable URL."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from portal.models import CollectiviteType, FamilleAchat, Theme

from .models import ClauseKind, ClauseType


class TaxonomyFilterForm(DsfrBaseForm):
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les thèmes"),
        error_messages={"invalid_choice": _("Ce thème n'existe pas.")},
    )
    famille = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        queryset=FamilleAchat.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les familles"),
        error_messages={"invalid_choice": _("Cette famille d'achat n'existe pas.")},
    )
    collectivite = forms.ModelChoiceField(
        label=_("Type de collectivité"),
        queryset=CollectiviteType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les types"),
        error_messages={"invalid_choice": _("Ce type de collectivité n'existe pas.")},
    )


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
