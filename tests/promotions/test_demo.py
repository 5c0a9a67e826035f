"""The demo seeder: idempotent, and its figures match seed 002."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

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
    assert p1.state == Promotion.State.FINISHED and p1.sponsor.name == "Nantes Métropole"
    assert p2.state == Promotion.State.OPEN and p2.sponsor.name == "Bordeaux Métropole"
    assert p1.participants().count() == 27
    assert p1.mentors().get().user.email == "mentor@nantesmetropole.fr"
    assert p1.participants().filter(user__email="participant@gpsea.fr").exists()
    kinds = list(Session.objects.filter(promotion=p1).values_list("kind", flat=True))
    assert kinds == ["decollage", "codev", "codev", "codev", "codev", "atterrissage"]
    assert Recap.objects.filter(session__promotion=p1, status="published").count() == 6
    result = figures(p1.survey_responses.values_list("more_able", "publish_plan"))
    assert (result.more_able_percent, result.publish_percent) == (80, 70)
    assert p1.group.user_set.count() == 28
    application = Application.objects.get(promotion=p2)
    assert application.user.email == "participant@ampmetropole.fr"
    assert application.status == Application.Status.PENDING
    for organisation in Organisation.objects.all():
        validate_siren(organisation.siren)
    assert Membership.objects.filter(promotion=p2, role="mentor").count() == 1

    client.force_login(get_user_model().objects.get(email="participant@gpsea.fr"))
    assert client.get(reverse("promotions:space", args=[p1.slug])).status_code == 200
    assert client.get(reverse("promotions:space", args=[p2.slug])).status_code == 404
