""".ics files: one per session, and the private feed per member (secret token, revocable)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from promotions.models import CalendarToken
from tests.factories import PASSWORD

from .factories import MembershipFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _events(content):
    return [component for component in Calendar.from_ical(content).walk("VEVENT")]


def test_session_ics_parses_back(client, world):
    session = world.session_a
    client.force_login(world.participant_a)
    response = client.get(
        reverse("promotions:session_ics", args=[world.promotion_a.slug, session.pk])
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    (event,) = _events(response.content)
    assert event.decoded("dtstart") == session.starts_at
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert event.decoded("dtend") == session.ends_at
    assert str(event["summary"]) == f"{world.promotion_a.name} — {session.title}"
    assert session.visio_url in str(event["description"])
    assert str(event["location"]) == session.visio_url
    assert str(event["uid"]) == f"promotion-session-{session.pk}@entraide-spaser.fr"


def test_feed_lists_the_sessions_of_all_my_promotions(client, world):
    MembershipFactory(promotion=world.promotion_b, user=world.participant_a)
    token = CalendarToken.objects.create(user=world.participant_a)
    events = _events(client.get(token.get_absolute_url()).content)
    uids = {str(event["uid"]) for event in events}
    expected = {
        world.session_a.pk,
        world.past_session_a.pk,
        world.draft_session_a.pk,
        world.session_b.pk,
    }
    assert uids == {f"promotion-session-{pk}@entraide-spaser.fr" for pk in expected}


def test_mes_promotions_shows_the_feed_and_regenerating_revokes_it(client, world):
    client.force_login(world.participant_a)
    page = client.get(reverse("promotions:mine"))
    token = CalendarToken.objects.get(user=world.participant_a)
    old_url = token.get_absolute_url()
    assert old_url in page.content.decode()
    assert client.get(old_url).status_code == 200

    response = client.post(reverse("promotions:regenerate_feed"))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.get_absolute_url() != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(token.get_absolute_url()).status_code == 200
    # GET does not regenerate.
    assert client.get(reverse("promotions:regenerate_feed")).status_code == 405


def test_feed_stops_when_membership_ends(client, world):
    token = CalendarToken.objects.create(user=world.participant_a)
    world.promotion_a.memberships.filter(user=world.participant_a).delete()
    assert "VEVENT" not in client.get(token.get_absolute_url()).content.decode()


def test_feed_of_a_deactivated_user_is_404(client, world):
    token = CalendarToken.objects.create(user=world.participant_a)
    world.participant_a.is_active = False
    world.participant_a.save()
    assert client.get(token.get_absolute_url()).status_code == 404


def test_feed_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    token = CalendarToken.objects.create(user=world.participant_a)
    with django_assert_max_num_queries(3):
        client.get(token.get_absolute_url())
    SessionFactory.create_batch(15, promotion=world.promotion_a)
    with django_assert_max_num_queries(3):
        client.get(token.get_absolute_url())


def test_changing_the_password_revokes_the_feed(client, world):
    """Issue 21, reproduction 5: the old feed URL stopped working after a password change."""
    member = world.participant_a
    old = CalendarToken.objects.create(user=member).get_absolute_url()
    client.force_login(member)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Nouveau-mot-2026!",
            "password2": "Nouveau-mot-2026!",
        },
    )
    assert response.status_code == 302
    assert client.get(old).status_code == 404
    new = CalendarToken.objects.get(user=member).get_absolute_url()
    assert new != old
    assert client.get(new).status_code == 200


def test_resetting_the_password_revokes_the_feed(client, world):
    member = world.participant_a
    old = CalendarToken.objects.create(user=member).token
    member.set_password("Reinitialise-2026!")
    member.save()
    assert CalendarToken.objects.get(user=member).token != old


def test_a_login_keeps_the_feed(client, world):
    member = world.participant_a
    old = CalendarToken.objects.create(user=member).token
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    member.first_name = "Autre"
    member.save()
    assert CalendarToken.objects.get(user=member).token == old
