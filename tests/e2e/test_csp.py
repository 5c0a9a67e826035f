"""The Content-Security-Policy holds on every page a visitor, a participant and a moderator reach:
the browser reports no blocked script, style, image or frame, and every page carries the policy."""

import io
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django_comments_xtd.models import XtdComment

from tests.e2e.conftest import log_in, watch_csp_violations
from tests.factories import UserFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.fiches.test_comments import post_comment

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Demo-csp-2026"
# Pages a crawl must not follow: they change state, are not HTML, or are the admin (outside the
# policy, see settings).
SKIPPED = re.compile(
    r"^/(admin|django-admin|comptes/logout|i18n|flux|documents|media|static)/"
    r"|[./](ics|rss|atom|csv|pdf|docx|odt|xlsx)/?$"
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
    # A journey before this one ends with a flush, which also removes the group Wagtail's data
    # migrations create and the demo's moderators join.
    Group.objects.get_or_create(name="Moderators")
    call_command("seed_demo", password=PASSWORD, stdout=io.StringIO())


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
    client.force_login(UserFactory(first_name="Léa", last_name="Bernard"))
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
