"""A member opens a topic, another answers, the author marks the solution: the topic is solved."""

import pytest
from django.utils import timezone

from forum.models import Category, Topic
from tests.e2e.conftest import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_ask_answer_and_mark_solution(page, home_page):
    long_ago = timezone.now() - timezone.timedelta(days=60)
    UserFactory(
        email="lea.bernard@ville-exemple.fr",
        first_name="Léa",
        last_name="Bernard",
        date_joined=long_ago,
    )
    UserFactory(
        email="marc.petit@agglo-exemple.fr",
        first_name="Marc",
        last_name="Petit",
        date_joined=long_ago,
    )
    Category.objects.create(
        name="Indicateurs et suivi", slug="indicateurs-et-suivi", description="Mesurer et publier."
    )

    log_in(page, "lea.bernard@ville-exemple.fr")
    page.goto("/forum/")
    page.get_by_role("link", name="Indicateurs et suivi").click()
    page.get_by_role("link", name="Nouveau sujet").click()
    page.get_by_label("Titre du sujet").fill("Comment mesurer les heures d'insertion ?")
    page.get_by_label("Votre message").fill(
        "Notre facilitateur nous envoie des bilans, mais **comment les agréger** ?"
    )
    page.get_by_role("button", name="Publier le sujet").click()
    page.get_by_text("Votre sujet est publié.").wait_for()
    topic = Topic.objects.get()
    assert page.locator("h1").inner_text() == "Comment mesurer les heures d'insertion ?"
    assert page.locator(".forum-post__body strong").inner_text() == "comment les agréger"

    log_in(page, "marc.petit@agglo-exemple.fr")
    page.goto("/forum/indicateurs-et-suivi/")
    page.get_by_role("link", name="Comment mesurer les heures d'insertion ?").click()
    page.get_by_role("link", name="Citer").first.click()
    assert "> **Léa Bernard** a écrit :" in page.get_by_label("Votre réponse").input_value()
    page.get_by_label("Votre réponse").fill(
        "Nous demandons au facilitateur un tableau trimestriel par marché."
    )
    page.get_by_role("button", name="Publier ma réponse").click()
    page.get_by_text("Votre réponse est publiée.").wait_for()
    assert "Marquer comme solution" not in page.content()

    log_in(page, "lea.bernard@ville-exemple.fr")
    page.goto(f"/forum/sujet/{topic.pk}/")
    page.get_by_role("button", name="Marquer comme solution").click()
    page.get_by_text("Le sujet est résolu").wait_for()
    page.get_by_text("Ce sujet est résolu.").wait_for()
    assert page.locator(".forum-post--solution").inner_text().count("tableau trimestriel") == 1

    page.goto("/forum/indicateurs-et-suivi/")
    listed = page.locator(f"#topic-{topic.pk}")
    assert "Résolu" in listed.text_content()
    topic.refresh_from_db()
    assert topic.solution is not None and topic.reply_count == 1
