"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import re
import shutil

import pytest

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# Every journey also checks the Content-Security-Policy: the browser reports each blocked script,
# style, frame... as a `securitypolicyviolation` event, which this script hands to the test.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} ` +
    `in ${event.documentURI} (${event.sourceFile || "document"}:${event.lineNumber})`
  );
});
"""


def watch_csp_violations(context):
    """List, as they happen, the CSP violations of every page of a browser context."""
    violations = []

    def report(violation):
        violations.append(violation)

    context.expose_function("reportCspViolation", report)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    return violations


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(15_000)
    violations = watch_csp_violations(context)
    page = context.new_page()
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def log_in(page, email, password=PASSWORD):
    """Log in through the login form, as a person would."""
    page.context.clear_cookies()
    page.goto("/comptes/login/")
    page.get_by_label("E-mail").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/compte/profil/"))
