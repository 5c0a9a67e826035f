"""« Courriels sortants » in the Wagtail admin: pending and failed emails, and a retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.pagination import paginate

from .models import OutgoingEmail
from .tasks import retry

Status = OutgoingEmail.Status
PERMISSION = "outbox.change_outgoingemail"
FILTERS = {
    "attente": [Status.PENDING, Status.SENDING],
    "echec": [Status.FAILED],
    "envoyes": [Status.SENT],
}


def can_manage(user):
    return user.is_active and user.has_perm(PERMISSION)


def outbox_index(request):
    if not can_manage(request.user):
        raise PermissionDenied
    if request.method == "POST":
        selected = [pk for pk in request.POST.getlist("email") if pk.isascii() and pk.isdigit()]
        if request.POST.get("action") == "retry-failed":
            emails = OutgoingEmail.objects.filter(status=Status.FAILED)
        else:
            emails = OutgoingEmail.objects.filter(pk__in=selected)
        count = retry(emails)
        messages.success(
            request,
            ngettext(
                "%(count)d courriel remis en file d'envoi.",
                "%(count)d courriels remis en file d'envoi.",
                count,
            )
            % {"count": count},
        )
        return redirect(request.get_full_path())
    current = request.GET.get("etat", "attente")
    if current not in FILTERS:
        current = "attente"
    emails = OutgoingEmail.objects.filter(status__in=FILTERS[current]).order_by("-created_at")
    page = paginate(request, emails, 50)
    counts = {
        key: OutgoingEmail.objects.filter(status__in=value).count()
        for key, value in FILTERS.items()
    }
    tabs = [
        ("attente", _("En attente"), counts["attente"]),
        ("echec", _("En échec"), counts["echec"]),
        ("envoyes", _("Envoyés"), counts["envoyes"]),
    ]
    return TemplateResponse(
        request,
        "outbox/index.html",
        {"page_obj": page, "current": current, "tabs": tabs, "title": _("Courriels sortants")},
    )
