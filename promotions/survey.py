"""End-of-programme survey figures; plain Python, no Django."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


def percent(part, total):
    """Share as a whole percentage, rounded half up; None when there is no answer."""
    if not total:
        return None
    return int((Decimal(100) * part / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SurveyFigures:
    answers: int
    more_able: int
    publish_yes: int
    publish_no: int
    publish_unsure: int

    @property
    def more_able_percent(self):
        return percent(self.more_able, self.answers)

    @property
    def publish_percent(self):
        return percent(self.publish_yes, self.answers)

    @property
    def publish_unsure_percent(self):
        return percent(self.publish_unsure, self.answers)

    @property
    def publish_no_percent(self):
        return percent(self.publish_no, self.answers)


def figures(answers):
    """`answers` is an iterable of (more_able, publish_plan) pairs with values oui/non/nsp."""
    total = more_able = yes = no = unsure = 0
    for able, plan in answers:
        total += 1
        more_able += able == "oui"
        yes += plan == "oui"
        no += plan == "non"
        unsure += plan == "nsp"
    return SurveyFigures(total, more_able, yes, no, unsure)
