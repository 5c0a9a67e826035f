"""RGAA 10.11 / 10.4 / 12.1 in Chromium: at 320 px, at 1280 px zoomed to 200 % (a 640 px layout
viewport) and with text enlarged to 200 %, no page scrolls sideways and the search stays reachable.
"""

import pytest
from django.urls import reverse

from ressources.models import ClauseIndexPage
from tests.site_pages import prepare_visits

from .test_accessibility import new_page

pytestmark = pytest.mark.django_db(transaction=True)

NOT_FOUND = "page introuvable"
# Sideways overflow of the document, measured once the web fonts are in, and the elements that
# stick out of the page without a frame of their own to clip them (a data table scrolling in its
# own frame does not count, nor what it holds).
OVERFLOW = """async () => {
    await document.fonts.ready;
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const clipped = element => {
        for (let frame = element.parentElement; frame && frame !== root; frame = frame.parentElement) {
            if (getComputedStyle(frame).overflowX !== "visible"
                && frame.getBoundingClientRect().right <= root.clientWidth + 0.5) return true;
        }
        return false;
    };
    const wide = [...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !clipped(e))
        .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
        .slice(0, 3).map(e => e.tagName.toLowerCase() + "." + [...e.classList].join(".")
            + (e.id ? "#" + e.id : ""));
    return `${root.scrollWidth - root.clientWidth} px de trop (${wide.join(", ")})`;
}"""
TEXT_200 = "() => { document.documentElement.style.fontSize = '200%'; }"


def overflow(page, where):
    found = page.evaluate(OVERFLOW)
    return [f"{where}: {found}"] if found else []


def search_is_reachable(page):
    """The header's search button opens the search field, which takes a query."""
    page.locator(".fr-header__navbar").get_by_role("button", name="Rechercher").click()
    field = page.locator("#header-search-input")
    field.wait_for(state="visible")
    field.fill("clause")
    with page.expect_navigation():
        field.press("Enter")
    return page.url.split("?", 1)[0].endswith(reverse("search"))


def test_pages_reflow_at_320_px_and_200_percent(browser, live_server, demo_site):
    visits = prepare_visits()
    clauses = ClauseIndexPage.objects.get().url
    visits[0].pages["clauses, filtre inconnu"] = f"{clauses}?type=inconnu&theme=nulle-part"
    problems, checked = [], 0
    for visit in visits:
        pages = {name: url for name, url in visit.pages.items() if name != NOT_FOUND}
        for width, label in ((320, "320 px"), (640, "1280 px à 200 %")):
            page = new_page(
                browser, live_server, visit.client, viewport={"width": width, "height": 800}
            )
            for name, url in pages.items():
                page.goto(url)
                problems += overflow(page, f"{label} — {visit.role} — {name} ({url})")
                checked += 1
            # The header is folded at these widths: its search button opens the search.
            page.goto(pages[next(iter(pages))])
            if not search_is_reachable(page):
                problems.append(f"{label} — {visit.role}: la recherche n'est pas atteignable")
            page.context.close()
    # Text alone enlarged to 200 % on a desktop screen (RGAA 10.4).
    page = new_page(browser, live_server, visits[1].client, viewport={"width": 1280, "height": 800})
    for name, url in visits[1].pages.items():
        page.goto(url)
        page.evaluate(TEXT_200)
        problems += overflow(page, f"texte à 200 % — {name} ({url})")
    page.context.close()
    # Before the design system's script has run, or without it, nothing scrolls sideways either.
    page = new_page(
        browser,
        live_server,
        visits[1].client,
        viewport={"width": 320, "height": 800},
        java_script_enabled=False,
    )
    for name, url in visits[1].pages.items():
        page.goto(url)
        problems += overflow(page, f"320 px sans JavaScript — {name} ({url})")
    page.context.close()
    assert checked > 100
    if problems:
        pytest.fail(
            "Horizontal scroll or unreachable search:\n" + "\n".join(problems), pytrace=False
        )
