"""Every main page passes axe-core in Chromium, for a visitor, a member and a promotion participant.

axe (from npm, see package.json) is injected with `page.evaluate`, which a Content-Security-Policy
does not block, unlike a <script> tag added to the page.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.site_pages import prepare_visits

pytestmark = pytest.mark.django_db(transaction=True)

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 levels A and AA (what the RGAA builds on), plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(results => results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + " — " + n.failureSummary.split("\\n").slice(1).join(" ")),
    })))"""


MOBILE_PAGES = ["accueil", "une fiche", "un sujet", "diagnostic — étape schema", "profil"]
SEND_EMPTY = """([selector, names]) => {
    const form = document.querySelector(selector);
    // Without it the browser stops the empty form with its own bubble, and the French messages
    // under the fields are never shown.
    if (!form.noValidate) throw new Error(`${selector}: the form lacks novalidate`);
    for (const name of names) {
        for (const field of form.querySelectorAll(`[name="${name}"]`)) {
            field.value = "";
        }
    }
    form.requestSubmit();
}"""


def check(page, source, where):
    """axe's violations on the page, one readable paragraph each."""
    page.evaluate(source)
    return [
        f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}\n      "
        + "\n      ".join(violation["nodes"][:5])
        for violation in page.evaluate(RUN_AXE, AXE_TAGS)
    ]


def axe_source():
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS} is missing: run `make test`, or `npm ci --ignore-scripts` "
            "at the repository root, to install the front-end checkers."
        )
    return AXE_JS.read_text()


def new_page(browser, live_server, client, **options):
    """A browser page sharing the session of Django's test client (logged in or not)."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", **options)
    context.set_default_timeout(15_000)
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if session:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": live_server.url}]
        )
    return context.new_page()


def test_main_pages_have_no_axe_violations(browser, live_server, demo_site):
    source = axe_source()
    report = []
    checked = 0
    visits = prepare_visits()
    for visit in visits:
        page = new_page(browser, live_server, visit.client)
        for name, url in visit.pages.items():
            page.goto(url)
            report += check(page, source, f"{visit.role} — {name} ({url})")
            checked += 1
        for name, form in visit.invalid_forms.items():
            page.goto(form.page)
            with page.expect_navigation():
                page.evaluate(SEND_EMPTY, [form.selector, list(form.fields)])
            assert page.locator('[aria-invalid="true"]').count(), (visit.role, name)
            report += check(page, source, f"{visit.role} — {name} (POST {form.action})")
            checked += 1
        page.context.close()

    # On a phone the header collapses into a menu that the design system's script opens as a dialog.
    member = visits[1]
    page = new_page(browser, live_server, member.client, viewport={"width": 375, "height": 812})
    for name in MOBILE_PAGES:
        page.goto(member.pages[name])
        report += check(page, source, f"mobile — {name}")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("dialog").get_by_role("link", name="Annuaire").wait_for()
    report += check(page, source, "mobile — menu ouvert")
    page.context.close()

    if report:
        pytest.fail("axe-core violations:\n" + "\n".join(report), pytrace=False)
    assert checked > 50
