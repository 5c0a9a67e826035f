"""What the mentors (and staff) of a promotion do in its private space: attendance, recaps,
the survey's results."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.csv_safe import SafeWriter

from .. import tasks
from ..forms import AttendanceForm, RecapForm
from ..models import Membership, Recap
from ..survey import figures
from .base import private_space, session_or_404, space_context


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
            sent = tasks.publish_recap(recap)
            if sent:
                messages.success(
                    request,
                    ngettext(
                        "La fiche est publiée ; %(count)d participant a été prévenu par courriel.",
                        "La fiche est publiée ; %(count)d participants ont été prévenus par "
                        "courriel.",
                        sent,
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
