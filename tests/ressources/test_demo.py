import io

import pytest

from portal import demo as portal_demo
from ressources import demo
from ressources.models import ClausePage, WebinarPage, WebinarRegistration

pytestmark = pytest.mark.django_db


def test_demo_content_is_complete_and_idempotent(home_page, client):
    out = io.StringIO()
    portal_demo.seed(password="Demo-2026-x", stdout=out)
    demo.seed(password="Demo-2026-x", stdout=out)
    demo.seed(password="Demo-2026-x", stdout=out)
    assert WebinarPage.objects.count() == 4
    assert ClausePage.objects.count() == 10
    assert WebinarRegistration.objects.filter(status="waiting").count() == 1
    upcoming = [w for w in WebinarPage.objects.all() if w.is_upcoming]
    assert len(upcoming) == 2
    for clause in ClausePage.objects.all():
        clause.full_clean()
    insertion = ClausePage.objects.get(slug="clause-insertion-heures-travaillees")
    assert "[5 à 8] % du nombre total d'heures travaillées" in insertion.clause_text
    assert client.get("/webinaires/").status_code == 200
    content = client.get("/clauses-types/").content.decode()
    assert "Lot réservé aux ESAT et entreprises adaptées" in content
    home = client.get("/").content.decode()
    assert 'href="/clauses-types/"' in home and 'href="/webinaires/"' in home


def test_demo_webinars_fall_on_weekdays():
    from datetime import date, timedelta

    from ressources.demo import on_a_weekday

    saturday, sunday = date(2026, 12, 5), date(2026, 12, 6)
    assert on_a_weekday(saturday) == on_a_weekday(sunday) == date(2026, 12, 7)  # Monday
    assert on_a_weekday(saturday, later=False) == date(2026, 12, 4)  # Friday
    for offset in range(14):
        assert on_a_weekday(saturday + timedelta(days=offset)).weekday() < 5


def test_webinars_seeded_on_a_thursday_are_held_on_weekdays(home_page, monkeypatch):
    """Seeded on Thursday 3 December 2026, the upcoming webinars (10 and 24 days later) would
    fall on Sundays: they move to the next Monday, the past ones to the Friday before."""
    from datetime import date

    from django.utils import timezone

    thursday = date(2026, 12, 3)
    monkeypatch.setattr(demo.timezone, "localdate", lambda: thursday)
    portal_demo.seed(password="Demo-2026-x", stdout=io.StringIO())
    demo.seed(password="Demo-2026-x", stdout=io.StringIO())
    days = sorted(timezone.localtime(webinar.start).date() for webinar in WebinarPage.objects.all())
    assert [day.weekday() < 5 for day in days] == [True] * 4
    assert sum(day > thursday for day in days) == 2
