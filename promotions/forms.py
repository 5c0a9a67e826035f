from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from portal.models import Organisation

from .models import Membership, Recap, SurveyResponse


class ApplicationForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label=_("Votre organisation"),
        queryset=Organisation.objects.filter(validated=True).order_by("name"),
        help_text=_(
            "Votre organisation n'est pas dans la liste ? Renseignez son SIREN dans votre profil."
        ),
        error_messages={
            "required": _("Choisissez votre organisation."),
            "invalid_choice": _("Choisissez une organisation de la liste."),
        },
    )
    motivation = forms.CharField(
        label=_("Votre motivation"),
        help_text=_(
            "Où en est votre collectivité dans son SPASER, et qu'attendez-vous de la promotion ? "
            "(40 caractères au moins)"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=40,
        max_length=4000,
        error_messages={
            "required": _("Expliquez en quelques lignes votre motivation."),
            "min_length": _(
                "Expliquez votre motivation en %(limit_value)d caractères au moins "
                "(vous en avez écrit %(show_value)d)."
            ),
            "max_length": _("Votre motivation dépasse %(limit_value)d caractères."),
        },
    )


class RecapForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Recap
        fields = ["key_points", "resources", "actions"]
        widgets = {
            "key_points": forms.Textarea(attrs={"rows": 8}),
            "resources": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "key_points": _("Les idées fortes échangées, une par ligne."),
            "resources": _("Textes, guides, exemples de SPASER ou de clauses cités, un par ligne."),
            "actions": _("Ce que le porteur de cas et les participants vont faire, un par ligne."),
        }
        error_messages = {"key_points": {"required": _("Indiquez au moins les points clés.")}}


class AttendanceForm(DsfrBaseForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Participants présents"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        members = (
            get_user_model()
            .objects.filter(
                promotion_memberships__promotion=session.promotion,
                promotion_memberships__role=Membership.Role.PARTICIPANT,
            )
            .order_by("last_name", "first_name", "pk")
        )
        field = self.fields["attendees"]
        field.queryset = members
        field.label_from_instance = lambda user: user.get_full_name() or user.email


class SurveyForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = SurveyResponse
        fields = ["more_able", "publish_plan", "comment"]
        widgets = {
            "more_able": forms.RadioSelect,
            "publish_plan": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "more_able": {"required": _("Répondez par oui ou par non.")},
            "publish_plan": {"required": _("Choisissez une réponse.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons without an empty "---------" choice.
        for name in ("more_able", "publish_plan"):
            field = self.fields[name]
            field.choices = [choice for choice in field.choices if choice[0]]
        self.fields["comment"].label = _("Un commentaire ? (facultatif)")
