"""Cross-site scripting: payloads typed into every user input never run, wherever they show.

Members type the payloads in the browser (profile, comments, forum, application, recap, survey,
report, self-assessment, searches); then the author, another member, the mentor, a moderator
and an admin open every page that shows them. Each payload calls `__xss()` or `alert()`, which
this test traps; the DOM is also searched for any payload that became an event handler, a
`javascript:` URL, an iframe `srcdoc` or a script. Pages are checked twice: with the
Content-Security-Policy, and with the browser told to ignore it (`bypass_csp`), so that the
escaping and sanitising are proven on their own.
"""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from diagnostic.models import Assessment
from forum.models import Category, Post, Topic
from portal.models import CollectiviteType, Organisation
from promotions.models import Membership, Promotion, Recap, Session
from ressources.models import ClausePage, WebinarPage
from tests.factories import AdminFactory, UserFactory, _valid_siren, give_role, verified_member
from tests.fiches.factories import fiche_index, make_fiche
from tests.ressources.factories import clause, clause_index, webinar, webinar_index

pytestmark = pytest.mark.django_db(transaction=True)

# Short payloads fit names and titles; LONG goes into every text area.
SHORT = [
    "\"><img src=x onerror=__xss('img')>tpl{{7*7}}",
    "'><svg onload=__xss('svg')>{% now 'Y' %}",
    "</title><script>__xss('script')</script>",
    "<details open ontoggle=alert('toggle')>${7*7}",
]
LONG = "\n\n".join(
    [
        *SHORT,
        "<a href=\"javascript:__xss('a')\">lien</a>",
        "[lien markdown](javascript:__xss('md'))",
        "[lien encodé](javascript&#58;__xss('md2'))",
        "![image](x\" onerror=\"__xss('mdimg'))",
        "<iframe src=\"javascript:__xss('iframe')\"></iframe>",
        "<iframe srcdoc=\"<script>parent.__xss('srcdoc')</script>\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=__xss('mxss')>",
        "<input autofocus onfocus=__xss('focus')><body onload=__xss('body')>",
        "<object data=\"javascript:__xss('object')\"></object>",
        "tpl{{7*7}} {{ request.user.password }}",
    ]
)

# The author's organisation name (SHORT[3]) as it shows in a page, escaped or not.
ORGANISATION = "ontoggle=alert('toggle')"

TRAP = """
window.__xss = (id) => window.reportXss(`__xss(${id}) on ${location.pathname}`);
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => window.reportXss(`${name}(${message}) on ${location.pathname}`);
}
"""
# Payloads that turned into live markup, even if nothing ran (a link needs a click).
FIND_LIVE_PAYLOADS = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value;
      const hit = value.includes("__xss") || value.includes("alert(");
      if (hit && /^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}=${value}`);
      if (hit && /^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name)
          && /^\\s*javascript/i.test(value)) found.push(`${el.tagName} ${attr.name}=${value}`);
      if (hit && attr.name === "srcdoc") found.push(`${el.tagName} srcdoc=${value}`);
    }
    if (el.tagName === "SCRIPT" && (!el.type || /javascript|module/.test(el.type))
        && el.textContent.includes("__xss")) found.push(`script ${el.textContent}`);
  }
  return found;
}"""


class XssWatch:
    """A browser context whose pages report any payload that ran or became live markup."""

    def __init__(self, browser, base_url, bypass_csp):
        self.base_url = base_url
        self.context = browser.new_context(base_url=base_url, bypass_csp=bypass_csp)
        self.context.set_default_timeout(15_000)
        self.hits = []
        self.context.expose_function("reportXss", self._report)
        self.context.add_init_script(TRAP)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: (self._report(dialog.message), dialog.dismiss()))

    def _report(self, hit):
        self.hits.append(hit)

    def log_in(self, user):
        client = Client()
        client.force_login(user)
        self.context.clear_cookies()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.base_url}]
        )

    def check(self, path, expect_text=None):
        """Open path, let any payload run, and collect what went wrong there."""
        response = self.page.goto(path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        self.page.wait_for_load_state("load")
        self.page.mouse.move(5, 5)
        self.page.wait_for_timeout(50)
        text = self.page.content()
        if expect_text:
            assert expect_text in text, f"{path} does not show the payload"
        problems = [f"{path}: {found}" for found in self.page.evaluate(FIND_LIVE_PAYLOADS)]
        if "tpl49" in text:
            problems.append(f"{path}: template code was evaluated")
        return problems


@pytest.fixture
def world(home_page):
    long_ago = timezone.now() - timedelta(days=60)
    kind = CollectiviteType.objects.create(name="Métropole")
    author = UserFactory(email="auteur@ville-exemple.fr", date_joined=long_ago)
    participant = UserFactory(email="participante@agglo-exemple.fr", date_joined=long_ago)
    mentor = UserFactory(email="mentor@nantesmetropole.fr", date_joined=long_ago)
    moderator = give_role(UserFactory(email="moderation@entraide-spaser.fr"), "moderator")
    admin = AdminFactory(email="admin@entraide-spaser.fr")
    organisation = Organisation.objects.create(
        name="Métropole exemple", siren=_valid_siren(4242), kind=kind, region="BRE"
    )
    participant.profile.organisation = organisation
    participant.profile.save()

    fiche = make_fiche(fiche_index(home_page), "Restauration collective")
    webinar_page = webinar(webinar_index(home_page), title="Construire son SPASER")
    clause_page = clause(clause_index(home_page), title="Clause d'insertion")
    category = Category.objects.create(name="Entraide", slug="entraide", description="Questions.")
    running = Promotion.objects.create(
        name="Promotion en cours",
        description="Trois mois d'entraide.",
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=timezone.localdate() + timedelta(days=60),
        state=Promotion.State.RUNNING,
        survey_open=True,
    )
    Membership.objects.create(promotion=running, user=mentor, role=Membership.Role.MENTOR)
    Membership.objects.create(promotion=running, user=participant)
    Membership.objects.create(promotion=running, user=author)
    session = Session.objects.create(
        promotion=running,
        kind=Session.Kind.CODEV,
        title="Co-développement n° 1",
        starts_at=timezone.now() - timedelta(days=2),
        visio_url="https://webconf.numerique.gouv.fr/salle",
    )
    open_promotion = Promotion.objects.create(
        name="Promotion ouverte",
        description="Candidatures ouvertes.",
        start_date=timezone.localdate() + timedelta(days=30),
        end_date=timezone.localdate() + timedelta(days=120),
        state=Promotion.State.OPEN,
    )
    return locals()


def type_payloads(watch, world):
    """Every input, typed by the member who may use it; returns the problems seen meanwhile."""
    page, problems = watch.page, []
    author, participant, mentor = world["author"], world["participant"], world["mentor"]

    watch.log_in(author)
    page.goto("/compte/profil/")
    page.locator("[name=first_name]").fill(SHORT[0])
    page.locator("[name=last_name]").fill(SHORT[1])
    page.locator("[name=job_title]").fill(SHORT[2])
    page.locator("[name=siren]").fill(_valid_siren(777))
    page.locator("[name=organisation_name]").fill(SHORT[3])
    page.locator("[name=organisation_kind]").select_option(label="Métropole")
    page.locator("[name=region]").select_option("BRE")
    page.locator("label[for=id_in_directory]").click()
    page.locator("form:has([name=first_name]) [type=submit]").click()
    page.get_by_text("Votre profil a été enregistré.").wait_for()
    # An unknown SIREN is a pending organisation, named nowhere until an administrator validates
    # it; validated, with the author a verified member, its name shows beside theirs.
    claimed = Organisation.objects.get(siren=_valid_siren(777))
    assert claimed.name == SHORT[3]
    claimed.validated = True
    claimed.save()
    verified_member(type(author).objects.get(pk=author.pk), claimed)  # its profile as saved

    for resource in (world["fiche"], world["webinar_page"], world["clause_page"]):
        page.goto(resource.url)
        page.locator("#id_comment").fill(LONG)
        page.locator("#comment-form [name=post]").click()
        page.wait_for_load_state("load")
        problems += watch.check(resource.url, expect_text="tpl{{7*7}}")

    page.goto("/forum/entraide/nouveau-sujet/")
    page.locator("[name=title]").fill(SHORT[0] + SHORT[2])
    page.locator("[name=body]").fill(LONG)
    page.locator("form:has([name=title]) [type=submit]").click()
    page.get_by_text("Votre sujet est publié.").wait_for()

    page.goto(f"/promotions/{world['open_promotion'].slug}/")
    page.locator("[name=organisation]").select_option(index=1)
    page.locator("[name=motivation]").fill(LONG)
    page.locator("form:has([name=motivation]) [type=submit]").click()
    page.get_by_text("Votre candidature a été envoyée.").wait_for()

    # The self-assessment: a free-text amount echoed back with its error, then a saved result.
    page.goto("/diagnostic/etape/organisation/")
    page.locator("[name=org_type]").select_option("Métropole")
    page.locator("[name=year]").fill(SHORT[1][:20])
    page.locator("[name=spending]").fill(SHORT[0])
    page.locator("form:has([name=spending]) [type=submit]").last.click()
    page.wait_for_load_state("load")
    problems += [f"step echo: {p}" for p in page.evaluate(FIND_LIVE_PAYLOADS)]
    page.locator("[name=year]").fill("2024")
    page.locator("[name=spending]").fill("80 M€")
    page.locator("form:has([name=spending]) [type=submit]").last.click()
    page.get_by_text("Étape 2 sur 4").wait_for()
    page.locator("label[for=id_adopted_0]").click()
    page.locator("label[for=id_published_0]").click()
    page.get_by_role("button", name="Étape suivante").click()
    page.get_by_text("Étape 3 sur 4").wait_for()
    page.get_by_role("button", name="Étape suivante").click()
    page.get_by_text("Étape 4 sur 4").wait_for()
    page.locator("#id_env_share").fill(SHORT[2][:30])
    page.get_by_role("button", name="Voir le résultat").click()
    page.wait_for_load_state("load")
    problems += [f"indicators echo: {p}" for p in page.evaluate(FIND_LIVE_PAYLOADS)]
    page.locator("#id_env_share").fill("50")
    page.get_by_role("button", name="Voir le résultat").click()
    page.wait_for_url(re.compile(r"/diagnostic/resultat/$"))
    page.locator("form[action$='/diagnostic/enregistrer/'] [type=submit]").click()
    page.wait_for_load_state("load")
    page.goto("/diagnostic/import-decp/")
    page.locator("[name=siret]").fill(SHORT[0][:20])
    page.locator("[name=year]").fill(SHORT[1][:20])
    page.locator("[name=file]").set_input_files(
        {"name": "decp.json", "mimeType": "application/json", "buffer": b'{"marches": []}'}
    )
    page.locator("form:has([name=siret]) [type=submit]").click()
    page.wait_for_load_state("load")
    problems += [f"DECP echo: {p}" for p in page.evaluate(FIND_LIVE_PAYLOADS)]

    watch.log_in(participant)
    topic = Topic.objects.get()
    page.goto(f"/forum/sujet/{topic.pk}/")
    page.locator("[name=body]").fill(LONG)
    page.locator("form:has([name=body]) [type=submit]").click()
    page.get_by_text("Votre réponse est publiée.").wait_for()
    first_post = Post.objects.filter(topic=topic).order_by("pk").first()
    page.goto(f"/forum/message/{first_post.pk}/signaler/")
    page.locator("#id_reason_0").dispatch_event("click")  # the long post overlaps the labels
    page.locator("[name=comment]").fill(LONG[:2000])
    page.locator("form:has([name=comment]) [type=submit]").click()
    page.get_by_text("Merci").first.wait_for()
    running = world["running"]
    page.goto(f"/promotions/{running.slug}/espace/questionnaire/")
    page.locator("label[for=id_more_able_0]").click()
    page.locator("label[for=id_publish_plan_0]").click()
    page.locator("[name=comment]").fill(LONG)
    page.locator("form:has([name=comment]) [type=submit]").click()
    page.get_by_text("Merci ! Votre réponse a été enregistrée.").wait_for()

    watch.log_in(mentor)
    session = world["session"]
    page.goto(f"/promotions/{running.slug}/espace/seances/{session.pk}/fiche/modifier/")
    page.locator("[name=key_points]").fill(LONG)
    page.locator("[name=resources]").fill(LONG)
    page.locator("[name=actions]").fill(LONG)
    page.locator("button[value=publish]").click()
    page.get_by_text("La fiche est publiée").wait_for()
    assert Recap.objects.get().is_published
    return problems


def pages_to_check(world):
    """(user, path, text the page must show) for every page that displays the payloads."""
    running, session = world["running"], world["session"]
    topic = Topic.objects.get()
    assessment = Assessment.objects.get()
    search = quote(SHORT[0] + " insertion")
    space = f"/promotions/{running.slug}/espace"
    readers = [world["participant"], world["author"]]
    shared = [
        (world["fiche"].url, "tpl{{7*7}}"),
        (WebinarPage.objects.get().url, "tpl{{7*7}}"),
        (ClausePage.objects.get().url, "tpl{{7*7}}"),
        ("/forum/", None),
        ("/forum/entraide/", "tpl{{7*7}}"),
        (f"/forum/sujet/{topic.pk}/", "tpl{{7*7}}"),
        ("/annuaire/", "tpl{{7*7}}"),
        (f"/recherche/?q={search}", None),
        ("/recherche/?q=tpl", None),
        (f"/annuaire/?q={search}", None),
        (f"{space}/", None),
        (f"{space}/membres/", "tpl{{7*7}}"),
        (f"{space}/fiches/", None),
        (f"{space}/seances/{session.pk}/", None),
        (f"{space}/seances/{session.pk}/fiche/", "tpl{{7*7}}"),
    ]
    checks = [(user, path, text) for user in readers for path, text in shared]
    checks += [
        (None, world["fiche"].url, "tpl{{7*7}}"),
        (None, f"/forum/sujet/{topic.pk}/", "tpl{{7*7}}"),
        (None, f"/recherche/?q={search}", None),
        (world["author"], "/diagnostic/historique/", ORGANISATION),
        (world["author"], f"/diagnostic/evaluations/{assessment.pk}/", ORGANISATION),
        (world["author"], "/promotions/mes-promotions/", None),
        (world["mentor"], f"{space}/questionnaire/resultats/", "tpl{{7*7}}"),
        (world["mentor"], f"{space}/seances/{session.pk}/presences/", "tpl{{7*7}}"),
        (world["moderator"], "/forum/moderation/", "tpl{{7*7}}"),
        (world["moderator"], "/commentaires/moderation/", None),
    ]
    admin = world["admin"]
    checks += [
        (admin, path, text)
        for path, text in [
            ("/admin/", None),
            ("/admin/users/", "tpl{{7*7}}"),
            (f"/admin/users/edit/{world['author'].pk}/", "tpl{{7*7}}"),
            ("/admin/snippets/promotions/application/", "tpl{{7*7}}"),
            ("/admin/snippets/promotions/recap/", None),
            (f"/admin/snippets/promotions/recap/edit/{Recap.objects.get().pk}/", "tpl{{7*7}}"),
            ("/admin/snippets/promotions/surveyresponse/", None),
            ("/django-admin/django_comments_xtd/xtdcomment/", "tpl{{7*7}}"),
            ("/django-admin/auth/user/", "tpl{{7*7}}"),
        ]
    ]
    return checks


def test_no_payload_runs_anywhere(browser, live_server, world):
    typing = XssWatch(browser, live_server.url, bypass_csp=True)
    problems = type_payloads(typing, world)
    typing.context.close()
    assert not typing.hits, typing.hits
    assert not problems, "\n".join(problems)

    for bypass_csp in (False, True):
        watch = XssWatch(browser, live_server.url, bypass_csp=bypass_csp)
        current = object()
        for user, path, text in pages_to_check(world):
            if user is not current:
                if user is None:
                    watch.context.clear_cookies()
                else:
                    watch.log_in(user)
                current = user
            problems += watch.check(path, expect_text=text)
        watch.context.close()
        mode = "without CSP" if bypass_csp else "with CSP"
        assert not watch.hits, f"{mode}: {watch.hits}"
        assert not problems, f"{mode}:\n" + "\n".join(problems)
