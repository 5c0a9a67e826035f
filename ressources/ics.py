"""iCalendar files: one per webinar, and a feed of the upcoming ones (with the networks'
rendez-vous)."""

from datetime import UTC

from django.utils.html import strip_tags
from icalendar import Calendar, Event

from portal.one_line import one_line
from portal.public_url import absolute_url

PRODID = "-//Entraide SPASER//Webinaires//FR"


def _calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", one_line(name))
    return calendar


def _event(webinar, request=None):
    url = absolute_url(webinar.url)
    event = Event()
    event.add("uid", f"webinaire-{webinar.pk}@entraide-spaser.fr")
    event.add("summary", one_line(webinar.title))
    event.add("dtstart", webinar.start.astimezone(UTC))
    event.add("dtend", webinar.end.astimezone(UTC))
    event.add("dtstamp", (webinar.last_published_at or webinar.start).astimezone(UTC))
    description = webinar.summary or strip_tags(webinar.description)
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    event.add("location", "Visioconférence")
    return event


def webinar_calendar(webinar, request=None):
    calendar = _calendar()
    calendar.add_component(_event(webinar, request))
    return calendar.to_ical()


def webinars_calendar(webinars, request=None, name=None, events=()):
    """The webinars, and the networks' rendez-vous (`territoires`) beside them."""
    from territoires.ics import event_component

    calendar = _calendar(name)
    for webinar in webinars:
        calendar.add_component(_event(webinar, request))
    for event in events:
        calendar.add_component(event_component(event))
    return calendar.to_ical()
