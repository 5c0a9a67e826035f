from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from .markup import MAX_BODY_LENGTH
from .models import Report
from .services import check_rate_limit

BODY_HELP = _(
    "Mise en forme Markdown : **gras**, *italique*, [lien](https://…), listes avec « - », "
    "citation avec « > »."
)


class RateLimitedForm(DsfrBaseForm):
    """Checks the member's posting rate; on refusal the typed text stays in the form."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.user is not None:
            try:
                check_rate_limit(self.user)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


def _body_field(label):
    return forms.CharField(
        label=label,
        max_length=MAX_BODY_LENGTH,
        min_length=2,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Écrivez votre message."),
            "min_length": _("Votre message est trop court."),
            "max_length": _(
                "Votre message est trop long (%(limit_value)s caractères au plus, il en compte "
                "%(show_value)s) : raccourcissez-le ou publiez-le en plusieurs réponses."
            ),
        },
    )


class TopicForm(RateLimitedForm):
    title = forms.CharField(
        label=_("Titre du sujet"),
        max_length=200,
        min_length=5,
        help_text=_(
            "Une question précise, par exemple « Quels indicateurs pour le volet social ? »"
        ),
        error_messages={
            "required": _("Donnez un titre à votre sujet."),
            "min_length": _("Le titre est trop court (5 caractères au moins)."),
            "max_length": _("Le titre est trop long (200 caractères au plus)."),
        },
    )
    body = _body_field(_("Votre message"))

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 5:
            raise ValidationError(_("Le titre est trop court (5 caractères au moins)."))
        return title


class ReplyForm(RateLimitedForm):
    body = _body_field(_("Votre réponse"))


class EditPostForm(DsfrBaseForm):
    body = _body_field(_("Message"))


class EditTopicForm(DsfrBaseForm):
    title = TopicForm.base_fields["title"]
    body = _body_field(_("Message"))

    clean_title = TopicForm.clean_title


class ReportForm(DsfrBaseForm):
    reason = forms.ChoiceField(
        label=_("Motif du signalement"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un motif.")},
    )
    comment = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
