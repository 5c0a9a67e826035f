from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm
from dsfr.forms import DsfrBaseForm
from wagtail.documents.forms import BaseDocumentForm

from .models import (
    REGIONS,
    CollectiviteType,
    FamilleAchat,
    Organisation,
    Profile,
    Theme,
    validate_siren,
)
from .uploads import validate_document_content


class TaxonomyFilterForm(DsfrBaseForm):
    """Filters of the resource listings; they combine and live in the URL so a list can be
    shared. Pages filtered must have `themes`, `familles` and `collectivite_types`."""

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
        for name in ("theme", "famille", "collectivite"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Ce filtre n'existe pas ou plus : choisissez une valeur dans la liste."
            )


class SignupForm(forms.Form):
    """Extra fields asked at sign-up by allauth (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(DsfrBaseForm):
    """The member's own profile, with the organisation identified by its SIREN."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    job_title = forms.CharField(label=_("Fonction"), max_length=150, required=False)
    siren = forms.CharField(
        label=_("SIREN de votre organisation"),
        max_length=11,
        required=False,
        help_text=_("9 chiffres ; laissez vide si vous n'êtes rattaché à aucune organisation."),
    )
    organisation_name = forms.CharField(
        label=_("Nom de l'organisation"),
        max_length=200,
        required=False,
        help_text=_("Demandé seulement si l'organisation n'est pas encore connue du portail."),
    )
    organisation_kind = forms.ModelChoiceField(
        label=_("Type d'organisation"), queryset=CollectiviteType.objects.all(), required=False
    )
    region = forms.ChoiceField(
        label=_("Région"), choices=[("", "---------")] + REGIONS, required=False
    )
    in_directory = forms.BooleanField(
        label=Profile._meta.get_field("in_directory").verbose_name.capitalize(),
        help_text=Profile._meta.get_field("in_directory").help_text,
        required=False,
    )

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        organisation = profile.organisation
        kwargs.setdefault(
            "initial",
            {
                "first_name": profile.user.first_name,
                "last_name": profile.user.last_name,
                "job_title": profile.job_title,
                "in_directory": profile.in_directory,
                "siren": organisation.siren if organisation else "",
                "organisation_name": organisation.name if organisation else "",
                "organisation_kind": organisation.kind_id if organisation else None,
                "region": organisation.region if organisation else "",
            },
        )
        super().__init__(*args, **kwargs)

    def clean_siren(self):
        siren = "".join(self.cleaned_data["siren"].split())
        if siren:
            validate_siren(siren)
        return siren

    def clean(self):
        cleaned = super().clean()
        siren = cleaned.get("siren")
        if siren and not Organisation.objects.filter(siren=siren).exists():
            for field in ("organisation_name", "organisation_kind", "region"):
                if not cleaned.get(field):
                    self.add_error(
                        field,
                        _("Cette organisation n'est pas encore connue : ce champ est obligatoire."),
                    )
        return cleaned

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        user = self.profile.user
        user.first_name, user.last_name = data["first_name"], data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        organisation = None
        if data["siren"]:
            organisation, _created = Organisation.objects.get_or_create(
                siren=data["siren"],
                defaults={
                    "name": data["organisation_name"],
                    "kind": data["organisation_kind"],
                    "region": data["region"],
                },
            )
        self.profile.organisation = organisation
        self.profile.job_title = data["job_title"]
        self.profile.in_directory = data["in_directory"]
        self.profile.save()
        return self.profile


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, checking what the file holds (its size is checked by Wagtail,
    WAGTAILDOCS_MAX_UPLOAD_SIZE, and its extension by the model, WAGTAILDOCS_EXTENSIONS)."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            validate_document_content(upload)
        return upload


class CommentForm(XtdCommentForm):
    """django-comments-xtd's form. The comment keeps a 50-character snapshot of its author's
    name (pages show the member's current name): a longer full name is cut instead of making
    the comment fail on a field the member cannot see."""

    def __init__(self, target_object, data=None, **kwargs):
        limit = self.base_fields["name"].max_length
        if data is not None and len(data.get("name", "")) > limit:
            data = data.copy()
            data["name"] = data["name"][:limit]
        super().__init__(target_object, data=data, **kwargs)
