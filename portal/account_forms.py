"""allauth's forms where the portal needs more than allauth's settings (ACCOUNT_FORMS)."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _


class AddEmailForm(AllauthAddEmailForm):
    """An address another account has already confirmed cannot be added, and nothing is sent.

    Left to allauth (which hides whether an address is taken), the form would email that
    address's owner, naming the account that tried to add it.
    """

    def clean_email(self):
        value = (self.cleaned_data.get("email") or "").strip().lower()
        taken = (
            EmailAddress.objects.filter(email__iexact=value, verified=True)
            .exclude(user=self.user)
            .exists()
        )
        if taken:
            raise forms.ValidationError(
                _(
                    "Cette adresse est déjà confirmée par un autre compte : elle ne peut pas être ajoutée."
                ),
                code="email_taken",
            )
        return super().clean_email()
