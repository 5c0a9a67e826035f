"""Membership requests and members of an organisation: its referents' page and staff's queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import organisations
from .models import MembershipEvent, Organisation, OrganisationMembership
from .pagination import paginate

ACTIONS = {
    "approve": _("La demande de %(who)s est acceptée."),
    "refuse": _("La demande de %(who)s est refusée."),
    "remove": _("%(who)s n'est plus membre de l'organisation."),
    "referent": _("%(who)s est maintenant référent de l'organisation."),
    "unreferent": _("%(who)s n'est plus référent de l'organisation."),
}


def _membership_from_post(request, organisation=None):
    raw = request.POST.get("membership", "")
    if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
        raise Http404
    queryset = OrganisationMembership.objects.select_related("user", "organisation")
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return get_object_or_404(queryset, pk=raw)


def _apply(request, membership):
    """Runs the POSTed action on `membership`; False with a French message when it cannot."""
    action = request.POST.get("action")
    who = membership.user.get_full_name() or membership.user.email
    if action not in ACTIONS:
        messages.error(request, _("Action inconnue."))
        return False
    if action in ("approve", "refuse"):
        if membership.status != OrganisationMembership.REQUESTED:
            messages.error(request, _("Cette demande a déjà été décidée."))
            return False
        if action == "approve" and not membership.organisation.validated:
            messages.error(
                request,
                _(
                    "L'organisation n'est pas encore validée : vérifiez son nom, son type et ses "
                    "domaines dans l'administration, puis cochez « validée par l'équipe »."
                ),
            )
            return False
        organisations.decide(membership, request.user, approve=action == "approve")
    elif membership.status != OrganisationMembership.VERIFIED:
        messages.error(request, _("Cette personne n'est pas membre vérifié de l'organisation."))
        return False
    elif action == "remove":
        organisations.remove(membership, request.user)
    else:
        organisations.set_referent(membership, request.user, value=action == "referent")
    messages.success(request, ACTIONS[action] % {"who": who})
    return True


@login_required
def organisation_members(request, pk):
    """The organisation's requests, members and log, for its referents and staff only."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisations.can_manage(request.user, organisation):
        raise Http404
    if request.method == "POST":
        _apply(request, _membership_from_post(request, organisation))
        return redirect("portal:organisation_members", pk=organisation.pk)
    memberships = list(
        organisation.memberships.select_related("user", "verified_by").order_by(
            "-is_referent", "user__last_name", "user__first_name"
        )
    )
    events = paginate(request, organisation.membership_events.select_related("member", "actor"), 30)
    context = {
        "organisation": organisation,
        "requests": [m for m in memberships if m.status == OrganisationMembership.REQUESTED],
        "members": [m for m in memberships if m.status == OrganisationMembership.VERIFIED],
        "events": events,
        "breadcrumb_links": [{"url": reverse("portal:profile"), "title": _("Mon profil")}],
        "breadcrumb_current": _("Membres de %(name)s") % {"name": organisation.name},
    }
    return render(request, "portal/organisation_members.html", context)


@login_required
def membership_requests(request):
    """Staff's queue: every pending request, the organisations still to validate among them."""
    if not organisations.is_staff(request.user):
        raise Http404
    if request.method == "POST":
        _apply(request, _membership_from_post(request))
        return redirect("portal:membership_requests")
    pending = (
        OrganisationMembership.objects.filter(status=OrganisationMembership.REQUESTED)
        .select_related("user", "organisation", "organisation__kind")
        .order_by("requested_at", "pk")
    )
    context = {
        "page_obj": paginate(request, pending, 30),
        "breadcrumb_current": _("Demandes de rattachement"),
    }
    return render(request, "portal/membership_requests.html", context)


@login_required
@require_POST
def leave_organisation(request, pk):
    membership = get_object_or_404(OrganisationMembership, pk=pk, user=request.user)
    if membership.status == OrganisationMembership.VERIFIED:
        organisations.remove(membership, request.user)
    else:
        MembershipEvent.objects.create(
            organisation=membership.organisation,
            member=request.user,
            actor=request.user,
            action=MembershipEvent.REMOVED,
        )
        membership.delete()
    messages.success(request, _("Vous avez quitté l'organisation."))
    return redirect("portal:profile")
