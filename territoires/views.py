from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from portal import organisations
from portal.geography import departement_name
from portal.page_cache import cached_page

from .forms import FinderForm
from .models import ExternalEvent, Facilitator


@cached_page
def finder(request):
    """« Trouver un facilitateur »: the facilitators and networks of a postcode's or a
    département's territory. Two queries whatever the directory holds."""
    form = FinderForm(request.GET or None)
    departement = postcode = ""
    facilitators = networks = ()
    if form.is_bound and form.is_valid():
        departement = form.cleaned_data["departement"]
        postcode = form.cleaned_data["postcode"]
        found = list(Facilitator.objects.covering(departement))
        facilitators = [f for f in found if f.kind == Facilitator.FACILITATOR]
        networks = [f for f in found if f.kind == Facilitator.NETWORK]
    own = None
    if not form.is_bound:
        # A member of an organisation whose département is known: one click to its facilitators.
        organisation = organisations.acting_organisation(request.user)
        if organisation is not None and organisation.departement:
            own = organisation
    return render(
        request,
        "territoires/finder.html",
        {
            "form": form,
            "departement": departement,
            "departement_name": departement_name(departement),
            "postcode": postcode,
            "facilitators": facilitators,
            "networks": networks,
            "own_organisation": own,
            "breadcrumb_current": _("Trouver un facilitateur"),
        },
    )


def event_ics(request, pk):
    """One external event as an iCalendar file, while it is not over."""
    from .ics import event_calendar

    event = get_object_or_404(ExternalEvent.objects.upcoming(), pk=pk)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"rendez-vous-{pk}.ics")
    return response
