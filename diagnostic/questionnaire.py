"""One visitor's self-assessment questionnaire, kept step by step in their session.

No HTTP here: the views read the request and tell the visitor what happened; this module says
which step comes next, what the answers are once every step is done, and how a DECP import fills
the steps. `redaction` reads the same answers and ticks contents through it.

The session holds one dict under SESSION_KEY: each answered step's cleaned data under its slug,
drafts for steps not answered yet (`_<slug>_draft`, left by a DECP import) and the import's
summary (`decp`).
"""

import json

from django.utils.translation import gettext_lazy as _

from . import scoring
from .forms import ContentsStepForm, IndicatorsStepForm, OrganisationStepForm, SchemeStepForm

SESSION_KEY = "diagnostic"
STEPS = [
    ("organisation", _("Votre organisation et vos achats"), OrganisationStepForm),
    ("schema", _("Votre schéma"), SchemeStepForm),
    ("contenus", _("Contenus du schéma"), ContentsStepForm),
    ("indicateurs", _("Indicateurs clés"), IndicatorsStepForm),
]
STEP_SLUGS = [slug for slug, _title, _form in STEPS]


class Questionnaire:
    def __init__(self, session):
        self.session = session
        state = session.get(SESSION_KEY)
        self.state = state if isinstance(state, dict) else {}

    @property
    def started(self):
        return bool(self.state)

    def first_missing(self):
        """The first step not answered yet, or None when every step is."""
        for slug in STEP_SLUGS:
            if slug not in self.state:
                return slug
        return None

    @property
    def complete(self):
        return self.first_missing() is None

    def answers(self):
        """The typed answers of every step so far, or None when they cannot be read back."""
        merged = {}
        for slug in STEP_SLUGS:
            merged.update(self.state.get(slug, {}))
        try:
            return scoring.Answers.from_dict(merged)
        except (KeyError, ValueError, TypeError, ArithmeticError):
            return None

    def finished_answers(self):
        """The answers once every step is done, otherwise None."""
        return self.answers() if self.complete else None

    def stored(self, slug):
        """What a step's form starts from: its answer, else the draft an import left."""
        return self.state.get(slug) or self.state.get(f"_{slug}_draft")

    @property
    def decp(self):
        """The summary of the DECP import that filled the indicators, if any."""
        return self.state.get("decp")

    def record(self, slug, data):
        self.state[slug] = data
        self._store()

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.state = {}

    def cache_key(self):
        """The answers as one string: a cached result page varies on it."""
        return json.dumps(self.state, sort_keys=True, default=str)

    def apply_decp_import(self, decp_import):
        """Reports the import's computed shares in the questionnaire, once per import."""
        state = self.state
        if (state.get("decp") or {}).get("import") == decp_import.pk:
            return
        summary = decp_import.summary
        indicators = dict(state.get("_indicateurs_draft") or state.get("indicateurs") or {})
        for key in ("env_share", "social_share"):
            if summary[key] is not None:
                indicators[key] = str(summary[key])
        if "indicateurs" in state:
            state["indicateurs"] = indicators
        else:
            state["_indicateurs_draft"] = indicators
        if "organisation" not in state:
            state["_organisation_draft"] = {"year": summary["year"]}
        state["decp"] = {k: v for k, v in summary.items() if k != "by_value"} | {
            "import": decp_import.pk
        }
        self._store()

    def _store(self):
        self.session[SESSION_KEY] = self.state
        self.session.modified = True
