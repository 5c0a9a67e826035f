"""iCalendar files: one per webinar, and a feed of the upcoming ones (with the networks'
rendez-vous)."""

from django.utils.html import strip_tags

from portal.ics import new_calendar, new_event
from portal.public_url import absolute_url

PRODID = "-//Entraide SPASER//Webinaires//FR"


def _event(webinar, request=None):
    url = absolute_url(webinar.url)
    event = new_event(
        f"webinaire-{webinar.pk}@entraide-spaser.fr",
        webinar.title,
        webinar.start,
        webinar.end,
        webinar.last_published_at or webinar.start,
    )
    description = webinar.summary or strip_tags(webinar.description)
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    event.add("location", "Visioconférence")
    return event


def webinar_calendar(webinar, request=None):
    calendar = new_calendar(PRODID)
    calendar.add_component(_event(webinar, request))
    return calendar.to_ical()


def webinars_calendar(webinars, request=None, name=None, events=()):
    """The webinars, and the networks' rendez-vous (`territoires`) beside them."""
    from territoires.ics import event_component

    calendar = new_calendar(PRODID, name)
    for webinar in webinars:
        calendar.add_component(_event(webinar, request))
    for event in events:
        calendar.add_component(event_component(event))
    return calendar.to_ical()
