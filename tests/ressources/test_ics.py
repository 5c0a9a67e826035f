from datetime import timedelta

import pytest
from icalendar import Calendar

from . import factories

pytestmark = pytest.mark.django_db


def test_single_webinar_ics_is_valid(client, webinar):
    response = client.get(f"{webinar.url}ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Construire son SPASER en 6 étapes"
    assert event.decoded("DTSTART") == webinar.start.replace(microsecond=0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    assert str(event["UID"]).startswith(f"webinaire-{webinar.pk}@")
    assert webinar.url in str(event["URL"])


def test_feed_lists_only_upcoming_webinars(client, webinar_index):
    factories.webinar(webinar_index, title="Bientôt", days=3)
    factories.webinar(webinar_index, title="Plus tard", days=40)
    factories.webinar(webinar_index, title="Déjà passé", days=-5)
    draft = factories.webinar(webinar_index, title="Brouillon", days=10)
    draft.unpublish()
    response = client.get("/webinaires/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
        "Bientôt",
        "Plus tard",
    ]
    assert len({str(event["UID"]) for event in calendar.walk("VEVENT")}) == 2


def test_feed_of_an_unknown_section_is_not_found(client, webinar_index):
    assert client.get("/clauses-types/calendrier.ics").status_code == 404
    assert client.get("/inconnu/calendrier.ics").status_code == 404


def test_index_page_advertises_the_feed(client, webinar_index):
    content = client.get("/webinaires/").content.decode()
    assert 'type="text/calendar"' in content
    assert 'href="/webinaires/calendrier.ics"' in content
