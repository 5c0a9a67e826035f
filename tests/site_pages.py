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
from partage.models import Audience, SharedDocument
from portal.models import AccessibilityStatementPage, StandardPage
from promotions.models import Promotion, Recap
from redaction.models import Draft
from registre.models import AdoptedScheme
from ressources.models import ClauseIndexPage, ClausePage, WebinarIndexPage, WebinarPage

FINISHED = "mission-spaser-promotion-1"
OPEN = "mission-spaser-promotion-3"
CURATOR = "animation@reseau-achats-responsables-ouest.fr"
# Demo accounts: a participant of the running promotion whose organisation has an assessment
# history, and a member of another organisation who may still apply.
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


def prepare_site(password="Demo-a11y-2026"):
    call_command("seed_demo", password=password, stdout=StringIO())
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


def _decp_imports(email):
    """A DECP import being read, one read and one in error, as the member finds them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from diagnostic import tasks
    from diagnostic.models import DecpImport
    from diagnostic.sample import SAMPLE_PATH
    from diagnostic.services import member_organisation

    user = get_user_model().objects.get(email=email)
    organisation = member_organisation(user)
    upload = SimpleUploadedFile("decp.json", SAMPLE_PATH.read_bytes(), "application/json")
    done = tasks.start_import(upload, organisation, user, "200054807", None)
    reading = DecpImport.objects.create(
        organisation=organisation,
        created_by=user,
        file_name="decp-national.json",
        size=50 * 1024 * 1024,
        bytes_read=20 * 1024 * 1024,
        buyer="200054807",
        status=DecpImport.Status.RUNNING,
    )
    failed = DecpImport.objects.create(
        organisation=organisation,
        created_by=user,
        file_name="decp-illisible.json",
        size=120,
        bytes_read=120,
        buyer="200054807",
        status=DecpImport.Status.FAILED,
        error="Le fichier n'est pas un JSON valide.",
        error_field="file",
    )
    return {"en cours": reading.pk, "terminé": done.pk, "en erreur": failed.pk}


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
    adopted = AdoptedScheme.objects.public().order_by("pk").first()
    shared = SharedDocument.objects.public().order_by("pk").first()
    reserved = SharedDocument.objects.published().filter(audience=Audience.RESERVED).first()
    waiting = SharedDocument.objects.filter(status="pending").first()

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
        "trouver un facilitateur": reverse("territoires:finder") + "?code=35000",
        "trouver un facilitateur en erreur": reverse("territoires:finder") + "?code=3500",
        "agenda d'une région": WebinarIndexPage.objects.get().url + "?region=BRE",
        "données personnelles": reverse("portal:privacy"),
        "promotions": reverse("promotions:index"),
        "promotion ouverte": open_promotion.get_absolute_url(),
        "SPASER adoptés": reverse("registre:index"),
        "SPASER adoptés filtrés": reverse("registre:index") + "?region=NAQ",
        "un SPASER adopté": adopted.get_absolute_url(),
        "documents partagés": reverse("partage:index") + "?fiabilite=reseau",
        "un document partagé": shared.get_absolute_url(),
    }
    public["plan du site"] = reverse("portal:site_map")
    public["déclaration d'accessibilité"] = AccessibilityStatementPage.objects.get().url
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

    draft = Draft.objects.get(created_by__email=MEMBER)
    decp_imports = _decp_imports(MEMBER)
    member = Visit("membre", _client(MEMBER))
    member.pages = {
        **public,
        "rédiger mon SPASER": reverse("redaction:index"),
        "projet de SPASER": reverse("redaction:draft", args=[draft.pk]),
        **{
            f"projet — étape {slug}": reverse("redaction:step", args=[draft.pk, slug])
            for slug in ("contexte", "social", "indicateurs", "gouvernance")
        },
        "projet — vérification": reverse("redaction:check", args=[draft.pk]),
        "projet — versions": reverse("redaction:versions", args=[draft.pk]),
        "projet — partage": reverse("redaction:share", args=[draft.pk]),
        "publier un SPASER adopté": reverse("registre:publish"),
        "nouveau sujet": reverse("forum:topic_create", args=[category.slug]),
        "historique des diagnostics": reverse("diagnostic:history"),
        "import DECP": reverse("diagnostic:decp_import"),
        **{
            f"import DECP {state}": reverse("diagnostic:decp_import_detail", args=[pk])
            for state, pk in decp_imports.items()
        },
        "mes promotions": reverse("promotions:mine"),
        "profil": reverse("portal:profile"),
        # the member is the referent of their organisation, which has a request waiting
        "membres de l'organisation": reverse(
            "portal:organisation_members",
            args=[get_user_model().objects.get(email=MEMBER).profile.organisation_id],
        ),
        "mes données": reverse("portal:my_data"),
        "annuaire": reverse("portal:directory"),
        "mes inscriptions": reverse("ressources:my_registrations"),
        "un document partagé réservé": reserved.get_absolute_url(),
        "proposer un document": reverse("partage:contribute"),
        "mes contributions": reverse("partage:mine"),
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
        "suppression du compte en erreur": EmptyForm(
            reverse("portal:my_data"), ("password",), reverse("portal:delete_account")
        ),
        "nouveau projet en erreur": EmptyForm(
            reverse("redaction:index"), ("period_start", "period_end")
        ),
        "SPASER adopté en erreur": EmptyForm(
            reverse("registre:publish"), ("title", "deliberation", "period_start", "period_end")
        ),
        "proposition de document en erreur": EmptyForm(
            reverse("partage:contribute"), ("title", "summary")
        ),
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
    curator = Visit("curateur", _client(CURATOR))
    curator.pages = {
        "documents à relire": reverse("partage:queue"),
        "relire un document": reverse("partage:decide", args=[waiting.pk]),
    }
    curator.invalid_forms = {
        "refus sans motif": EmptyForm(
            reverse("partage:decide", args=[waiting.pk]),
            ("reason",),
            reverse("partage:refuse", args=[waiting.pk]),
        ),
    }
    return [visitor, member, newcomer, participant, curator]


RUNNING = "mission-spaser-promotion-2"
# Demo accounts of the running promotion: a participant (case holder of its next session) and a
# mentor (who has its last recap to finish).
RUNNING_PARTICIPANT = "participant@ville-dunkerque.fr"
RUNNING_MENTOR = "mentor@nantesmetropole.fr"


def promotion_visits():
    """The running and finished promotions' public pages as a visitor sees them; the running
    promotion's pages as its participant and its mentor see them: past and upcoming sessions,
    recaps, the recap being written, attendance, the cohort forum; and the finished promotion's
    survey results. Call after `prepare_site`."""
    from django.utils import timezone

    running = Promotion.objects.get(slug=RUNNING)
    now = timezone.now()
    past = running.sessions.filter(starts_at__lt=now).order_by("-starts_at")
    upcoming = running.sessions.filter(starts_at__gt=now).order_by("starts_at").first()
    published = Recap.objects.filter(session__promotion=running, status="published").first()
    draft = Recap.objects.get(session__promotion=running, status="draft")
    cohort = Category.objects.get(restricted_to=running.group)
    slug = running.slug
    shared = {
        "espace privé": reverse("promotions:space", args=[slug]),
        "membres": reverse("promotions:members", args=[slug]),
        "prochaine séance": reverse("promotions:session", args=[slug, upcoming.pk]),
        "séance passée": reverse("promotions:session", args=[slug, past[0].pk]),
        "fiche de séance": reverse("promotions:recap", args=[slug, published.session_id]),
        "fiches de séance": reverse("promotions:recaps", args=[slug]),
        "documents": reverse("promotions:documents", args=[slug]),
        "mes promotions": reverse("promotions:mine"),
        "forum de la promotion": reverse("forum:category", args=[cohort.slug]),
    }
    visitor = Visit("visiteur des promotions", _client())
    visitor.pages = {
        "promotion en cours": running.get_absolute_url(),
        "promotion terminée": Promotion.objects.get(slug=FINISHED).get_absolute_url(),
    }
    participant = Visit("participant de la promotion en cours", _client(RUNNING_PARTICIPANT))
    participant.pages = {**shared, "sa promotion (page publique)": running.get_absolute_url()}
    mentor = Visit("mentor", _client(RUNNING_MENTOR))
    mentor.pages = {
        **shared,
        "présences": reverse("promotions:attendance", args=[slug, past[0].pk]),
        "fiche en cours de rédaction": reverse(
            "promotions:recap_edit", args=[slug, draft.session_id]
        ),
        "résultats du questionnaire": reverse("promotions:survey_results", args=[FINISHED]),
    }
    mentor.invalid_forms = {
        "fiche en erreur": EmptyForm(
            reverse("promotions:recap_edit", args=[slug, draft.session_id]), ("key_points",)
        ),
    }
    return [visitor, participant, mentor]
