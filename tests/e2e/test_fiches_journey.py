import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.fiches.factories import fiche_index, make_fiche

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("empty_search_index"),
]


def log_in(page, client, live_server, user):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_search_from_the_header_open_a_fiche_and_comment(page, home_page, client, live_server):
    index = fiche_index(home_page)
    make_fiche(
        index,
        "Travaux de voirie et infrastructures de mobilité",
        intro="Les clauses d'insertion réservent 5 à 8 % des heures travaillées.",
    )
    make_fiche(
        index,
        "Restauration collective",
        intro="Produits durables et bio.",
        body=json.dumps([{"type": "paragraph", "value": "<p>Cantines.</p>"}]),
    )
    # An established member: a new account's first comment would wait for moderation.
    member = UserFactory(
        first_name="Léa", last_name="Bernard", date_joined=timezone.now() - timedelta(days=30)
    )
    log_in(page, client, live_server, member)

    page.goto("/")
    search = page.locator("#header-search-input")
    search.fill("insertion")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q=insertion"))
    page.get_by_text("1 résultat pour « insertion »").wait_for()
    assert page.locator("mark", has_text="insertion").count() >= 1

    page.get_by_role("link", name="Travaux de voirie et infrastructures de mobilité").click()
    page.wait_for_url(re.compile(r"/fiches-spaser/travaux-de-voirie"))
    page.get_by_role("heading", name="Objectif").wait_for()

    page.get_by_label("Votre commentaire").fill("Nous fixons la clause à 5 % des heures.")
    page.get_by_role("button", name="Publier le commentaire").click()
    page.wait_for_url(re.compile(r"\?c=\d+"))
    page.locator(".comment-text", has_text="Nous fixons la clause à 5 % des heures.").wait_for()
    assert page.get_by_role("heading", name="1 commentaire").is_visible()


def test_autocomplete_suggests_titles(page, home_page):
    index = fiche_index(home_page)
    make_fiche(index, "Déchets, eau et assainissement")
    page.goto("/recherche/")
    page.locator("#search-q").press_sequentially("dech", delay=50)
    option = page.locator("#search-q-suggestions option")
    option.first.wait_for(state="attached")
    assert option.first.get_attribute("value") == "Déchets, eau et assainissement"
