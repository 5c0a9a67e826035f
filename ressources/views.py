from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from wagtail.models import Site

from territoires.forms import RegionFilterForm

from . import agenda
from .ics import webinars_calendar
from .models import WebinarIndexPage, WebinarRegistration

#: The networks' rendez-vous of a calendar feed, at most.
CALENDAR_EVENTS_MAX = 200


@login_required
def my_registrations(request):
    """The member's webinar registrations, upcoming first, each with a link to its page."""
    registrations = (
        WebinarRegistration.objects.filter(user=request.user)
        .exclude(status=WebinarRegistration.Status.CANCELLED)
        .select_related("webinar")
        .order_by("-webinar__start")
    )
    now = timezone.now()
    return render(
        request,
        "ressources/my_registrations.html",
        {
            "upcoming": [r for r in registrations if r.webinar.start > now],
            "past": [r for r in registrations if r.webinar.start <= now],
            "breadcrumb_current": _("Mes inscriptions aux webinaires"),
        },
    )


def webinar_calendar_feed(request, index_path):
    """`<webinar index URL>calendrier.ics`: Wagtail page routes cannot contain a dot."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    index = get_object_or_404(
        WebinarIndexPage.objects.live().public(), url_path=site.root_page.url_path + index_path
    )
    # The networks' rendez-vous beside the webinars, those of `?region=` and the national ones.
    region = RegionFilterForm(request.GET or None).chosen_region()
    body = webinars_calendar(
        index.upcoming_webinars(),
        request,
        name=index.title,
        events=agenda.upcoming_events(region, limit=CALENDAR_EVENTS_MAX),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, "webinaires.ics")
    return response
