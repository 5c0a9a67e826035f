"""Contributing a document, deciding on it, filtering the listing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from portal.forms import TaxonomyFilterForm
from portal.models import CollectiviteType, FamilleAchat, Theme
from portal.numbers import is_ascii_digits

from .models import (
    CONSIDERATION_FIELDS,
    EXTENSIONS,
    REASON_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Audience,
    Consideration,
    Kind,
    Reliability,
    SharedDocument,
    Status,
)

# A member's documents waiting for a curator, at most: a bound on what one account may store.
MAX_PENDING = 10

ACCEPT = ",".join(f".{extension}" for extension in EXTENSIONS)


TOO_LONG = _(
    "Ce texte dépasse %(limit_value)s caractères (vous en avez saisi %(show_value)s) : "
    "raccourcissez-le."
)


def _check_key(field, value):
    """A key sent by the browser is ASCII digits (portal.numbers): « ١ » is not 1."""
    if not is_ascii_digits(str(value)):
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class KeyChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            _check_key(self, value)
        return super().to_python(value)


class KeysChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for key in value:
            _check_key(self, key)
        return super()._check_values(value)


class ContributionForm(DsfrBaseForm, forms.ModelForm):
    """What a verified member fills in to share a document. The file is checked by the model's
    validators (portal.uploads: size, content matching the extension)."""

    considerations = forms.MultipleChoiceField(
        label=_("Considérations"),
        choices=Consideration.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Cette considération n'existe pas.")},
    )
    rights = forms.BooleanField(
        label=_(
            "Je certifie que mon organisation peut diffuser ce document et qu'il ne contient "
            "aucune donnée personnelle (noms d'agents, signatures, coordonnées)."
        ),
        error_messages={"required": _("Cochez cette case pour proposer le document.")},
    )

    class Meta:
        model = SharedDocument
        fields = [
            "organisation",
            "title",
            "kind",
            "summary",
            "file",
            "audience",
            "themes",
            "familles",
            "collectivite_types",
        ]
        field_classes = {
            "organisation": KeyChoiceField,
            "themes": KeysChoiceField,
            "familles": KeysChoiceField,
            "collectivite_types": KeysChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5, "maxlength": SUMMARY_MAX}),
            "title": forms.TextInput(attrs={"maxlength": TITLE_MAX}),
            "file": forms.ClearableFileInput(attrs={"class": "fr-upload", "accept": ACCEPT}),
            "audience": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "familles": forms.CheckboxSelectMultiple,
            "collectivite_types": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "file": _(
                "PDF, ODT, DOCX, ODS, XLSX, ODP ou PPTX, 20 Mo au plus. Le fichier est vérifié : "
                "son contenu doit correspondre à son extension."
            ),
            "audience": _(
                "Un document réservé n'est montré qu'aux membres vérifiés d'une organisation "
                "publique : ni aux visiteurs, ni dans les flux, ni aux moteurs de recherche."
            ),
            "collectivite_types": _("Les types d'organisation à qui le document peut servir."),
        }
        error_messages = {
            "title": {
                "required": _("Donnez un titre au document."),
                "max_length": TOO_LONG,
            },
            "summary": {
                "required": _("Présentez le document en quelques lignes."),
                "max_length": TOO_LONG,
            },
            "kind": {"required": _("Choisissez la nature du document.")},
            "file": {
                "required": _("Choisissez le fichier à partager."),
                "empty": _("Le fichier est vide."),
                "invalid": _("Ce fichier n'a pas pu être lu."),
            },
            "organisation": {
                "required": _("Choisissez l'organisation au nom de laquelle vous partagez."),
                "invalid_choice": _("Vous ne pouvez partager qu'au nom de vos organisations."),
            },
        }

    def __init__(self, *args, organisations, contributor, **kwargs):
        super().__init__(*args, **kwargs)
        self.contributor = contributor
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["familles"].queryset = FamilleAchat.objects.all()
        self.fields["collectivite_types"].queryset = CollectiviteType.objects.all()
        self.fields["audience"].choices = Audience.choices
        self.fields["kind"].choices = [("", _("Choisissez la nature du document")), *Kind.choices]

    def clean(self):
        cleaned = super().clean()
        waiting = SharedDocument.objects.filter(
            contributor=self.contributor, status=Status.PENDING
        ).count()
        if waiting >= MAX_PENDING:
            raise ValidationError(
                _(
                    "Vous avez déjà %(count)s documents en attente de relecture : attendez la "
                    "décision des curateurs avant d'en proposer d'autres."
                ),
                params={"count": waiting},
                code="too_many_pending",
            )
        return cleaned

    def save(self, commit=True):
        document = super().save(commit=False)
        chosen = set(self.cleaned_data["considerations"])
        for value, field in CONSIDERATION_FIELDS.items():
            setattr(document, field, value in chosen)
        if commit:
            document.save()
            self.save_m2m()
        return document


class PublishForm(DsfrBaseForm):
    reliability = forms.ChoiceField(
        label=_("Niveau de fiabilité"),
        choices=Reliability.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez le niveau de fiabilité affiché avec le document."),
            "invalid_choice": _("Ce niveau de fiabilité n'existe pas."),
        },
        help_text=_(
            "« Relu par un réseau » : un réseau d'acheteurs a relu le document ; « référence "
            "nationale » : il fait référence au niveau national."
        ),
    )


class RefuseForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif du refus, envoyé au contributeur"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": REASON_MAX}),
        error_messages={
            "required": _("Indiquez le motif : il est envoyé au contributeur."),
            "max_length": TOO_LONG,
        },
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Indiquez le motif : il est envoyé au contributeur."))
        return reason


class DocumentFilterForm(TaxonomyFilterForm):
    kind = forms.ChoiceField(
        label=_("Nature"),
        choices=[("", _("Toutes les natures")), *Kind.choices],
        required=False,
        error_messages={"invalid_choice": _("Cette nature de document n'existe pas.")},
    )
    consideration = forms.ChoiceField(
        label=_("Considération"),
        choices=[("", _("Toutes les considérations")), *Consideration.choices],
        required=False,
        error_messages={"invalid_choice": _("Cette considération n'existe pas.")},
    )
    fiabilite = forms.ChoiceField(
        label=_("Fiabilité"),
        choices=[("", _("Tous les niveaux")), *Reliability.choices],
        required=False,
        error_messages={"invalid_choice": _("Ce niveau de fiabilité n'existe pas.")},
    )

    field_order = ["kind", "consideration", "fiabilite", "theme", "famille", "collectivite"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectivite"].label = _("Type d'organisation")
