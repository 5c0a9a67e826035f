from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import legal, organisations
from .forms import ProfileForm
from .models import OrganisationMembership, Profile
from .pagination import paginate


@login_required
def profile_edit(request):
    profile = Profile.objects.select_related("user", "organisation").get_or_create(
        user=request.user
    )[0]
    form = ProfileForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil a été enregistré."))
        membership = form.membership
        if membership is not None and membership.is_verified:
            messages.success(
                request,
                _("Vous êtes membre vérifié de %(name)s.") % {"name": membership.organisation},
            )
        elif membership is not None:
            messages.info(
                request,
                _(
                    "Votre demande de rattachement est en attente : vous recevrez un courriel "
                    "quand elle sera décidée."
                ),
            )
        return redirect("portal:profile")
    memberships = (
        OrganisationMembership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("-requested_at")
    )
    context = {
        "form": form,
        "profile": profile,
        "memberships": memberships,
        "manages": organisations.managed_organisations(request.user).exists(),
    }
    return render(request, "portal/profile_edit.html", context)


@login_required
def directory(request):
    """Members who chose to appear in the directory; only members see it."""
    profiles = (
        Profile.objects.filter(in_directory=True, user__is_active=True)
        .select_related("user", "organisation", "organisation__kind")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        profiles = profiles.filter(
            Q(organisation__name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__first_name__icontains=query)
        )
    page = paginate(request, profiles, 24)
    return render(request, "portal/directory.html", {"page_obj": page, "query": query})


def health(request):
    """Liveness probe for the load balancer; also the bare baseline of the load benchmark.

    « no-store » is all a probe's answer needs (`never_cache` would parse and write five
    directives and an Expires date on each call, a tenth of the probe's cost)."""
    return HttpResponse("ok", content_type="text/plain", headers={"Cache-Control": "no-store"})


def csrf_failure(request, reason=""):
    """A form posted without a valid CSRF token: a French page in the site's layout."""
    return render(request, "403_csrf.html", status=403)


def legal_changes(request):
    """« Ce qui a changé » : the dated changes of the texts the portal applies."""
    return render(
        request,
        "portal/legal_changes.html",
        {
            "changes": legal.CHANGES,
            "reviewed_on": legal.REVIEWED_ON,
            "breadcrumb_current": _("Ce qui a changé"),
        },
    )


def site_map(request):
    """« Plan du site »: every published public page and the application's sections."""
    from . import site_map as plan

    return render(
        request,
        "portal/site_map.html",
        {
            "tree": plan.page_tree(request),
            "sections": plan.app_views(),
            "breadcrumb_current": _("Plan du site"),
        },
    )
