"""End-of-programme survey: answering once, figures computed from answers, CSV export."""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from promotions.models import SurveyResponse
from promotions.survey import figures, percent

from .factories import MembershipFactory, SurveyResponseFactory


def test_percent_rounds_half_up_with_no_decimals():
    assert percent(16, 20) == 80
    assert percent(1, 3) == 33
    assert percent(2, 3) == 67
    assert percent(1, 8) == 13  # 12.5 rounds up
    assert percent(0, 0) is None


@given(st.lists(st.tuples(st.sampled_from(["oui", "non"]), st.sampled_from(["oui", "non", "nsp"]))))
def test_figures_add_up(answers):
    result = figures(answers)
    assert result.answers == len(answers)
    assert result.publish_yes + result.publish_no + result.publish_unsure == len(answers)
    if answers:
        assert 0 <= result.more_able_percent <= 100


@pytest.mark.django_db
def test_participant_answers_once(client, world):
    client.force_login(world.participant_a)
    url = reverse("promotions:survey", args=[world.promotion_a.slug])
    page = client.get(url).content.decode()
    assert "Vous sentez-vous plus capable de piloter un SPASER ?" in page
    assert "Prévoyez-vous de publier votre SPASER dans les six mois ?" in page
    response = client.post(url, {"more_able": "maybe", "publish_plan": ""})
    assert response.status_code == 200
    assert "Choisissez une réponse." in response.content.decode()
    response = client.post(url, {"more_able": "oui", "publish_plan": "nsp", "comment": "Merci !"})
    assert response.status_code == 302
    client.post(url, {"more_able": "non", "publish_plan": "non"})
    answer = SurveyResponse.objects.get()
    assert (answer.more_able, answer.publish_plan, answer.comment) == ("oui", "nsp", "Merci !")
    assert "déjà répondu" in client.get(url).content.decode()


@pytest.mark.django_db
def test_closed_survey_takes_no_answer(client, world):
    world.promotion_a.survey_open = False
    world.promotion_a.save()
    client.force_login(world.participant_a)
    url = reverse("promotions:survey", args=[world.promotion_a.slug])
    client.post(url, {"more_able": "oui", "publish_plan": "oui"})
    assert not SurveyResponse.objects.exists()
    assert "pas ouvert" in client.get(url).content.decode()


def _answers(promotion, pairs):
    for more_able, plan in pairs:
        membership = MembershipFactory(promotion=promotion)
        SurveyResponseFactory(
            promotion=promotion, user=membership.user, more_able=more_able, publish_plan=plan
        )


@pytest.mark.django_db
def test_results_page_shows_shares_computed_from_answers(client, world):
    # 10 answers: 8 "more able" (80 %), 7 publish (70 %), 2 unsure, 1 no.
    pairs = [("oui", "oui")] * 7 + [("oui", "nsp")] + [("non", "nsp"), ("non", "non")]
    _answers(world.promotion_a, pairs)
    _answers(world.promotion_b, [("non", "non")] * 5)  # another promotion's answers don't count
    client.force_login(world.mentor_a)
    response = client.get(reverse("promotions:survey_results", args=[world.promotion_a.slug]))
    content = response.content.decode()
    assert response.context["figures"].answers == 10
    assert 'id="share-more-able">80 %' in content
    assert 'id="share-publish">70 %' in content
    assert "10 réponses sur 11 participants." in content


@pytest.mark.django_db
def test_csv_export_is_excel_friendly(client, world):
    _answers(world.promotion_a, [("oui", "oui"), ("non", "nsp")])
    answer = SurveyResponse.objects.first()
    answer.comment = '=HYPERLINK("http://x"); très bien'
    answer.save()
    client.force_login(world.admin)
    response = client.get(reverse("promotions:survey_csv", args=[world.promotion_a.slug]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == [
        "Participant",
        "Organisation",
        "Plus capable de piloter un SPASER",
        "Publication prévue dans les six mois",
    ]
    assert len(rows) == 3
    assert {row[2] for row in rows[1:]} == {"Oui", "Non"}
    assert any(row[4].startswith("'=HYPERLINK") for row in rows[1:])
