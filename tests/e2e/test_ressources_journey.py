import re

import pytest
from django.core import mail

from ressources.models import WebinarRegistration
from tests.factories import PASSWORD, ThemeFactory, UserFactory
from tests.ressources import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(home_page):
    social = ThemeFactory(name="Social")
    clauses = factories.clause_index(home_page)
    factories.clause(
        clauses,
        title="Clause d'insertion par l'activité économique",
        themes=[social],
        clause_text=(
            "Article 7 – Action d'insertion\n\n"
            "Le titulaire réserve 5 % des heures travaillées à des personnes en insertion."
        ),
    )
    factories.clause(
        clauses,
        title="Critère de performance environnementale",
        clause_type="environnementale",
        kind="critere",
        legal_basis="L2152-7",
    )
    webinars = factories.webinar_index(home_page)
    return factories.webinar(webinars, title="Construire son SPASER en 6 étapes", capacity=20)


def test_find_copy_a_clause_then_register_to_a_webinar(page, library, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member = UserFactory(email="acheteuse@ville-exemple.fr")

    page.goto("/clauses-types/")
    page.get_by_label("Type de clause").select_option("sociale")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    page.wait_for_url(re.compile(r"type=sociale"))
    assert page.get_by_text("Critère de performance environnementale").count() == 0
    page.get_by_role("link", name="Clause d'insertion par l'activité économique").click()

    page.get_by_role("button", name="Copier la clause").click()
    page.get_by_text("Clause copiée dans le presse-papiers").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "5 % des heures travaillées" in copied
    assert copied.startswith("Article 7 – Action d'insertion")

    page.goto(library.url)
    page.get_by_role("link", name="Se connecter pour s'inscrire").click()
    page.get_by_label("E-mail").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(re.escape(library.url) + "$"))

    page.get_by_role("button", name="S'inscrire").click()
    page.get_by_text("Inscription confirmée").wait_for()
    page.get_by_text("Vous êtes inscrit·e à ce webinaire.").wait_for()
    assert WebinarRegistration.objects.get(user=member).status == "confirmed"
    assert mail.outbox[-1].to == [member.email]
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")
