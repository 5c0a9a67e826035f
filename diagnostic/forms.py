"""The questionnaire's steps and the DECP import form."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from portal import legal
from portal.models import CollectiviteType
from portal.numbers import is_ascii_digits, parse_int

from . import rules
from .amounts import AmountError, parse_amount, parse_percent
from .scoring import CONTENTS, INDICATORS, WEIGHTS

OTHER_TYPE = "Autre acheteur"


def _type_choices():
    names = list(CollectiviteType.objects.values_list("name", flat=True))
    return [("", _("Choisir un type"))] + [(n, n) for n in names] + [(OTHER_TYPE, OTHER_TYPE)]


class OrganisationStepForm(DsfrBaseForm):
    org_type = forms.ChoiceField(
        label=_("Type d'organisation"),
        choices=_type_choices,
        error_messages={"required": _("Choisissez le type de votre organisation.")},
    )
    category = forms.ChoiceField(
        label=_("Catégorie d'acheteur au sens du code de la commande publique"),
        choices=[("", _("Choisir une catégorie"))] + legal.BUYER_CATEGORIES,
        required=False,
        help_text=_(
            "Depuis le 25 octobre 2023, l'obligation vise tout acheteur soumis au code ; avant, "
            "seulement les collectivités territoriales et les acheteurs dont le statut est fixé "
            "par la loi. Obligatoire pour une année antérieure à 2023."
        ),
    )
    year = forms.CharField(
        label=_("Année civile des achats"),
        max_length=20,
        help_text=_("Par exemple 2025. Le seuil dépend de l'année : 100 M€ HT avant 2023."),
        error_messages={"required": _("Indiquez l'année civile des achats.")},
    )
    spending = forms.CharField(
        label=_("Montant des achats de l'année (en euros hors taxes)"),
        max_length=60,
        help_text=_(
            "Dépenses réalisées pendant l'année civile au titre de vos marchés, hors marchés de "
            "défense ou de sécurité. Exemples : 50 000 000, 50 M€, 1,5 Md€."
        ),
        error_messages={"required": _("Indiquez un montant, par exemple 50 000 000 ou 50 M€.")},
    )
    shared_scheme = forms.BooleanField(
        label=_("Notre schéma est mutualisé avec d'autres acheteurs"), required=False
    )

    def clean_year(self):
        value = self.cleaned_data["year"].strip()
        if not (is_ascii_digits(value) and len(value) == 4):
            raise ValidationError(_("Indiquez une année sur quatre chiffres, par exemple 2025."))
        year = int(value)
        if year < rules.FIRST_YEAR:
            raise ValidationError(
                _(
                    "L'obligation d'adopter un SPASER s'applique depuis le 1er février 2015 : "
                    "indiquez une année à partir de 2015."
                )
            )
        if year > date.today().year:
            raise ValidationError(_("Cette année n'a pas encore commencé."))
        return year

    def clean_spending(self):
        try:
            return parse_amount(self.cleaned_data["spending"])
        except AmountError as error:
            raise ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category") or rules.TYPE_CATEGORIES.get(cleaned.get("org_type"))
        year = cleaned.get("year")
        if year and year < rules.FIRST_YEAR_ALL_BUYERS and not category:
            self.add_error(
                "category",
                _(
                    "Choisissez la catégorie de votre organisation : avant le 25 octobre 2023, "
                    "l'obligation ne visait que certaines catégories d'acheteurs."
                ),
            )
        cleaned["category"] = category or ""
        return cleaned

    def to_session(self):
        data = self.cleaned_data
        return {
            "org_type": data["org_type"],
            "category": data["category"],
            "year": data["year"],
            "spending": str(data["spending"]),
            "spending_text": self.data.get(self.add_prefix("spending"), "")[:60],
            "shared_scheme": data["shared_scheme"],
        }

    @staticmethod
    def initial_from(stored):
        initial = dict(stored)
        if "spending_text" in stored:
            initial["spending"] = stored["spending_text"]
        return initial


class SchemeStepForm(DsfrBaseForm):
    adopted = forms.ChoiceField(
        label=_("Votre organisation a-t-elle adopté un SPASER ?"),
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Répondez par oui ou par non.")},
    )
    published = forms.ChoiceField(
        label=_("Le schéma est-il publié ?"),
        choices=[
            ("oui", _("Oui, sur notre site internet")),
            ("autrement", _("Nous n'avons pas de site internet : il est publié autrement")),
            ("non", _("Non, ou pas de schéma")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une réponse.")},
    )
    adoption_date = forms.DateField(
        label=_("Date d'adoption du schéma"),
        required=False,
        help_text=_("Par exemple 15/03/2024."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Indiquez une date valide, par exemple 15/03/2024.")},
    )
    indicators_published_on = forms.DateField(
        label=_("Date de la dernière publication des indicateurs"),
        required=False,
        help_text=_("La loi impose une publication tous les deux ans. Par exemple 15/03/2024."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Indiquez une date valide, par exemple 15/03/2024.")},
    )

    def _check_date(self, name):
        value = self.cleaned_data.get(name)
        if value and value > date.today():
            raise ValidationError(_("Cette date est dans le futur."))
        if value and value < legal.SPASER_CREATED:
            raise ValidationError(
                _(
                    "Le SPASER a été créé par la loi du 31 juillet 2014 : une date antérieure "
                    "n'est pas possible, vérifiez l'année."
                )
            )
        return value

    def clean_adoption_date(self):
        return self._check_date("adoption_date")

    def clean_indicators_published_on(self):
        return self._check_date("indicators_published_on")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("adopted") == "non" and cleaned.get("published") in ("oui", "autrement"):
            self.add_error(
                "published", _("Un schéma qui n'est pas adopté ne peut pas être publié.")
            )
        return cleaned

    def to_session(self):
        data = self.cleaned_data
        return {
            "adopted": data["adopted"] == "oui",
            "published": data["published"],
            "adoption_date": data["adoption_date"].isoformat() if data["adoption_date"] else None,
            "indicators_published_on": (
                data["indicators_published_on"].isoformat()
                if data["indicators_published_on"]
                else None
            ),
        }

    @staticmethod
    def initial_from(stored):
        initial = dict(stored)
        if "adopted" in stored:
            initial["adopted"] = "oui" if stored["adopted"] else "non"
        return initial


class ContentsStepForm(DsfrBaseForm):
    contents = forms.MultipleChoiceField(
        label=_("Contenus de votre schéma"),
        help_text=_(
            "Cochez ce que votre schéma comporte déjà (art. L2111-3 du code de la commande "
            "publique, dans sa rédaction en vigueur)."
        ),
        choices=CONTENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def to_session(self):
        return {"contents": list(self.cleaned_data["contents"])}

    @staticmethod
    def initial_from(stored):
        return dict(stored)


class PercentField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_percent(value)
        except AmountError as error:
            raise ValidationError(str(error)) from None


#: The points a scored indicator earns only against a target the organisation sets.
TARGET_POINTS = {key: WEIGHTS[weight] for key, _label, weight, _national in INDICATORS if weight}


def _target_help(key):
    """A target is optional, but leaving it blank costs the indicator's points: say so."""
    if key not in TARGET_POINTS:
        return _("Facultative ; cette part n'est pas notée.")
    return format_lazy(
        _(
            "Facultative, mais sans cible cet indicateur ne rapporte aucun des {points} points "
            "que le score lui réserve."
        ),
        points=TARGET_POINTS[key],
    )


class IndicatorsStepForm(DsfrBaseForm):
    """Shares in % and the organisation's own targets; every field is optional.

    Each share and its target form a pair, rendered in a fieldset whose legend names the
    indicator (RGAA 11.5); each target's label names its indicator too (RGAA 11.2).
    """

    template_name = "diagnostic/indicators_form.html"
    #: What leaving every target blank costs (the form says it before the fields).
    target_points = sum(TARGET_POINTS.values())

    env_share = PercentField(
        label=_("Part des marchés avec au moins une considération environnementale (%)")
    )
    env_target = PercentField(
        label=_("Votre cible de marchés avec considération environnementale (%)"),
        help_text=_target_help("env"),
    )
    social_share = PercentField(
        label=_("Part des marchés avec au moins une considération sociale (%)")
    )
    social_target = PercentField(
        label=_("Votre cible de marchés avec considération sociale (%)"),
        help_text=_target_help("social"),
    )
    esus_share = PercentField(
        label=_("Part des achats auprès d'entreprises solidaires (ESUS) (%)"),
        help_text=_("En valeur, sur le volume total de vos achats."),
    )
    esus_target = PercentField(
        label=_("Votre cible d'achats auprès d'entreprises solidaires (%)"),
        help_text=_target_help("esus"),
    )
    sme_share = PercentField(label=_("Part des achats auprès de PME (%), si vous la connaissez"))
    sme_target = PercentField(
        label=_("Votre cible d'achats auprès de PME (%)"),
        help_text=_target_help("sme"),
    )
    local_share = PercentField(
        label=_("Part des achats auprès d'opérateurs locaux (%), si vous la connaissez")
    )
    local_target = PercentField(
        label=_("Votre cible d'achats auprès d'opérateurs locaux (%)"),
        help_text=_target_help("local"),
    )

    def pairs(self):
        """(legend, share field, target field) for each indicator, in the questionnaire's order."""
        return [
            (label, self[f"{key}_share"], self[f"{key}_target"])
            for key, label, *_rest in INDICATORS
        ]

    def to_session(self):
        return {
            name: (str(value) if value is not None else None)
            for name, value in self.cleaned_data.items()
        }

    @staticmethod
    def initial_from(stored):
        return {
            key: (value.replace(".", ",").removesuffix(",00") if value else value)
            for key, value in stored.items()
            if not key.startswith("_")
        }


def max_upload_bytes():
    return getattr(settings, "DIAGNOSTIC_DECP_MAX_UPLOAD", 600 * 1024 * 1024)


class DecpImportForm(DsfrBaseForm):
    file = forms.FileField(
        label=_("Fichier DECP (JSON)"),
        widget=forms.ClearableFileInput(attrs={"class": "fr-upload", "accept": ".json"}),
        help_text=_(
            "Format réglementaire 2.0 ou fichier consolidé national (.json). Les fichiers au "
            "format 2019 sont acceptés, sans les indicateurs sociaux et environnementaux."
        ),
        error_messages={
            "required": _("Choisissez un fichier."),
            "empty": _("Le fichier est vide."),
            "invalid": _("Ce fichier n'a pas pu être lu."),
        },
    )
    siret = forms.CharField(
        label=_("SIRET ou SIREN de l'acheteur"),
        max_length=20,
        help_text=_(
            "14 chiffres pour un établissement, 9 chiffres pour tous les établissements de "
            "l'organisation."
        ),
    )
    year = forms.CharField(
        label=_("Année de notification"),
        max_length=20,
        required=False,
        help_text=_("Laissez vide pour la dernière année présente dans le fichier."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".json"):
            raise ValidationError(_("Le fichier doit être au format JSON (extension .json)."))
        if upload.size > max_upload_bytes():
            raise ValidationError(
                _("Le fichier dépasse la taille maximale de %(size)s Mo.")
                % {"size": max_upload_bytes() // (1024 * 1024)}
            )
        upload.seek(0)
        head = upload.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
        upload.seek(0)
        if not head.startswith(b"{"):
            raise ValidationError(
                _("Ce fichier n'est pas un fichier JSON DECP : il doit commencer par « { ».")
            )
        return upload

    def clean_siret(self):
        value = re.sub(r"\s", "", self.cleaned_data["siret"])
        if not (is_ascii_digits(value) and len(value) in (9, 14)):
            raise ValidationError(_("Indiquez un SIRET (14 chiffres) ou un SIREN (9 chiffres)."))
        return value

    def clean_year(self):
        value = self.cleaned_data["year"].strip()
        if not value:
            return None
        if parse_int(value, minimum=2015, maximum=date.today().year) is None:
            raise ValidationError(_("Indiquez une année entre 2015 et l'année en cours."))
        return int(value)
