"""« Mes données »: a member downloads what the portal holds about them, or deletes their account.

What is exported and what a deletion does is declared in `portal.personal_data`; these views only
ask (the password confirms a deletion) and answer.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from dsfr.forms import DsfrBaseForm

from . import personal_data


class DeleteAccountForm(DsfrBaseForm):
    KEEP, REMOVE = "keep", "remove"

    comments = forms.ChoiceField(
        label=gettext_lazy("Vos commentaires"),
        choices=[
            (KEEP, gettext_lazy("Les garder, signés « Ancien membre »")),
            (REMOVE, gettext_lazy("Les retirer des pages")),
        ],
        initial=KEEP,
        widget=forms.RadioSelect,
    )
    password = forms.CharField(
        label=gettext_lazy("Votre mot de passe"),
        help_text=gettext_lazy("Il confirme que c'est bien vous qui supprimez ce compte."),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Je comprends que la suppression est définitive."),
        error_messages={"required": gettext_lazy("Cochez cette case pour confirmer.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password


@never_cache
@login_required
def my_data(request):
    form = DeleteAccountForm(user=request.user)
    return render(request, "portal/my_data.html", _context(request, form))


def _context(request, form):
    counts = [
        (section, len(rows)) for section, rows in personal_data.collect(request.user)[1:] if rows
    ]
    return {"form": form, "counts": counts, "breadcrumb_current": _("Mes données")}


@never_cache
@login_required
def download(request, fmt):
    day = timezone.localdate().isoformat()
    if fmt == "json":
        body, content_type = personal_data.export_json(request.user), "application/json"
    else:
        body, content_type = personal_data.export_csv(request.user), "text/csv"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{day}.{fmt}"'
    return response


@never_cache
@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "portal/my_data.html", _context(request, form))
    user = request.user
    logout(request)
    personal_data.delete_account(
        user, remove_comments=form.cleaned_data["comments"] == DeleteAccountForm.REMOVE
    )
    messages.success(request, _("Votre compte a été supprimé. Merci d'avoir participé."))
    return redirect("/")


def privacy(request):
    return render(
        request,
        "portal/privacy.html",
        {
            "holdings": [h for h in personal_data.HOLDINGS if h.section],
            "contact": settings.COMMENTS_XTD_CONTACT_EMAIL,
        },
    )
