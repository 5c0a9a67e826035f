"""Titles with line breaks reach calendars and email subjects on one line (issue 21, reproduction 4)."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from portal.one_line import one_line
from promotions.models import CalendarToken
from ressources.registration import register
from tests.factories import UserFactory
from tests.ressources.factories import webinar, webinar_index

pytestmark = pytest.mark.django_db

HOSTILE = "Séance\r\nX-INJECTED:1; DTSTART:19700101\nfin\u2028suite"


def test_one_line():
    assert one_line(HOSTILE) == "Séance X-INJECTED:1; DTSTART:19700101 fin suite"
    assert one_line(None) == ""
    assert one_line("a" * 10, max_length=5) == "aaaa…"


def test_a_session_title_with_line_breaks_keeps_its_ics(client, world):
    session = world.session_a
    session.title = HOSTILE
    session.save()
    client.force_login(world.participant_a)
    response = client.get(
        reverse("promotions:session_ics", args=[world.promotion_a.slug, session.pk])
    )
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == one_line(HOSTILE)
    (event,) = calendar.walk("VEVENT")
    assert "\n" not in str(event["summary"])
    assert "X-INJECTED" not in calendar  # stayed inside the value, never a property of its own
    assert b"\r\nX-INJECTED" not in response.content

    feed = CalendarToken.objects.create(user=world.participant_a).get_absolute_url()
    assert client.get(feed).status_code == 200


def test_a_webinar_title_with_line_breaks_keeps_its_ics_and_its_email(client, home_page):
    page = webinar(webinar_index(home_page), title=HOSTILE)
    response = client.get(page.ics_url)
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == one_line(HOSTILE)
    register(page, UserFactory())
    assert mail.outbox
    assert "\n" not in mail.outbox[-1].subject and "\r" not in mail.outbox[-1].subject
