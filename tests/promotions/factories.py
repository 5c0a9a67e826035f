from datetime import date, timedelta

import factory
from django.utils import timezone

from promotions.models import (
    Application,
    Membership,
    Promotion,
    Recap,
    Session,
    SurveyResponse,
)
from tests.factories import OrganisationFactory, UserFactory


class PromotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promotion

    name = factory.Sequence(lambda n: f"Promotion numéro {n}")
    description = "Trois mois d'entraide entre acheteurs publics."
    start_date = date(2027, 1, 12)
    end_date = date(2027, 4, 13)
    capacity = 30
    sponsor = factory.SubFactory(OrganisationFactory)
    state = Promotion.State.RUNNING


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    promotion = factory.SubFactory(PromotionFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.PARTICIPANT


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    promotion = factory.SubFactory(PromotionFactory, state=Promotion.State.OPEN)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    motivation = "Nous préparons notre SPASER et voulons avancer avec d'autres acheteurs."


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    promotion = factory.SubFactory(PromotionFactory)
    kind = Session.Kind.CODEV
    title = factory.Sequence(lambda n: f"Co-développement n° {n}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    duration_minutes = 90
    visio_url = factory.Sequence(lambda n: f"https://visio.example.fr/salle-secrete-{n}")
    agenda = "Exposé du cas\nQuestions de clarification"


class RecapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recap

    session = factory.SubFactory(SessionFactory)
    key_points = "Associer les élus dès le lancement.\nPartir du plan d'achat annuel."
    resources = "Guide du PNAD 2022-2025"
    actions = "Présenter une note au bureau communautaire."
    status = Recap.Status.PUBLISHED


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyResponse

    promotion = factory.SubFactory(PromotionFactory)
    user = factory.SubFactory(UserFactory)
    more_able = "oui"
    publish_plan = "oui"
