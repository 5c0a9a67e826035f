"""What a member of a promotion sees: « Mes promotions », their calendar feed, and the private
space of each promotion (sessions, recaps, documents, members, the closing survey)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.public_url import absolute_url

from .. import ical
from ..forms import SurveyForm
from ..models import (
    CODEV_STEPS,
    Application,
    CalendarToken,
    Membership,
    PromotionDocument,
    Recap,
    Session,
    SurveyResponse,
)
from .base import ics_response, members_of, private_space, session_or_404, space_context


@login_required
def my_promotions(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("promotion", "promotion__sponsor")
        .order_by("-promotion__start_date")
    )
    promotion_ids = [membership.promotion_id for membership in memberships]
    upcoming = (
        Session.objects.filter(promotion_id__in=promotion_ids, starts_at__gte=timezone.now())
        .select_related("promotion")
        .order_by("starts_at")[:5]
    )
    applications = (
        Application.objects.filter(user=request.user)
        .exclude(promotion_id__in=promotion_ids)
        .select_related("promotion")
    )
    token, _created = CalendarToken.objects.get_or_create(user=request.user)
    return render(
        request,
        "promotions/my_promotions.html",
        {
            "memberships": memberships,
            "upcoming": upcoming,
            "applications": applications,
            "feed_url": absolute_url(token.get_absolute_url()),
            "breadcrumb_links": [{"url": reverse("promotions:index"), "title": _("Promotions")}],
            "breadcrumb_current": _("Mes promotions"),
        },
    )


@login_required
@require_POST
def regenerate_feed(request):
    token, created = CalendarToken.objects.get_or_create(user=request.user)
    if not created:
        token.regenerate()
    messages.success(
        request,
        _("Une nouvelle adresse d'agenda a été créée ; l'ancienne ne fonctionne plus."),
    )
    return redirect("promotions:mine")


def feed(request, token):
    """The member's private feed: sessions of their own promotions only; revoked tokens are 404."""
    calendar_token = get_object_or_404(
        CalendarToken.objects.select_related("user"), token=token, user__is_active=True
    )
    sessions = (
        Session.objects.filter(promotion__memberships__user=calendar_token.user)
        .select_related("promotion")
        .order_by("starts_at")
    )
    return ics_response(ical.feed_calendar(sessions), "entraide-spaser-promotions.ics")


@private_space()
def space(request, promotion):
    sessions = list(promotion.sessions.select_related("recap", "case_holder").order_by("starts_at"))
    now = timezone.now()
    access = request.promotion_access
    context = space_context(
        request,
        promotion,
        _("Espace de la promotion"),
        upcoming=[session for session in sessions if session.ends_at >= now],
        past=[session for session in sessions if session.ends_at < now],
        recap_count=sum(1 for s in sessions if hasattr(s, "recap") and s.recap.is_published),
        member_count=promotion.memberships.count(),
        documents=promotion.documents.select_related("session")[:5],
        survey_answered=access.is_participant
        and promotion.survey_responses.filter(user=request.user).exists(),
    )
    context["breadcrumb_links"] = context["breadcrumb_links"][:1]
    context["breadcrumb_current"] = promotion.name
    return render(request, "promotions/space.html", context)


@private_space()
def members(request, promotion):
    return render(
        request,
        "promotions/members.html",
        space_context(
            request,
            promotion,
            _("Membres"),
            mentors=members_of(promotion, Membership.Role.MENTOR),
            participants=members_of(promotion, Membership.Role.PARTICIPANT),
        ),
    )


@private_space()
def session_detail(request, promotion, pk):
    session = session_or_404(promotion, pk)
    recap = Recap.objects.filter(session=session).first()
    if recap and not recap.is_published and not request.promotion_access.can_manage:
        recap = None
    return render(
        request,
        "promotions/session_detail.html",
        space_context(
            request,
            promotion,
            session.title,
            session=session,
            steps=CODEV_STEPS if session.is_codev else [],
            recap=recap,
            documents=session.documents.all(),
            attendees=session.attendees.order_by("last_name", "first_name")
            if request.promotion_access.can_manage
            else None,
        ),
    )


@private_space()
def session_ics(request, promotion, pk):
    session = session_or_404(promotion, pk)
    return ics_response(ical.session_calendar(session), f"seance-{session.pk}.ics")


@private_space()
def recap_list(request, promotion):
    sessions = promotion.sessions.select_related("recap", "recap__author").order_by("starts_at")
    access = request.promotion_access
    rows = []
    for session in sessions:
        recap = getattr(session, "recap", None)
        if recap and (recap.is_published or access.can_manage):
            rows.append((session, recap))
        elif access.can_manage and session.is_past:
            rows.append((session, None))
    return render(
        request,
        "promotions/recap_list.html",
        space_context(request, promotion, _("Fiches récapitulatives"), rows=rows),
    )


@private_space()
def recap_detail(request, promotion, pk):
    session = session_or_404(promotion, pk)
    recap = get_object_or_404(Recap.objects.select_related("author"), session=session)
    if not recap.is_published and not request.promotion_access.can_manage:
        raise Http404
    return render(
        request,
        "promotions/recap_detail.html",
        space_context(
            request,
            promotion,
            _("Fiche récapitulative"),
            links=[
                {
                    "url": reverse("promotions:recaps", args=[promotion.slug]),
                    "title": _("Fiches récapitulatives"),
                }
            ],
            session=session,
            recap=recap,
        ),
    )


@private_space()
def documents(request, promotion):
    return render(
        request,
        "promotions/documents.html",
        space_context(
            request,
            promotion,
            _("Documents"),
            documents=promotion.documents.select_related("session"),
        ),
    )


@private_space()
def document_download(request, promotion, pk):
    document = get_object_or_404(PromotionDocument, promotion=promotion, pk=pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=document.filename)
    response["Cache-Control"] = "private, no-store"
    return response


@private_space(require="participant")
def survey(request, promotion):
    existing = SurveyResponse.objects.filter(promotion=promotion, user=request.user).first()
    form = None
    if existing is None and promotion.survey_open:
        form = SurveyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            answer = form.save(commit=False)
            answer.promotion, answer.user = promotion, request.user
            try:
                with transaction.atomic():
                    answer.save()
            except IntegrityError:
                pass
            messages.success(request, _("Merci ! Votre réponse a été enregistrée."))
            return redirect("promotions:survey", promotion.slug)
    return render(
        request,
        "promotions/survey.html",
        space_context(
            request, promotion, _("Questionnaire de fin de programme"), form=form, existing=existing
        ),
    )
