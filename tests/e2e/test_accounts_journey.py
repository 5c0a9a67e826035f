import re

import pytest
from django.core import mail

from portal.models import Profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_verify_log_in_and_edit_profile(page, home_page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page.goto("/")
    page.get_by_role("link", name="Créer un compte").click()
    page.get_by_label("E-mail").fill("lea.bernard@ville-exemple.fr")
    page.get_by_label("Prénom").fill("Léa")
    page.locator("[name=last_name]").fill("Bernard")
    page.locator("#id_password1").fill("Achats-durables-2026")
    page.locator("#id_password2").fill("Achats-durables-2026")
    page.get_by_role("button", name="Création de compte").click()
    page.wait_for_url(re.compile(r"/comptes/confirm-email/"))

    link = re.search(r"https?://[^/\s]+(/comptes/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    page.goto(link.group(1))
    page.get_by_role("button", name="Confirmer").click()
    page.wait_for_url(re.compile(r"/compte/profil/"))

    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("E-mail").fill("lea.bernard@ville-exemple.fr")
    page.locator("#id_password").fill("Achats-durables-2026")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/compte/profil/"))

    page.get_by_label("Fonction", exact=True).fill("Acheteuse publique")
    page.locator("label[for=id_in_directory]").click()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Votre profil a été enregistré.").wait_for()
    profile = Profile.objects.get(user__email="lea.bernard@ville-exemple.fr")
    assert profile.job_title == "Acheteuse publique"
    assert profile.in_directory
