"""The iCalendar (RFC 5545) files the portal serves: their calendar, and what every event has."""

from datetime import UTC

from icalendar import Calendar, Event

from .one_line import one_line


def new_calendar(prodid, name="", method=""):
    """An empty calendar from the product `prodid`; `name` is what calendar apps show for it."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", one_line(name))
    return calendar


def new_event(uid, title, start, end, stamp):
    """A VEVENT, its times in UTC: `stamp` is when its information last changed."""
    event = Event()
    event.add("uid", uid)
    event.add("summary", one_line(title))
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", end.astimezone(UTC))
    event.add("dtstamp", stamp.astimezone(UTC))
    return event
