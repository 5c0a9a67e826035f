"""Recaps written in the site by mentors, their emails, attendance and the reminder command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from promotions.models import Membership, Recap
from promotions.services import sessions_missing_recap

from .factories import MembershipFactory, PromotionFactory, RecapFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _edit_url(session):
    return reverse("promotions:recap_edit", args=[session.promotion.slug, session.pk])


def test_mentor_saves_a_draft_then_publishes_and_participants_are_emailed(client, world):
    session = world.session_a
    MembershipFactory.create_batch(2, promotion=world.promotion_a)
    client.force_login(world.mentor_a)
    response = client.post(
        _edit_url(session),
        {
            "key_points": "Associer les élus\nPartir du PAA",
            "resources": "",
            "actions": "",
            "action": "draft",
        },
    )
    assert response.status_code == 302
    recap = Recap.objects.get(session=session)
    assert recap.status == Recap.Status.DRAFT
    assert recap.author == world.mentor_a
    assert not mail.outbox

    response = client.post(
        _edit_url(session),
        {
            "key_points": "Associer les élus\nPartir du PAA",
            "resources": "Guide PNAD",
            "actions": "Note au bureau",
            "action": "publish",
        },
    )
    recap.refresh_from_db()
    assert recap.is_published and recap.published_at
    recipients = sorted(message.to[0] for message in mail.outbox)
    participants = Membership.objects.filter(
        promotion=world.promotion_a, role=Membership.Role.PARTICIPANT
    )
    assert recipients == sorted(m.user.email for m in participants)
    assert len(recipients) == 3
    assert world.participant_b.email not in recipients
    message = mail.outbox[0]
    assert session.title in message.subject
    assert "Associer les élus" in message.body
    assert recap.get_absolute_url() in message.body

    # Editing a published recap does not email again.
    client.post(
        _edit_url(session),
        {"key_points": "Associer les élus (corrigé)", "action": "publish"},
    )
    assert len(mail.outbox) == 3


def test_recap_form_validates_in_french(client, world):
    client.force_login(world.mentor_a)
    response = client.post(_edit_url(world.session_a), {"key_points": "", "action": "publish"})
    assert response.status_code == 200
    assert "Indiquez au moins les points clés." in response.content.decode()
    assert not Recap.objects.filter(session=world.session_a).exists()


def test_recap_text_is_escaped_not_executed(client, world):
    recap = world.recap_a
    recap.key_points = '<script>alert("x")</script>\n- Voir https://www.economie.gouv.fr/daj'
    recap.save()
    client.force_login(world.participant_a)
    content = client.get(recap.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in content
    assert "&lt;script&gt;" in content
    assert '<a href="https://www.economie.gouv.fr/daj"' in content


def test_recap_published_from_the_admin_also_emails(admin_client, world):
    session = world.session_a
    response = admin_client.post(
        "/admin/snippets/promotions/recap/add/",
        {
            "session": session.pk,
            "key_points": "Points",
            "resources": "",
            "actions": "",
            "status": "published",
        },
    )
    assert response.status_code == 302
    assert [message.to[0] for message in mail.outbox] == [world.participant_a.email]


def test_mentor_records_attendance(client, world):
    client.force_login(world.mentor_a)
    url = reverse("promotions:attendance", args=[world.promotion_a.slug, world.session_a.pk])
    page = client.get(url).content.decode()
    assert "Aurore Caro" in page
    response = client.post(url, {"attendees": [world.participant_a.pk]})
    assert response.status_code == 302
    assert list(world.session_a.attendees.all()) == [world.participant_a]
    # Somebody outside the promotion cannot be marked present.
    response = client.post(url, {"attendees": [world.participant_b.pk]})
    assert response.status_code == 200
    assert list(world.session_a.attendees.all()) == [world.participant_a]


def test_codev_session_page_has_the_six_steps_and_the_case_holder(client, world):
    client.force_login(world.participant_a)
    content = client.get(world.session_a.get_absolute_url()).content.decode()
    for step in (
        "Exposé du cas",
        "Questions de clarification",
        "Contrat : formulation de la demande",
        "Consultation des pairs",
        "Plan d&#x27;action du porteur",
        "Apprentissages",
    ):
        assert step in content
    assert "Porteur de cas" in content and "Aurore Caro" in content


# --- Reminder command -----------------------------------------------------------------------


def test_reminder_emails_mentors_once_for_sessions_without_recap(world):
    promotion = world.promotion_a
    yesterday = timezone.now() - timedelta(days=1, hours=2)
    missing = SessionFactory(promotion=promotion, starts_at=yesterday, title="Séance oubliée")
    today = SessionFactory(promotion=promotion, starts_at=timezone.now() - timedelta(minutes=1))
    SessionFactory(promotion=world.promotion_b, starts_at=yesterday)  # no mentor there

    assert missing in sessions_missing_recap()
    assert today not in sessions_missing_recap()
    out = StringIO()
    call_command("remind_missing_recaps", stdout=out)
    subjects = [(message.to, message.subject) for message in mail.outbox]
    # The draft recap's session and the new one: both lack a published recap.
    assert (
        [world.mentor_a.email],
        "[Entraide SPASER] Fiche récapitulative à rédiger : Séance oubliée",
    ) in subjects
    assert all(to == [world.mentor_a.email] for to, _subject in subjects)
    assert world.past_session_a.title not in " ".join(s for _to, s in subjects)
    assert _edit_url(missing) in mail.outbox[-1].body or any(
        _edit_url(missing) in message.body for message in mail.outbox
    )

    sent = len(mail.outbox)
    call_command("remind_missing_recaps", stdout=StringIO())
    assert len(mail.outbox) == sent  # once per session


def test_no_reminder_when_the_recap_is_published(db):
    promotion = PromotionFactory()
    MembershipFactory(promotion=promotion, role=Membership.Role.MENTOR)
    session = SessionFactory(promotion=promotion, starts_at=timezone.now() - timedelta(days=2))
    RecapFactory(session=session)
    call_command("remind_missing_recaps", stdout=StringIO())
    assert not mail.outbox
