"""The networks' rendez-vous beside the webinars: agenda page, `.ics` feeds, home page; filtered by
région; gone once over; the cached pages follow every change."""

import html
from datetime import UTC, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from territoires.models import ExternalEvent
from tests.ressources import factories as resource_factories

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    index = resource_factories.webinar_index(home_page)
    resource_factories.webinar(index, title="Construire son SPASER", days=10)
    return {
        "index": index,
        "bretagne": factories.event(
            days=3, region="BRE", title="Rencontre du réseau breton", place="Rennes"
        ),
        "sud": factories.event(days=4, region="PAC", title="Matinale du réseau Sud"),
        "national": factories.event(
            days=5,
            region="",
            title="Formation nationale en ligne",
            place="",
            online_url="https://visio.example/formation",
            kind="formation",
        ),
        "past": factories.event(days=-2, region="BRE", title="Rencontre déjà passée"),
    }


def text(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def summaries(response):
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]


def test_the_agenda_lists_the_networks_rendez_vous_beside_the_webinars(client, agenda):
    content = text(client, "/webinaires/")
    assert "Construire son SPASER" in content
    for title in ("Rencontre du réseau breton", "Matinale du réseau Sud", "Formation nationale"):
        assert title in content
    assert "Rencontre déjà passée" not in content
    assert "Trouver un facilitateur" in content


def test_the_agenda_filters_by_region_keeping_national_ones(client, agenda):
    content = text(client, "/webinaires/", region="BRE")
    assert "Rencontre du réseau breton" in content and "Formation nationale" in content
    assert "Matinale du réseau Sud" not in content
    assert "Construire son SPASER" in content  # webinars are national


def test_an_unknown_region_is_ignored_with_a_french_message(client, agenda):
    content = text(client, "/webinaires/", region="<script>")
    assert "Cette région n'existe pas." in content
    assert "Matinale du réseau Sud" in content


def test_the_calendar_feed_holds_the_rendez_vous(client, agenda):
    response = client.get("/webinaires/calendrier.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert summaries(response) == [
        "Construire son SPASER",
        "Rencontre du réseau breton",
        "Matinale du réseau Sud",
        "Formation nationale en ligne",
    ]
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    breton = events["Rencontre du réseau breton"]
    assert str(breton["UID"]) == f"rendez-vous-{agenda['bretagne'].pk}@entraide-spaser.fr"
    assert str(breton["LOCATION"]) == "Rennes"
    assert breton.decoded("DTSTART") == agenda["bretagne"].start.astimezone(UTC)
    assert breton.decoded("DTEND") - breton.decoded("DTSTART") == timedelta(hours=3)
    assert "Région : Bretagne" in str(breton["DESCRIPTION"])
    online = events["Formation nationale en ligne"]
    assert str(online["LOCATION"]) == "https://visio.example/formation"


def test_the_calendar_feed_filters_by_region(client, agenda):
    response = client.get("/webinaires/calendrier.ics", {"region": "PAC"})
    assert summaries(response) == [
        "Construire son SPASER",
        "Matinale du réseau Sud",
        "Formation nationale en ligne",
    ]
    # An unknown région is ignored, never a 500.
    assert len(summaries(client.get("/webinaires/calendrier.ics", {"region": "ZZ"}))) == 4


def test_one_event_as_a_file(client, agenda):
    response = client.get(f"/rendez-vous/{agenda['bretagne'].pk}.ics")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert summaries(response) == ["Rencontre du réseau breton"]


def test_a_title_with_line_breaks_stays_one_line(client, agenda):
    event = agenda["bretagne"]
    event.title = "Rencontre\r\nBEGIN:VEVENT\nSUMMARY:piège"
    event.save()
    response = client.get(f"/rendez-vous/{event.pk}.ics")
    assert summaries(response) == ["Rencontre BEGIN:VEVENT SUMMARY:piège"]
    assert response.content.count(b"\r\nBEGIN:VEVENT\r\n") == 1


def test_the_home_page_shows_the_next_rendez_vous_by_region(client, agenda):
    content = text(client, "/")
    assert "Prochains rendez-vous" in content
    assert "Rencontre du réseau breton" in content and "Construire son SPASER" in content
    assert "Rencontre déjà passée" not in content
    assert "/trouver-un-facilitateur/" in content
    content = text(client, "/", region="PAC")
    assert "Matinale du réseau Sud" in content and "Rencontre du réseau breton" not in content


def test_an_event_in_progress_stays_until_it_ends(client, agenda):
    now = timezone.now()
    ExternalEvent.objects.create(
        title="Commencée il y a une heure",
        start=now - timedelta(hours=1),
        end=now + timedelta(hours=1),
        place="Rennes",
        organiser="Réseau breton",
        region="BRE",
    )
    assert "Commencée il y a une heure" in text(client, "/webinaires/")


def test_cached_pages_follow_a_new_or_removed_event(client, agenda, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert "Atelier ajouté" not in text(client, "/")
    added = factories.event(days=1, title="Atelier ajouté")
    assert "Atelier ajouté" in text(client, "/")
    assert "Atelier ajouté" in text(client, "/webinaires/")
    added.delete()
    assert "Atelier ajouté" not in text(client, "/")
    assert "Atelier ajouté" not in text(client, "/webinaires/")


def test_cached_finder_follows_the_directory(client, agenda, settings):
    settings.PAGE_CACHE_SECONDS = 600
    assert "Nouvelle facilitatrice" not in text(client, "/trouver-un-facilitateur/", code="35")
    factories.facilitator("35", name="Nouvelle facilitatrice")
    assert "Nouvelle facilitatrice" in text(client, "/trouver-un-facilitateur/", code="35")


@pytest.mark.parametrize("url", ["/", "/webinaires/", "/webinaires/calendrier.ics"])
def test_query_count_does_not_grow_with_events(
    client, agenda, url, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_MEMBER_SECONDS = 0
    client.get(url)  # warm the per-process caches
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    few = len(few)
    for day in range(1, 30):
        factories.event(days=day, region="BRE")
        factories.event(days=day, region="")
    client.get(url)  # the first render after a write reads the header and footer again
    with django_assert_max_num_queries(few):
        assert client.get(url, {"region": "BRE"}).status_code == 200
