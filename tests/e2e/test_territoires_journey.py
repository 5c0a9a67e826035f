import re

import pytest
from icalendar import Calendar

from tests.factories import PASSWORD, OrganisationFactory, verified_member
from tests.ressources import factories as resource_factories
from tests.territoires import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def territory(home_page):
    resource_factories.webinar(
        resource_factories.webinar_index(home_page), title="Construire son SPASER", days=12
    )
    factories.facilitator(
        "35",
        name="Gwenaëlle Le Roux",
        structure="Pôle clauses sociales d'Ille-et-Vilaine",
        email="g.leroux@clauses.example",
        phone="02 61 91 35 01",
    )
    factories.facilitator("22, 29, 56", name="Yannick Kerbrat")
    factories.network("22, 29, 35, 56", name="Réseau breton des achats responsables")
    factories.event(days=6, region="BRE", title="Rencontre du réseau breton", place="Rennes")
    factories.event(days=8, region="PAC", title="Matinale du réseau Sud", place="Marseille")


def log_in(page, member):
    page.goto("/comptes/login/")
    page.get_by_label("E-mail").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"^(?!.*login).*$"))


def test_a_member_finds_their_facilitator_and_the_networks_rendez_vous(page, territory):
    member = verified_member(
        organisation=OrganisationFactory(name="Ville de Rennes", region="BRE", departement="35")
    )
    log_in(page, member)

    page.goto("/")
    page.get_by_role("link", name="Trouver un facilitateur").first.click()
    page.wait_for_url("**/trouver-un-facilitateur/")

    # A typing slip first: the message is French and the field keeps what was typed.
    page.get_by_label("Code postal ou département").fill("3500")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.get_by_text("« 3500 » n'est ni un code postal").wait_for()
    assert page.get_by_label("Code postal ou département").input_value() == "3500"

    page.get_by_label("Code postal ou département").fill("35000")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.get_by_role(
        "heading", name="Code postal 35000 : département 35 — Ille-et-Vilaine"
    ).wait_for()
    assert page.get_by_role("heading", name="Gwenaëlle Le Roux").is_visible()
    assert page.get_by_role("link", name="g.leroux@clauses.example").is_visible()
    assert page.get_by_role("heading", name="Réseau breton des achats responsables").is_visible()
    assert page.get_by_text("Yannick Kerbrat").count() == 0

    # The networks' rendez-vous, in the agenda beside the webinars, filtered by région.
    page.goto("/webinaires/")
    assert page.get_by_text("Construire son SPASER").first.is_visible()
    page.get_by_label("Région", exact=True).select_option("BRE")
    page.get_by_role("button", name="Filtrer par région").click()
    page.wait_for_url(re.compile(r"region=BRE"))
    assert page.get_by_role("heading", name="Rencontre du réseau breton").is_visible()
    assert page.get_by_text("Matinale du réseau Sud").count() == 0

    # … and in the agenda's calendar feed.
    feed = page.get_by_role("link", name="S'abonner à l'agenda de cette région (iCalendar)")
    response = page.request.get(feed.get_attribute("href"))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.body()).walk("VEVENT")]
    assert summaries == ["Construire son SPASER", "Rencontre du réseau breton"]
