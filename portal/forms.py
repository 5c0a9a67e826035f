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
from .taxonomy import term_choices


def _terms(model, empty_label):
    return lambda: [("", empty_label), *term_choices(model)]


class TaxonomyFilterForm(DsfrBaseForm):
    """Filters of the resource listings; they combine and live in the URL so a list can be
    shared. Pages filtered must have `themes`, `familles` and `collectivite_types`. Each filter's
    value is a term's slug, checked against the cached terms (portal.taxonomy)."""

    theme = forms.ChoiceField(
        label=_("Thème"), choices=_terms(Theme, _("Tous les thèmes")), required=False
    )
    famille = forms.ChoiceField(
        label=_("Famille d'achat"),
        choices=_terms(FamilleAchat, _("Toutes les familles")),
        required=False,
    )
    collectivite = forms.ChoiceField(
        label=_("Type de collectivité"),
        choices=_terms(CollectiviteType, _("Tous les types")),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("theme", "famille", "collectivite"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Ce filtre n'existe pas ou plus : choisissez une valeur dans la liste."
            )

    def filters(self):
        """The filters that validated; an unknown value in the URL is ignored, never a 500."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})


class PersonNameForm(forms.Form):
    """A member's first and last names, as their account keeps them."""

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class SignupForm(PersonNameForm):
    """Extra fields asked at sign-up by allauth (ACCOUNT_SIGNUP_FORM_CLASS)."""

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(DsfrBaseForm, PersonNameForm):
    """The member's own profile. A SIREN asks to join that organisation: the membership is
    verified automatically by the e-mail domain, or by a referent or staff (portal.organisations);
    it never opens anything by itself."""

    job_title = forms.CharField(
        label=_("Fonction"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    siren = forms.CharField(
        label=_("Rejoindre une organisation : son SIREN"),
        max_length=11,
        required=False,
        help_text=_(
            "9 chiffres. Vous êtes rattaché aussitôt si votre adresse confirmée est à l'un des "
            "domaines déclarés par l'organisation ; sinon votre demande est vérifiée par un "
            "référent de l'organisation ou par l'équipe du portail."
        ),
    )
    organisation_name = forms.CharField(
        label=_("Nom de l'organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_(
            "Demandé seulement si l'organisation n'est pas encore connue du portail : l'équipe "
            "vérifie le nom, le type et les domaines avant de l'enregistrer."
        ),
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
        self.membership = None
        kwargs.setdefault(
            "initial",
            {
                "first_name": profile.user.first_name,
                "last_name": profile.user.last_name,
                "job_title": profile.job_title,
                "in_directory": profile.in_directory,
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
        from . import organisations

        data = self.cleaned_data
        user = self.profile.user
        user.first_name, user.last_name = data["first_name"], data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        self.profile.job_title = data["job_title"]
        self.profile.in_directory = data["in_directory"]
        self.profile.save(update_fields=["job_title", "in_directory"])
        if data["siren"]:
            self.membership = organisations.claim_siren(
                user,
                data["siren"],
                name=data["organisation_name"],
                kind=data["organisation_kind"],
                region=data["region"],
            )
        return self.profile


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form. What the file holds and its size are checked by the model's
    field (portal.uploads.attach_document_validators), so every form shares the same checks;
    its extension by the model, WAGTAILDOCS_EXTENSIONS."""


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
