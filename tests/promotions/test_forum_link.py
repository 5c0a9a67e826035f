"""A promotion's private forum: its group restricts a forum category to the promotion's members."""

import pytest
from django.urls import reverse

from promotions.models import Membership
from tests.factories import UserFactory
from tests.forum.factories import CategoryFactory, TopicFactory
from tests.promotions.factories import MembershipFactory, PromotionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promotion_forum():
    promotion = PromotionFactory(name="Promotion Gamma")
    participant = UserFactory()
    MembershipFactory(promotion=promotion, user=participant)
    category = CategoryFactory(name="Entre nous — Gamma", restricted_to=promotion.group)
    topic = TopicFactory(
        category=category, title="Retour sur la séance de mars", author=participant
    )
    return promotion, participant, category, topic


def test_private_space_lists_the_promotion_forum(client, promotion_forum):
    promotion, participant, category, topic = promotion_forum
    client.force_login(participant)
    content = client.get(reverse("promotions:space", args=[promotion.slug])).content.decode()
    assert "Entre nous — Gamma" in content
    assert "Retour sur la séance de mars" in content


def test_accepted_participant_can_read_the_private_category(client, promotion_forum):
    promotion, _participant, category, topic = promotion_forum
    newcomer = UserFactory()
    client.force_login(newcomer)
    assert client.get(category.get_absolute_url()).status_code == 404
    MembershipFactory(promotion=promotion, user=newcomer, role=Membership.Role.PARTICIPANT)
    assert client.get(category.get_absolute_url()).status_code == 200
    assert client.get(topic.get_absolute_url()).status_code == 200


def test_other_promotion_and_visitors_never_see_it(client, promotion_forum):
    _promotion, _participant, category, topic = promotion_forum
    other = UserFactory()
    MembershipFactory(promotion=PromotionFactory(), user=other)
    client.force_login(other)
    assert client.get(category.get_absolute_url()).status_code == 404
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert "Entre nous — Gamma" not in client.get(reverse("forum:index")).content.decode()
    client.logout()
    assert client.get(topic.get_absolute_url()).status_code == 404
