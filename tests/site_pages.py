"""The site's main pages on the demo content, as a visitor, a member and a participant see them.

Shared by the accessibility check (axe-core in Chromium) and the HTML validity check (Nu Html
Checker). `prepare_site` (the `demo_site` fixture) seeds the demo and opens the survey of the
finished promotion; `prepare_visits` logs each role in with Django's test client and answers the
self-assessment, so the questionnaire steps and the result page render with answers; a browser
reuses the session cookie.
"""

from dataclasses import dataclass, field
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from diagnostic.forms import ContentsStepForm
from fiches.models import FicheIndexPage, FichePage
from forum.models import Category, Topic
from portal.models import StandardPage
from promotions.models import Promotion, Recap
from ressources.models import ClauseIndexPage, ClausePage, WebinarIndexPage, WebinarPage

FINISHED = "mission-spaser-promotion-1"
OPEN = "mission-spaser-promotion-2"
# Demo accounts: an applicant to the open promotion whose organisation has an assessment history,
# and a member of another organisation who may still apply.
MEMBER = "participant@ampmetropole.fr"
NEWCOMER = "membre@bretagne.bzh"

DIAGNOSTIC_ANSWERS = [
    ("organisation", {"org_type": "Métropole", "year": "2024", "spending": "850 000 000"}),
    ("schema", {"adopted": "oui", "published": "oui", "adoption_date": "2022-06-30"}),
    (
        "contenus",
        {
            "contents": [value for value, _label in ContentsStepForm().fields["contents"].choices][
                :3
            ]
        },
    ),
    (
        "indicateurs",
        {"env_share": "50", "env_target": "100", "social_share": "14", "social_target": "30"},
    ),
]


@dataclass
class Visit:
    """One role's session (a logged-in test client) and the pages to check, by name.

    `invalid_forms` maps a name to an `EmptyForm`: sent with its fields empty, the page showing the
    errors is checked too.
    """

    role: str
    client: Client
    pages: dict = field(default_factory=dict)
    invalid_forms: dict = field(default_factory=dict)


def prepare_site():
    call_command("seed_demo", password="Demo-a11y-2026", stdout=StringIO())
    Promotion.objects.filter(slug=FINISHED).update(survey_open=True)


def _participant_without_survey_answer(promotion):
    answered = promotion.survey_responses.values_list("user_id", flat=True)
    return promotion.participants().exclude(user_id__in=answered).order_by("pk").first().user


def _answer_diagnostic(client):
    for slug, data in DIAGNOSTIC_ANSWERS:
        response = client.post(reverse("diagnostic:step", args=[slug]), {**data, "action": "next"})
        assert response.status_code == 302, (slug, response.content[:2000])
    steps = {
        f"diagnostic — étape {slug}": reverse("diagnostic:step", args=[slug])
        for slug, _data in DIAGNOSTIC_ANSWERS
    }
    return {**steps, "diagnostic — résultat": reverse("diagnostic:result")}


@dataclass
class EmptyForm:
    """A form on `page` posting to `action` (the page itself by default), sent with `fields` empty."""

    page: str
    fields: tuple
    action: str = ""

    @property
    def selector(self):
        return f'main form:has([name="{self.fields[0]}"])'

    @property
    def data(self):
        return dict.fromkeys(self.fields, "")

    def __post_init__(self):
        self.action = self.action or self.page


def _client(email=None):
    client = Client()
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    return client


def prepare_visits():
    """Each role's pages. Call after `prepare_site`."""
    fiche = FichePage.objects.live().order_by("path").first()
    webinar = WebinarPage.objects.live().order_by("path").first()
    clause = ClausePage.objects.live().order_by("path").first()
    clause_index = ClauseIndexPage.objects.get()
    category = Category.objects.filter(restricted_to__isnull=True).order_by("pk").first()
    topic = Topic.objects.filter(category=category).order_by("pk").first()
    finished = Promotion.objects.get(slug=FINISHED)
    open_promotion = Promotion.objects.get(slug=OPEN)
    recap = Recap.objects.filter(session__promotion=finished, status="published").first()
    session = recap.session
    cohort_category = Category.objects.get(restricted_to=finished.group)
    cohort_topic = Topic.objects.filter(category=cohort_category).first()

    public = {
        "accueil": "/",
        "fiches": FicheIndexPage.objects.get().url,
        "une fiche": fiche.url,
        "webinaires": WebinarIndexPage.objects.get().url,
        "un webinaire": webinar.url,
        "clauses filtrées": f"{clause_index.url}?type=sociale",
        "une clause": clause.url,
        "recherche": reverse("search") + "?q=clause+insertion",
        "recherche filtrée": reverse("search") + "?q=insertion&kind=clause",
        "forum": reverse("forum:index"),
        "une catégorie": reverse("forum:category", args=[category.slug]),
        "un sujet": reverse("forum:topic", args=[topic.pk]),
        "autodiagnostic": reverse("diagnostic:index"),
        "ce qui a changé": reverse("portal:legal_changes"),
        "promotions": reverse("promotions:index"),
        "promotion ouverte": open_promotion.get_absolute_url(),
    }
    for standard in StandardPage.objects.live().order_by("path"):
        public[f"page {standard.slug}"] = standard.url

    visitor = Visit("visiteur", _client())
    visitor.pages = {
        **public,
        "connexion": reverse("account_login"),
        "inscription": reverse("account_signup"),
        "mot de passe oublié": reverse("account_reset_password"),
        "page introuvable": "/cette-page-n-existe-pas/",
        **_answer_diagnostic(visitor.client),
    }
    visitor.invalid_forms = {
        "connexion en erreur": EmptyForm(reverse("account_login"), ("login", "password")),
        "inscription en erreur": EmptyForm(
            reverse("account_signup"),
            ("email", "first_name", "last_name", "password1", "password2"),
        ),
        "diagnostic en erreur": EmptyForm(
            reverse("diagnostic:step", args=["organisation"]), ("org_type", "year", "spending")
        ),
    }

    member = Visit("membre", _client(MEMBER))
    member.pages = {
        **public,
        "nouveau sujet": reverse("forum:topic_create", args=[category.slug]),
        "historique des diagnostics": reverse("diagnostic:history"),
        "import DECP": reverse("diagnostic:decp_import"),
        "mes promotions": reverse("promotions:mine"),
        "profil": reverse("portal:profile"),
        "annuaire": reverse("portal:directory"),
        "mes inscriptions": reverse("ressources:my_registrations"),
        **_answer_diagnostic(member.client),
    }
    member.invalid_forms = {
        "nouveau sujet en erreur": EmptyForm(
            reverse("forum:topic_create", args=[category.slug]), ("title", "body")
        ),
        "réponse en erreur": EmptyForm(
            reverse("forum:topic", args=[topic.pk]),
            ("body",),
            reverse("forum:reply", args=[topic.pk]),
        ),
        "profil en erreur": EmptyForm(reverse("portal:profile"), ("first_name", "last_name")),
    }

    newcomer = Visit("nouveau membre", _client(NEWCOMER))
    newcomer.pages = {"promotion ouverte (candidature)": open_promotion.get_absolute_url()}
    newcomer.invalid_forms = {
        "candidature en erreur": EmptyForm(
            open_promotion.get_absolute_url(),
            ("organisation", "motivation"),
            reverse("promotions:apply", args=[OPEN]),
        ),
    }

    participant = Visit("participant", _client(_participant_without_survey_answer(finished).email))
    space_args = [finished.slug]
    participant.pages = {
        "espace privé": reverse("promotions:space", args=space_args),
        "membres": reverse("promotions:members", args=space_args),
        "une séance": reverse("promotions:session", args=[finished.slug, session.pk]),
        "une fiche de séance": reverse("promotions:recap", args=[finished.slug, session.pk]),
        "fiches de séance": reverse("promotions:recaps", args=space_args),
        "documents": reverse("promotions:documents", args=space_args),
        "questionnaire": reverse("promotions:survey", args=space_args),
        "forum de la promotion": reverse("forum:category", args=[cohort_category.slug]),
        "sujet de la promotion": reverse("forum:topic", args=[cohort_topic.pk]),
        "mes promotions": reverse("promotions:mine"),
    }
    return [visitor, member, newcomer, participant]
