"""The promotions as everyone sees them: the list, a promotion's page, and applying to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.page_cache import cached_page

from .. import services
from ..forms import ApplicationForm
from ..models import Application, Membership, Promotion
from ..permissions import Access, can_apply
from .base import members_of


@cached_page
def promotion_list(request):
    promotions = Promotion.objects.select_related("sponsor").annotate(
        participant_count=Count(
            "memberships", filter=Q(memberships__role=Membership.Role.PARTICIPANT)
        )
    )
    groups = [
        (_("Candidatures ouvertes"), [p for p in promotions if p.state == Promotion.State.OPEN]),
        (_("En cours"), [p for p in promotions if p.state == Promotion.State.RUNNING]),
        (_("Terminées"), [p for p in promotions if p.state == Promotion.State.FINISHED]),
    ]
    return render(
        request,
        "promotions/promotion_list.html",
        {"groups": groups, "breadcrumb_current": _("Promotions")},
    )


def _detail_context(request, promotion, form=None):
    user = request.user
    application = None
    access = None
    if user.is_authenticated:
        application = promotion.applications.filter(user=user).first()
        access = Access(user, promotion)
        if form is None and can_apply(user, promotion):
            organisation = getattr(getattr(user, "profile", None), "organisation", None)
            form = ApplicationForm(initial={"organisation": organisation})
    participant_count = promotion.memberships.filter(role=Membership.Role.PARTICIPANT).count()
    return {
        "promotion": promotion,
        "mentors": members_of(promotion, Membership.Role.MENTOR),
        "programme": promotion.sessions.order_by("starts_at").only("kind", "starts_at"),
        "participant_count": participant_count,
        "places_left": max(promotion.capacity - participant_count, 0),
        "application": application,
        "access": access,
        "form": form,
        "breadcrumb_links": [{"url": reverse("promotions:index"), "title": _("Promotions")}],
        "breadcrumb_current": promotion.name,
    }


@cached_page
def promotion_detail(request, slug):
    promotion = get_object_or_404(Promotion.objects.select_related("sponsor"), slug=slug)
    return render(request, "promotions/promotion_detail.html", _detail_context(request, promotion))


@login_required
def apply(request, slug):
    promotion = get_object_or_404(Promotion, slug=slug)
    if request.method != "POST":
        return redirect(promotion)
    if not can_apply(request.user, promotion):
        messages.error(
            request,
            _(
                "Vous ne pouvez pas candidater à cette promotion (déjà candidat, membre ou "
                "candidatures fermées)."
            ),
        )
        return redirect(promotion)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    promotion=promotion,
                    user=request.user,
                    organisation=form.cleaned_data["organisation"],
                    motivation=form.cleaned_data["motivation"],
                )
        except IntegrityError:
            messages.error(request, _("Vous avez déjà candidaté à cette promotion."))
            return redirect(promotion)
        services.application_received(application)
        messages.success(
            request,
            _(
                "Votre candidature a été envoyée. Vous recevrez un courriel dès qu'elle sera examinée."
            ),
        )
        return redirect(promotion)
    return render(
        request, "promotions/promotion_detail.html", _detail_context(request, promotion, form)
    )
