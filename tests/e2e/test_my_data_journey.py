"""« Mes données »: a member downloads their data, deletes their account; their posts read
« Ancien membre » and no login door lets them back in (issue 21)."""

import json
import re

import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import log_in
from tests.factories import PASSWORD, UserFactory
from tests.forum.factories import CategoryFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_my_data_journey(page, home_page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member = UserFactory(first_name="Inès", last_name="Moreau", email="ines@ville-exemple.fr")
    topic = TopicFactory(
        author=member, category=CategoryFactory(), first_post="Comment fixer nos cibles 2027 ?"
    )

    log_in(page, member.email)
    page.get_by_role("link", name="Mes données").click()
    page.wait_for_url(re.compile(r"/compte/mes-donnees/"))
    page.get_by_text("Messages du forum : 1").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger (JSON)").click()
    with open(download_info.value.path(), encoding="utf-8") as exported:
        data = json.load(exported)
    assert data["Compte"][0]["Adresse électronique"] == "ines@ville-exemple.fr"
    assert data["Messages du forum"][0]["message (Markdown)"] == "Comment fixer nos cibles 2027 ?"

    # A wrong password deletes nothing and says why.
    page.get_by_label("Votre mot de passe").fill("pas-le-bon")
    page.locator("label[for=id_confirm]").click()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.get_by_text("Ce mot de passe n'est pas le bon.").wait_for()
    assert get_user_model().objects.filter(pk=member.pk).exists()

    page.get_by_label("Votre mot de passe").fill(PASSWORD)
    if not page.locator("#id_confirm").is_checked():
        page.locator("label[for=id_confirm]").click()
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    page.get_by_text("Votre compte a été supprimé.").wait_for()
    assert not get_user_model().objects.filter(email="ines@ville-exemple.fr").exists()

    page.goto(topic.get_absolute_url())
    page.get_by_text("Comment fixer nos cibles 2027 ?").wait_for()
    assert "Ancien membre" in page.content()
    assert "Moreau" not in page.content()

    # No door lets the old account back in.
    for door in ("/comptes/login/", "/admin/login/", "/django-admin/login/"):
        page.goto(door)
        page.wait_for_url(re.compile(r"/comptes/login/"))
        page.get_by_label("E-mail").fill("ines@ville-exemple.fr")
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Connexion").click()
        page.wait_for_load_state()
        assert "/compte/profil/" not in page.url
    page.goto("/compte/profil/")
    page.wait_for_url(re.compile(r"/comptes/login/"))
