"""iCalendar (.ics) files for sessions: one per session and one private feed per member."""

from django.utils import timezone
from icalendar import Event

from portal.ics import new_calendar
from portal.one_line import one_line
from portal.public_url import absolute_url

PRODID = "-//Entraide SPASER//Promotions//FR"


def session_event(session):
    """A VEVENT for a session, with its visio link: only ever served to the promotion's members."""
    event = Event()
    event.add("uid", f"promotion-session-{session.pk}@entraide-spaser.fr")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(session.starts_at))
    event.add("dtend", timezone.localtime(session.ends_at))
    event.add("summary", one_line(f"{session.promotion.name} — {session.title}"))
    url = absolute_url(session.get_absolute_url())
    description = [f"{session.get_kind_display().capitalize()}"]
    if session.agenda:
        description.append(session.agenda)
    if session.visio_url:
        description.append(f"Visioconférence : {session.visio_url}")
        event.add("location", session.visio_url)
    description.append(url)
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    return event


def session_calendar(session):
    calendar = new_calendar(PRODID, session.title, method="PUBLISH")
    calendar.add_component(session_event(session))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(sessions, name="Entraide SPASER — mes promotions"):
    calendar = new_calendar(PRODID, name, method="PUBLISH")
    for session in sessions:
        calendar.add_component(session_event(session))
    calendar.add_missing_timezones()
    return calendar.to_ical()
