"""The agenda: our upcoming webinars and the networks' rendez-vous (`territoires`), side by side.

A webinar is online and national; a network's rendez-vous has a région (or none: national). The
région filter keeps the webinars, the national rendez-vous and those of the région. Whatever the
number of events, the agenda costs two queries (each list is cut at `limit`).
"""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class AgendaItem:
    title: str
    start: datetime
    url: str
    kind: str
    location: str
    organiser: str = ""
    region: str = ""
    ics_url: str = ""
    external: bool = False


def upcoming_events(region="", limit=None):
    from territoires.models import ExternalEvent

    events = ExternalEvent.objects.upcoming().for_region(region)
    return events[:limit] if limit else events


def event_item(event):
    return AgendaItem(
        title=event.title,
        start=event.start,
        url=event.url or event.online_url,
        kind=event.get_kind_display(),
        location=event.location,
        organiser=event.organiser,
        region=event.region_name,
        ics_url=reverse("territoires:event_ics", args=[event.pk]),
        external=True,
    )


def webinar_item(webinar):
    return AgendaItem(
        title=webinar.title,
        start=webinar.start,
        url=webinar.url,
        kind=_("webinaire"),
        location=_("En ligne"),
        ics_url=webinar.ics_url,
    )


def upcoming(webinars, region="", limit=6):
    """The next `limit` rendez-vous, `webinars` (upcoming, soonest first) and the networks'
    events mixed, soonest first."""
    items = [webinar_item(w) for w in webinars[:limit]]
    items += [event_item(e) for e in upcoming_events(region, limit=limit)]
    return sorted(items, key=lambda item: item.start)[:limit]
