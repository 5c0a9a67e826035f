from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from portal.models import CollectiviteType, FamilleAchat, Theme


class FicheFilterForm(DsfrBaseForm):
    """Filters of the fiche list; they combine and live in the URL so a search can be shared."""

    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les thèmes"),
    )
    famille = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        queryset=FamilleAchat.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les familles"),
    )
    collectivite = forms.ModelChoiceField(
        label=_("Type de collectivité"),
        queryset=CollectiviteType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les types"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _(
                "Ce filtre n'existe pas ou plus : choisissez une valeur dans la liste."
            )

    def active_filters(self):
        return {name: value for name, value in self.cleaned_data.items() if value}

    def filter(self, fiches):
        data = self.cleaned_data
        if data.get("theme"):
            fiches = fiches.filter(themes=data["theme"])
        if data.get("famille"):
            fiches = fiches.filter(familles=data["famille"])
        if data.get("collectivite"):
            fiches = fiches.filter(collectivite_types=data["collectivite"])
        return fiches
