"""Everything a result page, a CSV or a PDF shows for one set of answers. No Django import."""

from dataclasses import dataclass, field

from . import charts, recommendations, rules, scoring
from .amounts import format_amount


@dataclass
class IndicatorRow:
    key: str
    label: str
    share: object
    target: object
    national: object

    @property
    def target_gap(self):
        """« écart de 50 points », « cible atteinte »…; "" without a share or a target."""
        return scoring.gap_text(self.share, self.target)

    @property
    def national_gap(self):
        return scoring.gap_text(self.share, self.national)

    def chart_notes(self):
        """The lines the indicators chart writes under this indicator's bar."""
        notes = []
        if self.target is not None:
            notes.append(
                f"Votre cible : {scoring.percent_text(self.target)}" + _then(self.target_gap)
            )
        if self.national is not None:
            notes.append(
                f"Objectif 2025 du PNAD : {scoring.percent_text(self.national)}"
                + _then(self.national_gap)
            )
        return notes


def _then(gap):
    return f", {gap}" if gap else ""


@dataclass
class Report:
    answers: scoring.Answers
    verdict: rules.Verdict
    score: scoring.Score
    indicators: list
    recommendations: list
    organisation_name: str = ""
    charts: dict = field(default_factory=dict)

    @property
    def spending_display(self):
        return format_amount(self.answers.spending)


def build(answers, organisation_name="", today=None, chart_prefix="diag"):
    verdict = rules.verdict_for(answers)
    score = scoring.compute(answers, today=today)
    national = {"env": scoring.PNAD_ENV_TARGET, "social": scoring.PNAD_SOCIAL_TARGET}
    indicators = [
        IndicatorRow(key, label, answers.share(key), answers.target(key), national.get(key))
        for key, label, *_rest in scoring.INDICATORS
    ]
    report = Report(
        answers=answers,
        verdict=verdict,
        score=score,
        indicators=indicators,
        recommendations=recommendations.for_gaps(score.gaps, obliged=verdict.obliged),
        organisation_name=organisation_name,
    )
    report.charts = {
        "score": charts.score_bars(
            f"{chart_prefix}-score",
            [(s.label, s.points, s.max_points) for s in score.sections],
            title=f"Score de {score.total} sur 100 : répartition par rubrique",
        ),
        "indicators": charts.indicator_bars(
            f"{chart_prefix}-indicators",
            [
                (row.label, row.share, row.target, row.national, row.chart_notes())
                for row in indicators
            ],
        ),
    }
    return report
