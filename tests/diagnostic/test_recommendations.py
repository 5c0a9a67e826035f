from datetime import date

from diagnostic import recommendations, report, scoring
from diagnostic.recommendations import GOOD_PRACTICE, OBLIGATION, PLAN
from portal import legal
from tests.questionnaire import amp_answers

TODAY = date(2026, 12, 3)


def recs_for(**data):
    answers = scoring.Answers.from_dict(amp_answers(**data))
    return {rec.key: rec for rec in report.build(answers, today=TODAY).recommendations}


def test_the_three_kinds_are_told_apart_obligations_first():
    recs = recs_for(year=2024, adopted=False, published="non", contents=[])
    natures = [rec.nature for rec in recs.values()]
    assert {OBLIGATION, GOOD_PRACTICE, PLAN} <= set(natures)
    assert natures == sorted(natures, key=recommendations.PRIORITY.get)
    assert recs["pnad_social"].nature_label == "Objectif 2025 du PNAD 2022-2025"
    assert recs["social_below_target"].nature == GOOD_PRACTICE


def test_the_social_execution_condition_is_a_legal_obligation_with_its_scope():
    rec = recs_for(year=2025)["social_condition"]
    assert rec.nature == OBLIGATION
    assert [ref.article for ref in rec.references] == ["L2112-2-1", "L3114-2-1"]
    assert "seuils européens" in rec.text and "21 août 2026" in rec.scope
    assert "défense ou de sécurité" in rec.scope


def test_the_environmental_rules_are_not_overstated():
    rec = recs_for(year=2025)["env_condition"]
    assert rec.nature == OBLIGATION
    assert "21 août 2026" in rec.scope and "défense ou de sécurité" in rec.scope
    assert "critère unique du coût" in rec.text
    assert {"L2112-2", "L2152-7", "R2152-7", "L2111-2"} == set(rec.sources)


def test_scheme_items_are_obligations_only_for_an_obliged_buyer():
    obliged = recs_for(year=2024, adopted=False, contents=[])
    assert obliged["adopted"].nature == OBLIGATION and "Aucune sanction" in obliged["adopted"].scope
    small = recs_for(year=2024, spending="20000000", adopted=False, contents=[])
    assert small["adopted"].nature == GOOD_PRACTICE and small["adopted"].scope == ""


def test_circular_economy_names_agec_and_esus_by_right():
    recs = recs_for(year=2024, contents=[], esus_share=None)
    assert "décret n° 2024-134" in recs["content_circular"].text
    assert "art. 58" in recs["content_circular"].sources
    assert "de plein droit" in recs["esus_unknown"].text


def test_every_recommendation_cites_known_articles_only():
    for rec in recommendations.CATALOGUE.values():
        for article in rec.sources:
            assert article in legal.REFERENCES, (rec.key, article)
        for article in legal.cited_articles(rec.text + rec.scope):
            assert article in legal.REFERENCES, (rec.key, article)
