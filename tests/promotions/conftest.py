from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from promotions.models import Membership, PromotionDocument, Recap
from tests.factories import AdminFactory, UserFactory

from .factories import MembershipFactory, PromotionFactory, RecapFactory, SessionFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PROMOTIONS_PRIVATE_ROOT = tmp_path / "private"
    return settings.PROMOTIONS_PRIVATE_ROOT


@dataclass
class World:
    promotion_a: object
    promotion_b: object
    member: object
    participant_a: object
    participant_b: object
    mentor_a: object
    admin: object
    session_a: object
    past_session_a: object
    recap_a: object
    draft_session_a: object
    draft_recap_a: object
    document_a: object
    session_b: object
    recap_b: object
    document_b: object

    def user(self, role):
        return None if role == "visitor" else getattr(self, role)


@pytest.fixture
def world(db):
    promotion_a = PromotionFactory(name="Promotion Alpha", survey_open=True)
    promotion_b = PromotionFactory(name="Promotion Bêta", survey_open=True)
    participant_a = UserFactory(first_name="Aurore", last_name="Caro")
    participant_b = UserFactory(first_name="Bruno", last_name="Bernard")
    mentor_a = UserFactory(first_name="Claire", last_name="Guérin")
    MembershipFactory(promotion=promotion_a, user=participant_a)
    MembershipFactory(promotion=promotion_b, user=participant_b)
    MembershipFactory(promotion=promotion_a, user=mentor_a, role=Membership.Role.MENTOR)
    past = timezone.now() - timedelta(days=3)
    session_a = SessionFactory(promotion=promotion_a, case_holder=participant_a)
    past_session_a = SessionFactory(promotion=promotion_a, starts_at=past)
    recap_a = RecapFactory(session=past_session_a, author=mentor_a)
    draft_session_a = SessionFactory(promotion=promotion_a, starts_at=past - timedelta(days=7))
    draft_recap_a = RecapFactory(
        session=draft_session_a, author=mentor_a, status=Recap.Status.DRAFT
    )
    session_b = SessionFactory(promotion=promotion_b, starts_at=past)
    recap_b = RecapFactory(session=session_b)
    document_a = PromotionDocument.objects.create(
        promotion=promotion_a,
        session=session_a,
        title="Support du décollage",
        file=ContentFile(b"Support A", name="support-a.txt"),
    )
    document_b = PromotionDocument.objects.create(
        promotion=promotion_b,
        title="Support B",
        file=ContentFile(b"Support B", name="support-b.txt"),
    )
    return World(
        promotion_a=promotion_a,
        promotion_b=promotion_b,
        member=UserFactory(),
        participant_a=participant_a,
        participant_b=participant_b,
        mentor_a=mentor_a,
        admin=AdminFactory(),
        session_a=session_a,
        past_session_a=past_session_a,
        recap_a=recap_a,
        draft_session_a=draft_session_a,
        draft_recap_a=draft_recap_a,
        document_a=document_a,
        session_b=session_b,
        recap_b=recap_b,
        document_b=document_b,
    )
