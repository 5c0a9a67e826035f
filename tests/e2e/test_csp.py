"""The Content-Security-Policy holds on every page a visitor, a member, a participant, a mentor
and a moderator reach: the browser reports no blocked script, style, image or frame, and every page
carries the policy."""

import re
from collections import Counter
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from haystack import connections

from tests.e2e.conftest import log_in, watch_csp_violations
from tests.e2e.test_accessibility import SEND_EMPTY
from tests.factories import UserFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.fiches.test_comments import post_comment
from tests.site_pages import prepare_site, prepare_visits, promotion_visits

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Demo-csp-2026"
# Pages a crawl must not follow: they change state, are not HTML, or are the admin (outside the
# policy, see settings).
SKIPPED = re.compile(
    r"^/(admin|django-admin|comptes/logout|i18n|flux|documents|media|static)/"
    r"|[./](ics|rss|atom|csv|json|pdf|docx|odt|xlsx)/?$"
    r"|/(desinscription|inscription|export|telecharger|calendrier)"
)
MAX_PAGES = 35


def _crawl(page, start_paths):
    """Visit the site's pages breadth-first from start_paths, at most two pages under the same
    parent (two fiches, two topics...) so the crawl reaches every kind of page; return
    {path: CSP header}."""
    seen, queue, policies, siblings = set(), list(start_paths), {}, Counter()
    while queue and len(policies) < MAX_PAGES:
        path = queue.pop(0)
        parent = path.rstrip("/").rsplit("/", 1)[0]
        if path in seen or SKIPPED.search(path) or (parent and siblings[parent] >= 2):
            continue
        seen.add(path)
        siblings[parent] += 1
        response = page.goto(path)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        policies[path] = response.headers.get("content-security-policy", "")
        page.wait_for_load_state("load")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(href)
            if parts.netloc == urlsplit(page.url).netloc and parts.path not in seen:
                queue.append(parts.path)
    return policies


@pytest.fixture
def demo_site(home_page):
    """The demo, as the accessibility check visits it, with a password the crawl logs in with."""
    prepare_site(PASSWORD)
    yield
    # seed_demo indexes every page: leave the on-disk search index empty for the next tests.
    connections["default"].get_backend().clear()


@pytest.mark.parametrize(
    "email",
    [
        None,
        "mentor@nantesmetropole.fr",
        "moderation@entraide-spaser.fr",
    ],
)
def test_pages_load_without_csp_violation(page, demo_site, email):
    if email:
        log_in(page, email, PASSWORD)
    start = ["/", "/fiches-spaser/", "/forum/", "/diagnostic/", "/promotions/"]
    if email:
        start = ["/promotions/mes-promotions/", "/compte/profil/", "/forum/moderation/", *start]
    policies = _crawl(page, start)

    assert len(policies) >= 15, sorted(policies)
    for path, policy in policies.items():
        assert "script-src 'self'" in policy, path
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
    # The `page` fixture fails the test on any violation reported while crawling.


def _watched_page(browser, live_server, visit, **options):
    """A browser page with the session of `visit`'s client, and the violations it reports."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", **options)
    context.set_default_timeout(15_000)
    violations = watch_csp_violations(context)
    session = visit.client.cookies.get(settings.SESSION_COOKIE_NAME)
    if session:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": live_server.url}]
        )
    return context.new_page(), violations


def _settle(page, violations, report, where):
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)  # the reports reach Python asynchronously
    report.extend(f"{where}: {violation}" for violation in violations)
    violations.clear()


def _visit(browser, live_server, visit, report):
    """Every page and form in error of one role's visit; returns how many were checked."""
    page, violations = _watched_page(browser, live_server, visit)
    for name, url in visit.pages.items():
        response = page.goto(url)
        policy = response.headers.get("content-security-policy", "")
        assert "style-src 'self'" in policy and "unsafe-inline" not in policy, (name, url)
        _settle(page, violations, report, f"{visit.role} — {name} ({url})")
    for name, form in visit.invalid_forms.items():
        page.goto(form.page)
        with page.expect_navigation():
            page.evaluate(SEND_EMPTY, [form.selector, list(form.fields)])
        _settle(page, violations, report, f"{visit.role} — {name} (POST {form.action})")
    page.context.close()
    return len(visit.pages) + len(visit.invalid_forms)


@pytest.mark.parametrize("theme", ["dsfr", "neutral"])
def test_every_main_page_keeps_to_the_policy(browser, live_server, demo_site, settings, theme):
    """The main pages of the accessibility check, for each role, plus the promotion pages a
    visitor, a participant and a mentor of the running promotion open, forms in error included,
    in both themes; on a phone, the design system's header menu too."""
    settings.PORTAL_THEME = theme
    report, visited = [], 0
    visits = prepare_visits() + promotion_visits()
    for visit in visits:
        visited += _visit(browser, live_server, visit, report)
    if theme == "dsfr":
        participant = visits[-2]
        page, violations = _watched_page(
            browser, live_server, participant, viewport={"width": 375, "height": 812}
        )
        page.goto(participant.pages["espace privé"])
        page.get_by_role("button", name="Menu").click()
        page.get_by_role("dialog").get_by_role("link", name="Annuaire").wait_for()
        _settle(page, violations, report, "mobile — menu ouvert")
        page.context.close()
    assert visited > 100
    assert not report, "Content-Security-Policy violations:\n" + "\n".join(report)


def test_an_inline_script_is_blocked_and_reported(browser, live_server, home_page):
    """The watcher the journeys rely on does see violations, and the policy blocks inline code."""
    context = browser.new_context(base_url=live_server.url)
    violations = watch_csp_violations(context)
    page = context.new_page()
    page.goto("/")
    page.evaluate(
        """() => {
          window.ran = false;
          const script = document.createElement("script");
          script.textContent = "window.ran = true";
          document.body.append(script);
          document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    for _ in range(50):  # the reports reach Python asynchronously
        if len(violations) >= 2:
            break
        page.wait_for_timeout(100)
    ran = page.evaluate("window.ran")
    context.close()
    assert ran is False
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert any(v.startswith("style-src-attr blocked inline") for v in violations), violations


def test_comment_reply_page_keeps_to_the_policy(page, live_server, home_page):
    """django-comments-xtd's own reply page has inline styles and handlers: ours replaces it."""
    fiche = make_fiche(fiche_index(home_page), "Restauration collective")
    client = Client()
    # An established member: a new account's first comment would wait for moderation.
    established = timezone.now() - timedelta(days=30)
    client.force_login(UserFactory(first_name="Léa", last_name="Bernard", date_joined=established))
    post_comment(client, fiche, "Nous avons alloti par famille de produits.")
    comment = XtdComment.objects.get()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"/commentaires/reply/{comment.pk}/")
    page.get_by_text("Nous avons alloti par famille de produits.").wait_for()
    assert page.locator("#id_honeypot").is_hidden()
    page.get_by_label("Votre réponse").fill("Et pour les petits lots ?")
    page.get_by_role("button", name="Publier la réponse").click()
    page.wait_for_url(re.compile(re.escape(fiche.url)))
    page.get_by_text("Et pour les petits lots ?").wait_for()
    assert XtdComment.objects.get(comment="Et pour les petits lots ?").parent_id == comment.pk
