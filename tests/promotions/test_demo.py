"""The demo seeder: idempotent, and its figures match seed 002."""

import html
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import demo as portal_demo
from portal.models import Organisation, validate_siren
from promotions import demo
from promotions.models import Application, Membership, Promotion, Recap, Session
from promotions.survey import figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(home_page):
    for _run in range(2):
        portal_demo.seed(password="Demo-2026-x", stdout=StringIO())
        demo.seed(password="Demo-2026-x", stdout=StringIO())


def test_demo_seed_twice_gives_the_programme_of_seed_002(seeded, client):
    p1 = Promotion.objects.get(name="Mission SPASER — promotion 1")
    p2 = Promotion.objects.get(name="Mission SPASER — promotion 2")
    p3 = Promotion.objects.get(name="Mission SPASER — promotion 3")
    assert p1.state == Promotion.State.FINISHED and p1.sponsor.name == "Nantes Métropole"
    assert p2.state == Promotion.State.RUNNING and p2.sponsor.name == "Bordeaux Métropole"
    assert p3.state == Promotion.State.OPEN
    assert p1.participants().count() == 27
    assert p1.mentors().get().user.email == "mentor@nantesmetropole.fr"
    assert p1.participants().filter(user__email="participant@gpsea.fr").exists()
    kinds = list(Session.objects.filter(promotion=p1).values_list("kind", flat=True))
    assert kinds == ["decollage", "codev", "codev", "codev", "codev", "atterrissage"]
    assert Recap.objects.filter(session__promotion=p1, status="published").count() == 6
    result = figures(p1.survey_responses.values_list("more_able", "publish_plan"))
    assert (result.more_able_percent, result.publish_percent) == (80, 70)
    assert p1.group.user_set.count() == 28
    application = Application.objects.get(promotion=p3)
    assert application.user.email == "membre@gironde.fr"
    assert application.status == Application.Status.PENDING
    for organisation in Organisation.objects.all():
        validate_siren(organisation.siren)
    assert Membership.objects.filter(promotion=p2, role="mentor").count() == 2
    assert Membership.objects.filter(promotion=p3, role="mentor").count() == 1

    client.force_login(get_user_model().objects.get(email="participant@gpsea.fr"))
    assert client.get(reverse("promotions:space", args=[p1.slug])).status_code == 200
    assert client.get(reverse("promotions:space", args=[p2.slug])).status_code == 404


def test_the_demo_s_participants_are_in_the_running_promotion(seeded):
    p2 = Promotion.objects.get(slug="mission-spaser-promotion-2")
    participants = set(p2.participants().values_list("user__email", flat=True))
    assert {"participant@ampmetropole.fr", "participant@ville-dunkerque.fr"} <= participants
    assert len(participants) == 5
    for email in participants:
        application = Application.objects.get(promotion=p2, user__email=email)
        assert application.status == Application.Status.ACCEPTED
    assert not Application.objects.filter(
        user__email="participant@ampmetropole.fr", status=Application.Status.PENDING
    ).exists()
    assert set(p2.mentors().values_list("user__email", flat=True)) == {
        "mentor@nantesmetropole.fr",
        "mentor@bordeaux-metropole.fr",
    }


def _shown_to(email, path):
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return html.unescape(client.get(path).content.decode())


def test_the_running_promotion_has_past_and_upcoming_sessions_around_the_seeding_day(seeded):
    p2 = Promotion.objects.get(slug="mission-spaser-promotion-2")
    now = timezone.now()
    today = timezone.localdate()
    assert p2.start_date < today < p2.end_date
    past = list(p2.sessions.filter(starts_at__lt=now))
    upcoming = list(p2.sessions.filter(starts_at__gt=now).order_by("starts_at"))
    assert len(past) >= 2 and len(upcoming) >= 2
    assert all(
        session.starts_at.astimezone(demo.PARIS).weekday() < 5 for session in past + upcoming
    )
    assert upcoming[0].case_holder.email == "participant@ville-dunkerque.fr"
    published = Recap.objects.filter(session__in=past, status=Recap.Status.PUBLISHED)
    assert published.count() >= 2
    assert Recap.objects.filter(session__in=past, status=Recap.Status.DRAFT).count() == 1

    space = reverse("promotions:space", args=[p2.slug])
    for email in ("participant@ville-dunkerque.fr", "participant@ampmetropole.fr"):
        content = _shown_to(email, space)
        assert upcoming[0].title in content and past[0].title in content
    mine = _shown_to("participant@ville-dunkerque.fr", reverse("promotions:mine"))
    assert p2.name in mine


def test_the_running_promotion_follows_the_day_the_demo_is_seeded_again(home_page, monkeypatch):
    from datetime import timedelta

    portal_demo.seed(password="Demo-2026-x", stdout=StringIO())
    demo.seed(password="Demo-2026-x", stdout=StringIO())
    first_start = Promotion.objects.get(slug="mission-spaser-promotion-2").start_date
    later = timezone.localdate() + timedelta(days=75)
    monkeypatch.setattr(demo.timezone, "localdate", lambda: later)
    demo.seed(password="Demo-2026-x", stdout=StringIO())
    p2 = Promotion.objects.get(slug="mission-spaser-promotion-2")
    p3 = Promotion.objects.get(slug="mission-spaser-promotion-3")
    assert p2.start_date > first_start
    assert p2.start_date < later < p2.end_date and p2.state == Promotion.State.RUNNING
    assert p3.start_date > later and p3.state == Promotion.State.OPEN
    assert Session.objects.filter(promotion=p2).count() == len(
        demo.PROMOTIONS["promotion2"]["session"]
    )
    upcoming = p2.sessions.filter(starts_at__date__gt=later)
    assert upcoming.count() >= 2


def test_week_day_is_a_weekday_on_the_right_side_of_the_seeding_day():
    from datetime import date, timedelta

    monday = date(2026, 11, 30)
    for offset in range(7):  # seeded on any day of the week, weekends included
        today = monday + timedelta(days=offset)
        for weeks in (-4, -1, 1, 3):
            for weekday in (demo.WEEKDAYS["tuesday"], demo.WEEKDAYS["thursday"]):
                day = demo.week_day(today, weeks, weekday)
                assert day.weekday() == weekday
                assert (day > today) if weeks > 0 else (day < today)
