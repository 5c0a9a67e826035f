"""What the promotions' views share: the private space's door and layout, a few lookups.

Private views go through `private_space`, which asks `permissions.Access`: anonymous visitors are
sent to the login page, logged-in outsiders get a 404 (the private space does not exist for them),
members lacking a role (e.g. a participant on a mentor's page) get a 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Membership, Promotion, Session
from ..permissions import Access


def private_space(require=None):
    """Decorator for the private space: `require` is None (any member), "manage" or "participant"."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            promotion = get_object_or_404(Promotion.objects.select_related("sponsor"), slug=slug)
            access = Access(request.user, promotion)
            if not access.can_view_private:
                raise Http404
            if require == "manage" and not access.can_manage:
                raise PermissionDenied
            if require == "participant" and not access.is_participant:
                raise PermissionDenied
            request.promotion_access = access
            return view(request, promotion, *args, **kwargs)

        return wrapper

    return decorator


def space_context(request, promotion, current, links=(), **extra):
    breadcrumb_links = [
        {"url": reverse("promotions:index"), "title": _("Promotions")},
        {"url": promotion.get_space_url(), "title": promotion.name},
        *links,
    ]
    return {
        "promotion": promotion,
        "access": request.promotion_access,
        "breadcrumb_links": breadcrumb_links,
        "breadcrumb_current": current,
        **extra,
    }


def session_or_404(promotion, pk):
    return get_object_or_404(
        Session.objects.select_related("promotion", "case_holder", "case_holder__profile"),
        promotion=promotion,
        pk=pk,
    )


def members_of(promotion, role=None):
    memberships = Membership.objects.filter(promotion=promotion).select_related(
        "user", "user__profile", "user__profile__organisation"
    )
    if role:
        memberships = memberships.filter(role=role)
    return memberships.order_by("user__last_name", "user__first_name", "pk")


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
