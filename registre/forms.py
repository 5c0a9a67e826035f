"""The form a verified member fills to publish (or edit) their organisation's adopted scheme.

Every text is capped; years and shares are read from ASCII digits only (portal.numbers, and the
percentages of diagnostic.amounts behind `refuse_other_digits`); the file is checked on its
extension, size and content (portal.uploads). A form in error keeps everything that was typed;
only a file cannot be put back by a browser, and the message says so.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from diagnostic.amounts import AmountError, parse_percent
from portal import legal
from portal.uploads import validate_document_content, validate_document_size
from redaction.forms import parse_year, refuse_other_digits
from redaction.periods import period_error

from .models import DOCUMENT_EXTENSIONS, AdoptedScheme

TARGETS = ("env_target", "social_target", "esus_target")

LENGTH_MESSAGE = _(
    "Ce texte dépasse %(limit_value)s caractères (il en compte %(show_value)s) : "
    "raccourcissez-le, rien n'a été perdu."
)


def _percent_field(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        help_text=_(
            "Un pourcentage entre 0 et 100, par exemple 30 ou 12,5 %. Vide : pas de cible."
        ),
        error_messages={"max_length": LENGTH_MESSAGE},
    )


def _date_field(label, help_text):
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez la date d'adoption, par exemple 15/03/2024."),
            "invalid": _("Indiquez une date valide, par exemple 15/03/2024."),
        },
    )


class SchemeForm(DsfrBaseForm):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"),
        coerce=int,
        empty_value=None,
        error_messages={
            "invalid_choice": _(
                "Choisissez une organisation dont vous êtes membre vérifié : le schéma est "
                "publié en son nom."
            ),
            "required": _("Choisissez l'organisation qui a adopté le schéma."),
        },
    )
    title = forms.CharField(
        label=_("Titre du schéma"),
        max_length=200,
        help_text=_("Par exemple « SPASER 2025-2027 de la Ville de Dunkerque »."),
        error_messages={
            "required": _("Donnez un titre au schéma."),
            "max_length": LENGTH_MESSAGE,
        },
    )
    document = forms.FileField(
        label=_("Document adopté"),
        help_text=_("PDF, ODT ou DOCX, 20 Mo au plus."),
        validators=[
            FileExtensionValidator(
                DOCUMENT_EXTENSIONS,
                message=_("Déposez le schéma au format PDF, ODT ou DOCX."),
            ),
            validate_document_size,
            validate_document_content,
        ],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.docx"}),
        error_messages={"required": _("Joignez le document adopté (PDF, ODT ou DOCX).")},
    )
    adopted_on = _date_field(
        _("Date d'adoption"), _("Date du vote de l'assemblée délibérante, par exemple 15/03/2024.")
    )
    deliberation = forms.CharField(
        label=_("Référence de la délibération"),
        max_length=120,
        help_text=_("Par exemple « Délibération n° 2024-123 du conseil métropolitain »."),
        error_messages={
            "required": _("Indiquez la référence de la délibération qui adopte le schéma."),
            "max_length": LENGTH_MESSAGE,
        },
    )
    period_start = forms.CharField(
        label=_("Première année couverte"), max_length=10, help_text=_("Par exemple 2025.")
    )
    period_end = forms.CharField(
        label=_("Dernière année couverte"), max_length=10, help_text=_("Par exemple 2027.")
    )
    website_url = forms.URLField(
        label=_("Adresse du schéma sur le site de l'organisation"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Le schéma est publié sur le site internet de l'acheteur (art. L2111-3)."),
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={
            "required": _("Indiquez l'adresse du schéma sur votre site internet."),
            "invalid": _(
                "Indiquez une adresse en http:// ou https://, par exemple https://www.exemple.fr/spaser."
            ),
            "max_length": LENGTH_MESSAGE,
        },
    )
    obligation = forms.ChoiceField(
        label=_("Le schéma a été adopté"),
        choices=[
            (AdoptedScheme.Obligation.OBLIGED, _("au titre de l'obligation (art. L2111-3)")),
            (AdoptedScheme.Obligation.VOLUNTARY, _("volontairement")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Obligatoire lorsque les achats d'une année civile dépassent 50 M€ HT (100 M€ avant "
            "2023), hors défense et sécurité ; depuis le 25 octobre 2023 pour tout acheteur "
            "soumis au code (art. L2111-3 et D2111-3)."
        ),
        error_messages={"required": _("Dites si le schéma est obligatoire ou volontaire.")},
    )
    env_target = _percent_field(_("Cible : marchés avec une considération environnementale (%)"))
    social_target = _percent_field(_("Cible : marchés avec une considération sociale (%)"))
    esus_target = _percent_field(_("Cible : achats auprès d'entreprises solidaires (ESUS) (%)"))
    summary = forms.CharField(
        label=_("Résumé (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Les grandes orientations du schéma, en quelques lignes (2 000 caractères au plus)."
        ),
        error_messages={"max_length": LENGTH_MESSAGE},
    )

    def __init__(self, *args, organisations=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if editing:
            del self.fields["organisation"]
            self.fields["document"].required = False
            self.fields["document"].help_text = _(
                "Laissez vide pour garder le document déposé. PDF, ODT ou DOCX, 20 Mo au plus."
            )
        elif len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_adopted_on(self):
        value = self.cleaned_data["adopted_on"]
        if value > date.today():
            raise ValidationError(
                _("Cette date est dans le futur : publiez le schéma une fois voté.")
            )
        if value < legal.SPASER_CREATED:
            raise ValidationError(
                _(
                    "Le SPASER a été créé par la loi du 31 juillet 2014 : une date antérieure "
                    "n'est pas possible, vérifiez l'année."
                )
            )
        return value

    def clean_period_start(self):
        return parse_year(self.cleaned_data["period_start"])

    def clean_period_end(self):
        return parse_year(self.cleaned_data["period_end"])

    def _percent(self, name):
        text = self.cleaned_data.get(name, "")
        refuse_other_digits(text)
        try:
            return parse_percent(text)
        except AmountError as error:
            raise ValidationError(str(error)) from error

    def clean_env_target(self):
        return self._percent("env_target")

    def clean_social_target(self):
        return self._percent("social_target")

    def clean_esus_target(self):
        return self._percent("esus_target")

    def clean(self):
        cleaned = super().clean()
        organisation = self.fields.get("organisation")
        if organisation is not None and organisation.widget.is_hidden:
            # A hidden field's error would be shown nowhere: the form's own errors show it.
            for message in self.errors.pop("organisation", []):
                self.add_error(None, message)
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and (error := period_error(start, end)):
            self.add_error("period_end", error)
        adopted = cleaned.get("adopted_on")
        if adopted and end and adopted.year > end:
            self.add_error(
                "adopted_on",
                _(
                    "Le schéma est adopté après la fin de la période qu'il couvre : vérifiez les dates."
                ),
            )
        return cleaned

    def entry_values(self):
        """The model's fields from the cleaned data (without the organisation and the file)."""
        data = self.cleaned_data
        names = (
            "title",
            "summary",
            "adopted_on",
            "deliberation",
            "period_start",
            "period_end",
            "website_url",
            "obligation",
            *TARGETS,
        )
        return {name: data[name] for name in names}

    @staticmethod
    def initial_from(entry):
        initial = {
            "title": entry.title,
            "summary": entry.summary,
            "adopted_on": entry.adopted_on,
            "deliberation": entry.deliberation,
            "period_start": str(entry.period_start),
            "period_end": str(entry.period_end),
            "website_url": entry.website_url,
            "obligation": entry.obligation,
        }
        for name in TARGETS:
            value = getattr(entry, name)
            initial[name] = "" if value is None else format_percent(value)
        return initial


def format_percent(value):
    """Decimal('30.00') → '30', Decimal('12.50') → '12,5'."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class UnpublishForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif de la dépublication"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("L'organisation le lit sur sa fiche (1 000 caractères au plus)."),
        error_messages={
            "required": _("Indiquez le motif : l'organisation doit savoir quoi corriger."),
            "max_length": LENGTH_MESSAGE,
        },
    )


class FilterForm(forms.Form):
    """The listing's filters, shown with the values `registre.views.listing_filters` kept."""

    type = forms.ChoiceField(label=_("Type d'organisation"), required=False)
    region = forms.ChoiceField(label=_("Région"), required=False)
    annee = forms.ChoiceField(label=_("Année d'adoption"), required=False)
    obligation = forms.ChoiceField(label=_("Obligatoire ou volontaire"), required=False)

    def __init__(self, *args, kinds=(), regions=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tous"))]
        self.fields["type"].choices = everything + [(k.slug, k.name) for k in kinds]
        self.fields["region"].choices = [("", _("Toutes"))] + list(regions)
        self.fields["annee"].choices = [("", _("Toutes"))] + [(y, str(y)) for y in years]
        self.fields["obligation"].choices = [("", _("Tous"))] + [
            (AdoptedScheme.Obligation.OBLIGED, _("Adopté au titre de l'obligation")),
            (AdoptedScheme.Obligation.VOLUNTARY, _("Adopté volontairement")),
        ]
