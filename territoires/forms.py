"""The search of « Trouver un facilitateur » and the région filter of the agenda (GET forms)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from portal import geography
from portal.models import REGIONS


class FinderForm(DsfrBaseForm):
    """A postcode (5 digits) or a département code: cleaned_data["departement"] is the code."""

    code = forms.CharField(
        label=_("Code postal ou département"),
        help_text=_("Par exemple 35000, 35, 2A ou 974."),
        max_length=geography.MAX_INPUT_LENGTH,
        error_messages={
            "required": _("Indiquez un code postal ou un numéro de département."),
            "max_length": _("Un code postal a 5 chiffres, un département 2 ou 3 caractères."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("code") or "").strip()
        if not typed:
            return cleaned
        cleaned["postcode"] = ""
        if len(typed) == 5 and typed.isascii() and typed.isdigit():
            lookup = geography.departement_for_postcode(typed)
            if lookup.departement is None:
                self.add_error("code", self._problem(typed, lookup))
                return cleaned
            cleaned["postcode"] = typed
            cleaned["departement"] = lookup.departement
            return cleaned
        departement = geography.normalise_departement(typed)
        if departement is None:
            self.add_error(
                "code",
                gettext(
                    "« %(typed)s » n'est ni un code postal (5 chiffres, par exemple 35000) ni "
                    "un département (par exemple 35, 2A ou 974)."
                )
                % {"typed": typed},
            )
            return cleaned
        cleaned["departement"] = departement
        return cleaned

    @staticmethod
    def _problem(typed, lookup):
        if lookup.problem == geography.CORSICA_UNASSIGNED:
            return gettext(
                "Le code postal %(typed)s n'est celui d'aucune commune de Corse : indiquez le "
                "département, 2A (Corse-du-Sud) ou 2B (Haute-Corse)."
            ) % {"typed": typed}
        if lookup.problem == geography.NOT_A_DEPARTEMENT:
            return gettext(
                "Le code postal %(typed)s est celui de %(place)s, qui n'est pas un département : "
                "l'annuaire couvre les départements de métropole et d'outre-mer."
            ) % {"typed": typed, "place": lookup.place}
        return gettext(
            "Le code postal %(typed)s n'existe pas. Vérifiez-le, ou indiquez le numéro du "
            "département (par exemple 35, 2A ou 974)."
        ) % {"typed": typed}


class RegionFilterForm(DsfrBaseForm):
    region = forms.ChoiceField(
        label=_("Région"),
        choices=[("", _("Toutes les régions"))] + list(REGIONS),
        required=False,
        error_messages={"invalid_choice": _("Cette région n'existe pas.")},
    )

    def chosen_region(self):
        """The région chosen, or "" (an unknown value in the URL is ignored, never a 500)."""
        return self.cleaned_data.get("region", "") if self.is_valid() else ""
