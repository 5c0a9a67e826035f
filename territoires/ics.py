"""iCalendar events of the networks' rendez-vous, for the agenda's feeds and one file each."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.ics import new_calendar, new_event
from portal.one_line import one_line
from portal.public_url import absolute_url

PRODID = "-//Entraide SPASER//Rendez-vous des reseaux//FR"


def event_component(event):
    """The VEVENT of an external event: its page, or its file on the portal, as URL."""
    component = new_event(
        f"rendez-vous-{event.pk}@entraide-spaser.fr",
        event.title,
        event.start,
        event.end,
        event.updated_at or event.start,
    )
    lines = [
        event.description,
        _("Organisé par %(organiser)s") % {"organiser": one_line(event.organiser)},
    ]
    if event.region_name:
        lines.append(_("Région : %(region)s") % {"region": event.region_name})
    if event.online_url:
        lines.append(_("En ligne : %(url)s") % {"url": event.online_url})
    if event.url:
        lines.append(event.url)
    component.add("description", "\n\n".join(line for line in lines if line))
    component.add("location", one_line(event.place or event.online_url))
    component.add(
        "url", event.url or absolute_url(reverse("territoires:event_ics", args=[event.pk]))
    )
    component.add("categories", [event.get_kind_display()])
    return component


def event_calendar(event):
    calendar = new_calendar(PRODID)
    calendar.add_component(event_component(event))
    return calendar.to_ical()
