"""Public pages of the promotions, "Mes promotions", and each promotion's private space.

Private views go through `private_space`, which asks `permissions.Access`: anonymous visitors are
sent to the login page, logged-in outsiders get a 404 (the private space does not exist for them),
members lacking a role (e.g. a participant on a mentor's page) get a 403.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.csv_safe import SafeWriter
from portal.page_cache import cached_page

from . import ical, services
from .forms import ApplicationForm, AttendanceForm, RecapForm, SurveyForm
from .models import (
    CODEV_STEPS,
    Application,
    CalendarToken,
    Membership,
    Promotion,
    PromotionDocument,
    Recap,
    Session,
    SurveyResponse,
)
from .permissions import Access, can_apply
from .survey import figures

# --- Helpers --------------------------------------------------------------------------------


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


# --- Public pages ---------------------------------------------------------------------------


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


# --- Mes promotions and calendar feeds ------------------------------------------------------


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
            "feed_url": request.build_absolute_uri(token.get_absolute_url()),
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


# --- Private space --------------------------------------------------------------------------


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


@private_space(require="manage")
def attendance(request, promotion, pk):
    session = session_or_404(promotion, pk)
    form = AttendanceForm(
        request.POST or None,
        session=session,
        initial={"attendees": list(session.attendees.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        session.attendees.set(form.cleaned_data["attendees"])
        messages.success(request, _("Les présences ont été enregistrées."))
        return redirect(session)
    return render(
        request,
        "promotions/attendance.html",
        space_context(
            request,
            promotion,
            _("Présences"),
            links=[{"url": session.get_absolute_url(), "title": session.title}],
            session=session,
            form=form,
        ),
    )


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


@private_space(require="manage")
def recap_edit(request, promotion, pk):
    session = session_or_404(promotion, pk)
    recap = Recap.objects.filter(session=session).first() or Recap(
        session=session, author=request.user
    )
    form = RecapForm(request.POST or None, instance=recap)
    if request.method == "POST" and form.is_valid():
        recap = form.save(commit=False)
        if recap.author_id is None:
            recap.author = request.user
        if request.POST.get("action") == "publish" or recap.is_published:
            sent = services.publish_recap(recap)
            if sent:
                messages.success(
                    request,
                    _(
                        "La fiche est publiée ; %(count)d participants ont été prévenus par courriel."
                    )
                    % {"count": sent},
                )
            else:
                messages.success(request, _("La fiche publiée a été mise à jour."))
        else:
            recap.save()
            messages.success(request, _("Le brouillon de la fiche est enregistré."))
        return redirect("promotions:recap", promotion.slug, session.pk)
    return render(
        request,
        "promotions/recap_form.html",
        space_context(
            request,
            promotion,
            _("Rédiger la fiche récapitulative"),
            links=[{"url": session.get_absolute_url(), "title": session.title}],
            session=session,
            recap=recap,
            form=form,
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


# --- Survey ---------------------------------------------------------------------------------


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


def _survey_answers(promotion):
    return promotion.survey_responses.select_related(
        "user", "user__profile__organisation"
    ).order_by("created_at")


@private_space(require="manage")
def survey_results(request, promotion):
    answers = list(_survey_answers(promotion))
    result = figures((answer.more_able, answer.publish_plan) for answer in answers)
    return render(
        request,
        "promotions/survey_results.html",
        space_context(
            request,
            promotion,
            _("Résultats du questionnaire"),
            figures=result,
            participant_count=promotion.memberships.filter(
                role=Membership.Role.PARTICIPANT
            ).count(),
            comments=[answer for answer in answers if answer.comment.strip()],
        ),
    )


@private_space(require="manage")
def survey_csv(request, promotion):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="questionnaire-{promotion.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # BOM: Excel opens UTF-8 correctly.
    writer = SafeWriter(response)
    writer.writerow(
        [
            _("Participant"),
            _("Organisation"),
            _("Plus capable de piloter un SPASER"),
            _("Publication prévue dans les six mois"),
            _("Commentaire"),
            _("Date de réponse"),
        ]
    )
    for answer in _survey_answers(promotion):
        organisation = answer.user.profile.organisation if hasattr(answer.user, "profile") else None
        writer.writerow(
            [
                answer.user.get_full_name() or answer.user.email,
                organisation.name if organisation else "",
                answer.get_more_able_display(),
                answer.get_publish_plan_display(),
                answer.comment,
                timezone.localtime(answer.created_at).strftime("%d/%m/%Y"),
            ]
        )
    return response
