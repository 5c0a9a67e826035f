from datetime import date

import pytest

from diagnostic import recommendations, scoring
from tests.questionnaire import ALL_CONTENTS, amp_answers

TODAY = date(2026, 11, 23)


def score_of(**data):
    return scoring.compute(scoring.Answers.from_dict(amp_answers(**data)), today=TODAY)


def test_weights_total_100():
    assert sum(scoring.WEIGHTS.values()) == 100


def test_metropole_2022_hand_worked():
    """30 (adopted 15, published 10, fresh indicators 5) + 25 (five contents)
    + own targets: env 10×50/100 = 5, social 10×14/30 = 4.7, ESUS 5×2/5 = 2 → 11.7
    + PNAD: env 10×50/100 = 5, social 10×14/30 = 4.7 → 9.7. Total 76.4 → 76."""
    score = score_of()
    assert [s.points for s in score.sections] == [30, 25, 11.7, 9.7]
    assert [s.max_points for s in score.sections] == [30, 25, 25, 20]
    assert score.total == 76
    assert "env_below_target" in score.gaps and "adopted" not in score.gaps


def test_nothing_done_scores_zero():
    score = score_of(
        adopted=False,
        published="non",
        indicators_published_on=None,
        contents=[],
        env_share=None,
        social_share=None,
        esus_share=None,
        env_target=None,
        social_target=None,
        esus_target=None,
    )
    assert score.total == 0
    assert {"adopted", "indicators_fresh", "content_social", "env_unknown"} <= set(score.gaps)
    assert "published" not in score.gaps  # only asked once the scheme is adopted


def test_everything_reached_scores_100():
    score = score_of(env_share="100", social_share="35", esus_share="6")
    assert score.total == 100
    assert score.gaps == []


def test_above_target_is_capped():
    score = score_of(env_share="100", env_target="80", social_share="60", social_target="30")
    own = score.sections[2]
    assert own.items[0].points == 10 and own.items[1].points == 10


def test_no_target_scores_zero_for_that_indicator():
    score = score_of(social_target=None)
    assert score.sections[2].items[1].points == 0
    assert "social_no_target" in score.gaps
    assert score.sections[3].items[1].points == 4.7  # the national comparison still counts


def test_half_contents():
    score = score_of(contents=ALL_CONTENTS[:2])
    assert score.sections[1].points == 10


def test_published_without_website():
    assert score_of(published="autrement").sections[0].points == 30
    assert score_of(published="non").sections[0].points == 20


@pytest.mark.parametrize(
    "published_on, year, fresh",
    [
        ("2022-09-30", 2022, True),
        ("2021-01-15", 2022, True),
        ("2020-12-30", 2022, False),  # more than two years before the end of 2022
        ("2024-11-24", 2026, True),
        ("2024-11-22", 2026, False),
        (None, 2026, False),
        ("2027-01-01", 2026, False),  # in the future
    ],
)
def test_indicators_published_every_two_years(published_on, year, fresh):
    answers = scoring.Answers.from_dict(
        amp_answers(year=year, indicators_published_on=published_on)
    )
    assert scoring.indicators_fresh(answers, today=TODAY) is fresh


def test_answers_round_trip():
    answers = scoring.Answers.from_dict(amp_answers())
    assert scoring.Answers.from_dict(answers.to_dict()) == answers


def test_recommendations_link_to_resources_most_pressing_first():
    score = score_of(adopted=False, published="non", contents=[])
    recs = recommendations.for_gaps(score.gaps)
    assert recs[0].key == "adopted"
    keys = [r.key for r in recs]
    assert len(keys) == len(set(keys))
    for rec in recs:
        assert rec.links
        for link in rec.links:
            assert link.url.startswith("/recherche/?q=")
            assert link.url.endswith(f"&kind={link.kind}")  # the search filtered by its type
            assert link.kind in {"fiche", "clause", "webinaire"}
    kinds = {link.kind for rec in recs for link in rec.links}
    assert kinds == {"fiche", "clause", "webinaire"}


def test_plan_targets_are_named_as_the_plans_2025_objectives():
    national = score_of().sections[-1]
    assert national.label == "Objectifs 2025 du PNAD 2022-2025"
    assert national.items[1].detail == (
        "14 % pour l'objectif 2025 du PNAD 2022-2025 de 30 % : écart de 16 points"
    )


def test_contents_follow_the_current_article_and_date_each_item():
    labels = dict(scoring.CONTENTS)
    assert "suivi annuel" in labels["content_social"] and "2014" in labels["content_social"]
    assert "suivi annuel" in labels["content_ecological"] and "2015" in labels["content_ecological"]
    assert "2015" in labels["content_circular"]
    assert "tous les deux ans" in labels["content_indicators"]
    assert "vulnérables" in labels["content_targets"] and "2021" in labels["content_targets"]


# --- Gaps in points, missing targets, a voluntary scheme ---------------------------------------


def test_each_indicator_states_its_gap_to_the_target_in_points():
    own = score_of().sections[2]
    assert own.items[0].detail == "50 % pour une cible de 100 % : écart de 50 points"
    assert own.items[1].detail == "14 % pour une cible de 30 % : écart de 16 points"
    national = score_of().sections[3]
    assert national.items[0].detail.endswith("de 100 % : écart de 50 points")


@pytest.mark.parametrize(
    "share, target, expected",
    [
        ("29.5", "30", "écart de 0,5 point"),  # French: singular below 2
        ("29", "30", "écart de 1 point"),
        ("28", "30", "écart de 2 points"),
        ("12.3", "30", "écart de 17,7 points"),
        ("30", "30", "cible atteinte"),
        ("45", "30", "cible dépassée de 15 points"),
        (None, "30", ""),
    ],
)
def test_gap_wording(share, target, expected):
    assert scoring.gap_text(share, target) == expected


def test_a_missing_target_says_what_it_costs_instead_of_non_fixee():
    score = score_of(env_share="72", env_target=None, esus_target=None)
    detail = score.sections[2].items[0].detail
    assert "non fixée" not in detail and "cible de" not in detail
    assert (
        detail
        == "72 % ; aucune cible fixée : les 10 points de cet indicateur ne sont pas attribués"
    )
    assert [item.key for item in score.untargeted] == ["own_env", "own_esus"]
    assert score.untargeted_points == 15
    assert score_of().untargeted == [] and score_of().untargeted_points == 0
    nothing = score_of(env_target=None, social_target=None, esus_target=None)
    assert nothing.untargeted_points == 25


def test_an_obliged_buyer_is_scored_on_compliance():
    first, contents = score_of().sections[:2]  # 850 M€ in 2022, a métropole
    assert first.label == "Conformité à l'obligation" and first.note == ""
    assert contents.label == "Contenus obligatoires du schéma"


def test_a_buyer_under_the_threshold_is_scored_on_a_voluntary_scheme():
    """12 M€ in 2024: art. L2111-3 does not apply; the same 30 points measure a voluntary scheme,
    so that the score stays comparable with the buyer's other years and its peers."""
    voluntary = score_of(year=2024, spending="12000000", indicators_published_on="2024-06-30")
    obliged = score_of(year=2024, indicators_published_on="2024-06-30")
    first = voluntary.sections[0]
    assert first.label == "Démarche volontaire"
    assert "n'est pas soumise à l'obligation" in first.note and "L2111-3" in first.note
    assert "pas un manquement" in first.note
    assert "Conformité" not in " ".join(s.label for s in voluntary.sections)
    assert voluntary.sections[1].label == "Contenus du schéma (ceux de l'article L2111-3)"
    assert voluntary.total == obliged.total
    nothing = score_of(year=2024, spending="12000000", adopted=False, published="non")
    assert nothing.sections[0].label == "Démarche volontaire"


def test_a_category_outside_the_former_wording_is_voluntary_before_2023():
    state = score_of(year=2021, org_type="", category="etat", spending="400000000")
    assert state.sections[0].label == "Démarche volontaire"


def test_an_unknown_category_before_2023_is_not_guessed():
    unknown = score_of(year=2021, org_type="", category="", spending="400000000")
    first = unknown.sections[0]
    assert first.label == "Adoption et publication du schéma"
    assert "Indiquez la catégorie" in first.note
