"""Comment moderation queue: comments members flagged, and comments held for approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_comments.models import CommentFlag
from django_comments.views.moderation import perform_approve, perform_delete
from django_comments_xtd.models import XtdComment

from .numbers import parse_int
from .pagination import paginate
from .roles import is_moderator

# Third-party strings worded in French by locale/fr (kept there by `make messages`).
THIRD_PARTY_STRINGS = [
    gettext_noop("new comment posted"),  # django_comments_xtd: subject of the reply notification
]


def pending_comments():
    return (
        XtdComment.objects.filter(is_removed=False)
        .annotate(removal_flags=Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL)))
        .filter(Q(removal_flags__gt=0) | Q(is_public=False))
        .select_related("user", "content_type")
        .order_by("-removal_flags", "-submit_date")
    )


@login_required
def moderation_queue(request):
    if not is_moderator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        comment = get_object_or_404(XtdComment, pk=parse_int(request.POST.get("comment", "")))
        action = request.POST.get("action")
        if action == "remove":
            perform_delete(request, comment)
            messages.success(request, _("Le commentaire a été retiré."))
        elif action == "keep":
            perform_approve(request, comment)
            comment.flags.filter(flag=CommentFlag.SUGGEST_REMOVAL).delete()
            messages.success(request, _("Le commentaire est conservé et publié."))
        else:
            messages.error(request, _("Action inconnue."))
        return redirect("comments_moderation")
    page_obj = paginate(request, pending_comments(), 20)
    return render(
        request,
        "portal/comments_moderation.html",
        {"page_obj": page_obj, "breadcrumb_current": _("Modération des commentaires")},
    )
