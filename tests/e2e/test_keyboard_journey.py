"""A visitor signs up, logs in and runs the whole self-assessment with the keyboard only.

No click and no `fill()`: Tab / Shift+Tab move the focus, which is checked to be where expected and
visibly marked at every step; text is typed, buttons are pressed with Enter or Space, radio buttons
with the arrows, checkboxes with Space. Only the confirmation link from the email is opened directly.
"""

import re

import pytest
from django.core import mail

from tests.factories import CollectiviteTypeFactory

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "lea.bernard@ville-exemple.fr"
PASSWORD = "Achats-durables-2026"

# The focused control, or what draws its ring, has an outline: DSFR draws it on the element, on its
# ::before (links enlarged to a whole card) or on its label's ::before (radio buttons, checkboxes).
FOCUS_RING = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return "no focus";
    const ring = node => [null, "::before", "::after"].some(pseudo => {
        const style = getComputedStyle(node, pseudo);
        return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    });
    if (ring(element) || [...(element.labels || [])].some(ring)) return "";
    return "no visible focus on " + element.outerHTML.slice(0, 200);
}"""


def assert_focus_visible(page):
    problem = page.evaluate(FOCUS_RING)
    assert not problem, problem


def focused(page, selector):
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def tab_to(page, selector, key="Tab", limit=60):
    """Press Tab (or Shift+Tab) until `selector` has the focus, checking each focus ring on the way."""
    for _press in range(limit):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement !== document.body"):
            assert_focus_visible(page)
        if focused(page, selector):
            return
    raise AssertionError(f"{key} never brought the focus to {selector}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def press_button(page, selector, key="Enter"):
    tab_to(page, selector)
    page.keyboard.press(key)


def test_skip_link_moves_to_the_content(page, home_page):
    page.goto("/comptes/signup/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Contenu"
    assert_focus_visible(page)
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert box["top"] >= 0 and box["height"] > 0  # shown on screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert_focus_visible(page)


def test_sign_up_log_in_and_self_assessment_by_keyboard(page, home_page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CollectiviteTypeFactory(name="Métropole")

    page.goto("/")
    press_button(page, 'header a[href="/comptes/signup/"]')
    page.wait_for_url(re.compile(r"/comptes/signup/$"))
    type_into(page, "#id_email", EMAIL)
    type_into(page, "#id_first_name", "Léa")
    type_into(page, "#id_last_name", "Bernard")
    type_into(page, "#id_password1", PASSWORD)
    type_into(page, "#id_password2", "faute de frappe")
    tab_to(page, "#id_password1", key="Shift+Tab")
    tab_to(page, "#id_password2")
    page.keyboard.press("Control+A")
    page.keyboard.type(PASSWORD)
    press_button(page, 'main button[type="submit"]')
    page.wait_for_url(re.compile(r"/comptes/confirm-email/"))

    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    page.goto(link.group(1))
    press_button(page, 'main button[type="submit"]', key="Space")
    page.wait_for_url(re.compile(r"/compte/profil/"))

    press_button(page, 'header form[action="/comptes/logout/"] button')
    page.wait_for_url(re.compile(r"^https?://[^/]+/$"))
    press_button(page, 'header a[href="/comptes/login/"]')
    page.wait_for_url(re.compile(r"/comptes/login/"))
    type_into(page, "#id_login", EMAIL)
    type_into(page, "#id_password", PASSWORD)
    press_button(page, 'main button[type="submit"]', key="Space")
    page.wait_for_url(re.compile(r"/compte/profil/"))

    page.goto("/diagnostic/")
    press_button(page, 'main a[href="/diagnostic/etape/organisation/"]')
    page.wait_for_url(re.compile(r"/etape/organisation/$"))
    tab_to(page, "#id_org_type")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "Métropole"
    type_into(page, "#id_year", "2024")
    type_into(page, "#id_spending", "50 000 000")
    press_button(page, 'button[value="next"]')

    page.wait_for_url(re.compile(r"/etape/schema/$"))
    tab_to(page, "#id_adopted_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to the next group of radio buttons
    assert focused(page, "#id_published_0")
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    assert focused(page, "#id_published_1:checked")
    assert_focus_visible(page)
    page.keyboard.press("ArrowUp")
    assert focused(page, "#id_published_0:checked")
    assert_focus_visible(page)
    assert page.evaluate("document.querySelector('#id_adopted_0').checked")
    press_button(page, 'button[value="next"]')

    page.wait_for_url(re.compile(r"/etape/contenus/$"))
    tab_to(page, "#id_contents_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page, "#id_contents_1")
    assert_focus_visible(page)
    page.keyboard.press("Space")
    checked = page.evaluate(
        "[...document.querySelectorAll('[name=contents]:checked')].map(e => e.id)"
    )
    assert checked == ["id_contents_0", "id_contents_1"]
    press_button(page, 'button[value="next"]', key="Space")

    page.wait_for_url(re.compile(r"/etape/indicateurs/$"))
    type_into(page, "#id_env_share", "50")
    type_into(page, "#id_env_target", "100")
    type_into(page, "#id_social_share", "14 %")
    type_into(page, "#id_social_target", "30")
    press_button(page, 'button[value="next"]')

    page.wait_for_url(re.compile(r"/diagnostic/resultat/$"))
    page.get_by_role(
        "heading", name="Votre organisation n'est pas soumise à l'obligation"
    ).wait_for()
    assert page.get_by_role("heading", name=re.compile(r"Score : \d+ sur 100")).is_visible()
