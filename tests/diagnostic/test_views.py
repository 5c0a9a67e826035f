import html
import re
from decimal import Decimal

import pytest
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from haystack import connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from diagnostic.forms import IndicatorsStepForm, OrganisationStepForm, SchemeStepForm
from diagnostic.models import Assessment
from diagnostic.sample import SAMPLE_PATH
from diagnostic.scoring import Answers
from diagnostic.services import benchmark
from tests.factories import (
    CollectiviteTypeFactory,
    OrganisationFactory,
    verified_member,
)
from tests.fiches.factories import fiche_index, make_fiche
from tests.questionnaire import QUESTIONNAIRE, amp_answers, fill_questionnaire
from tests.ressources.factories import webinar, webinar_index

from .pdf_tools import text as pdf_text

pytestmark = pytest.mark.django_db


def save_assessment(organisation, **data):
    assessment = Assessment(organisation=organisation)
    assessment.fill_from(Answers.from_dict(amp_answers(**data)))
    assessment.save()
    return assessment


# --- Questionnaire ---------------------------------------------------------------------------


def test_index_and_first_step(client, home_page, metropole_type):
    response = client.get("/diagnostic/")
    assert response.status_code == 200
    assert "Commencer l'autodiagnostic" in response.content.decode()
    response = client.get("/diagnostic/etape/organisation/")
    page = html.unescape(response.content.decode())
    assert "Étape 1 sur 4" in page and 'data-fr-current-step="1"' in page
    assert "Métropole" in page


def test_steps_cannot_be_skipped(client, home_page):
    assert client.get("/diagnostic/etape/indicateurs/")["Location"].endswith(
        "/diagnostic/etape/organisation/"
    )
    assert client.get("/diagnostic/resultat/")["Location"].endswith("/etape/organisation/")
    assert client.get("/diagnostic/etape/inconnue/").status_code == 404


def test_full_questionnaire_keeps_answers_and_shows_the_result(client, home_page, metropole_type):
    response = fill_questionnaire(client)
    assert response["Location"] == "/diagnostic/resultat/"
    # answers are kept between steps
    page = html.unescape(client.get("/diagnostic/etape/organisation/").content.decode())
    assert 'value="850 M€"' in page
    page = html.unescape(client.get("/diagnostic/etape/indicateurs/").content.decode())
    assert 'value="14"' in page and "Étape 4 sur 4" in page
    result = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "Votre organisation est soumise à l'obligation" in result
    assert "D2111-3" in result and "2022-767" in result
    # 30 + 25 + 11.7 + 9.7
    assert "Score : 76 sur 100" in result
    svg = re.search(r"<svg[^>]*role=\"img\"[^>]*aria-labelledby=\"([^\"]+)\"", result)
    assert svg and "<title id=" in result and "<desc id=" in result
    assert "<caption>" in result or "<caption id=" in result
    assert "/recherche/?q=" in result
    assert "Connectez-vous pour enregistrer" in result


def test_the_indicators_step_says_what_a_blank_target_costs(client, home_page, metropole_type):
    fill_questionnaire(client)
    page = html.unescape(client.get("/diagnostic/etape/indicateurs/").content.decode())
    assert "Tous les champs sont facultatifs" in page
    assert "(25 points sur 100) ne note que les indicateurs qui ont une cible" in page
    # Each scored target's help text names its own points; the unscored ones say so.
    assert "sans cible cet indicateur ne rapporte aucun des 10 points" in page
    assert "aucun des 5 points" in page and "cette part n'est pas notée" in page


def test_the_result_says_what_blank_targets_cost(client, home_page, metropole_type):
    fill_questionnaire(client, indicateurs={"env_share": "72", "env_target": ""})
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "cible de non fixée" not in page
    assert (
        "72 % ; aucune cible fixée : les 10 points de cet indicateur ne sont pas attribués" in page
    )
    notice = page[page.index('id="untargeted"') :]
    notice = notice[: notice.index("</div>")]
    assert "10 points non attribués faute de cible" in notice
    assert "Marchés avec une considération environnementale (10 points)" in notice
    assert 'href="/diagnostic/etape/indicateurs/"' in notice
    fill_questionnaire(client)
    assert 'id="untargeted"' not in client.get("/diagnostic/resultat/").content.decode()


def test_the_result_shows_each_gap_in_points(client, home_page, metropole_type):
    fill_questionnaire(client)
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "50 % pour une cible de 100 % : écart de 50 points" in page  # the score's detail
    table = page[page.index('id="indicators-title"') : page.index('id="benchmark-title"')]
    assert "écart de 50 points" in table and "écart de 16 points" in table
    assert "Votre cible : 100 %, écart de 50 points" in table  # under the chart's bar


def test_a_buyer_under_the_threshold_sees_a_voluntary_scheme(client, home_page, metropole_type):
    fill_questionnaire(
        client,
        organisation={"spending": "12 M€"},
        schema={"adopted": "non", "published": "non", "indicators_published_on": ""},
    )
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "Votre organisation n'est pas soumise à l'obligation" in page
    score = page[page.index('id="score-title"') : page.index('id="indicators-title"')]
    # (the method, folded under the chart, names both cases)
    assert "Conformité à l'obligation" not in re.sub(
        r"<details.*?</details>", "", score, flags=re.S
    )
    assert "Démarche volontaire (0 / 30)" in score
    assert "ces points mesurent une démarche volontaire" in score
    fill_questionnaire(client)
    obliged = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "Conformité à l'obligation (30 / 30)" in obliged


def test_previous_button_keeps_valid_answers(client, home_page, metropole_type):
    fill_questionnaire(client)
    response = client.post(
        "/diagnostic/etape/contenus/", {"contents": ["content_social"], "action": "previous"}
    )
    assert response["Location"] == "/diagnostic/etape/schema/"
    page = html.unescape(client.get("/diagnostic/etape/contenus/").content.decode())
    assert re.search(r'value="content_social"[^>]*checked', page)


def test_exactly_fifty_million_verdict(client, home_page, metropole_type):
    fill_questionnaire(client, organisation={"spending": "50 000 000,00 €", "year": "2024"})
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "n'est pas soumise à l'obligation" in page
    assert "exactement égaux" in page


def test_before_2023_uses_100_million(client, home_page, metropole_type):
    fill_questionnaire(client, organisation={"spending": "80 M€", "year": "2022"})
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "100 millions" in page and "n'est pas soumise" in page


def test_a_state_service_before_2023_is_not_obliged_and_is_told_since_when(client, home_page):
    fill_questionnaire(
        client,
        organisation={
            "org_type": "Autre acheteur",
            "category": "etat",
            "spending": "900 M€",
            "year": "2022",
        },
    )
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "n'est pas soumise à l'obligation" in page
    assert "Service de l'État" in page and "25 octobre 2023" in page
    assert 'href="/ce-qui-a-change/"' in page


def test_a_hospital_in_2024_is_obliged(client, home_page):
    CollectiviteTypeFactory(name="Centre hospitalier")
    fill_questionnaire(client, organisation={"org_type": "Centre hospitalier", "spending": "60 M€"})
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert "Votre organisation est soumise à l'obligation" in page
    assert "Établissement public de santé" in page
    assert "Aucune sanction" in page


def test_an_other_buyer_before_2023_must_give_its_category(client, home_page, metropole_type):
    response = client.post(
        "/diagnostic/etape/organisation/",
        {"org_type": "Autre acheteur", "year": "2021", "spending": "150 M€"},
    )
    assert response.status_code == 200
    assert "Choisissez la catégorie" in html.unescape(response.content.decode())


def test_result_shows_a_badge_per_kind_of_recommendation(client, home_page, metropole_type):
    fill_questionnaire(client, schema={"adopted": "non", "published": "non"})
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    for label in ("Obligation légale", "Bonne pratique", "Objectif 2025 du PNAD 2022-2025"):
        assert f">{label}</p>" in page
    assert "L2112-2-1" in page and "legifrance.gouv.fr/search/code" in page
    assert "LEGIARTI" not in page


def test_what_changed_page_lists_dated_entries(client, home_page):
    page = html.unescape(client.get("/ce-qui-a-change/").content.decode())
    for year in ("2014", "2015", "2021", "2022", "2023", "2024", "2026"):
        assert f'datetime="{year}-' in page
    assert "21 août 2026" in page and "25 octobre 2023" in page
    assert "vérifié le 2 décembre 2026" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"spending": "-5"}, "négatif"),
        ({"spending": ""}, "Indiquez un montant"),
        ({"year": ""}, "Indiquez l'année"),
        ({"spending": "beaucoup"}, "pas compris"),
        ({"spending": "9" * 40}, "irréaliste"),
        ({"year": "2010"}, "2015"),
        ({"year": "deux mille"}, "quatre chiffres"),
        ({"year": "2999"}, "pas encore commencé"),
        ({"org_type": "Inventé"}, "Sélectionnez un choix valide"),
    ],
)
def test_organisation_step_errors(client, home_page, metropole_type, data, message):
    response = client.post(
        "/diagnostic/etape/organisation/", {**QUESTIONNAIRE["organisation"], **data}
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert "Certaines réponses sont à corriger" in page


def test_scheme_and_indicator_errors(client, home_page, metropole_type):
    fill_questionnaire(client)
    response = client.post(
        "/diagnostic/etape/schema/",
        {"adopted": "non", "published": "oui", "adoption_date": "31/02/2024"},
    )
    page = html.unescape(response.content.decode())
    assert "ne peut pas être publié" in page and "date valide" in page
    response = client.post(
        "/diagnostic/etape/indicateurs/", {"env_share": "150", "social_share": "x"}
    )
    page = html.unescape(response.content.decode())
    assert "entre 0 et 100" in page


def test_reset_clears_answers(client, home_page, metropole_type):
    fill_questionnaire(client)
    client.post("/diagnostic/recommencer/")
    assert client.get("/diagnostic/resultat/").status_code == 302


def test_anonymous_exports(client, home_page, metropole_type):
    fill_questionnaire(client)
    pdf = client.get("/diagnostic/resultat/export.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    csv = client.get("/diagnostic/resultat/export.csv")
    text = csv.content.decode("utf-8-sig")
    assert text.startswith("Rubrique;Élément;Valeur")
    assert "Score;Total;76;100" in text
    assert client.get("/diagnostic/resultat/export.xls").status_code == 404


# --- Saved assessments, permissions -----------------------------------------------------------


def test_member_saves_and_sees_history(org_client, org_member, organisation, home_page):
    fill_questionnaire(org_client)
    response = org_client.post("/diagnostic/enregistrer/")
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/diagnostic/evaluations/{assessment.pk}/"
    assert assessment.organisation == organisation and assessment.year == 2024
    assert assessment.score == 76 and assessment.obliged
    assert assessment.env_share == Decimal("50") and assessment.created_by == org_member
    # saving again the same year adds a version; the first one is kept
    fill_questionnaire(org_client, indicateurs={"env_share": "60"})
    org_client.post("/diagnostic/enregistrer/")
    assert [a.env_share for a in Assessment.objects.order_by("version")] == [
        Decimal("50"),
        Decimal("60"),
    ]
    save_assessment(organisation, year=2022)
    page = html.unescape(org_client.get("/diagnostic/historique/").content.decode())
    assert "2022" in page and "2024" in page
    assert page.count('role="img"') == 4
    detail = html.unescape(
        org_client.get(f"/diagnostic/evaluations/{assessment.pk}/").content.decode()
    )
    assert organisation.name in detail


def test_saved_assessment_pdf_and_csv(org_client, organisation):
    assessment = save_assessment(organisation)
    pdf = org_client.get(f"/diagnostic/evaluations/{assessment.pk}/export.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert organisation.name in pdf_text(pdf.content)
    assert "attachment" in pdf["Content-Disposition"]
    csv = org_client.get(f"/diagnostic/evaluations/{assessment.pk}/export.csv")
    assert organisation.name in csv.content.decode("utf-8-sig")


def test_other_organisations_assessments_are_hidden(org_client):
    other = save_assessment(OrganisationFactory())
    for url in (
        f"/diagnostic/evaluations/{other.pk}/",
        f"/diagnostic/evaluations/{other.pk}/export.pdf",
        f"/diagnostic/evaluations/{other.pk}/export.csv",
    ):
        assert org_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", ["/diagnostic/historique/", "/diagnostic/import-decp/", "/diagnostic/evaluations/1/"]
)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    assert "/comptes/login/" in client.post("/diagnostic/enregistrer/")["Location"]


def test_member_without_organisation(member_client, home_page, metropole_type):
    assert member_client.get("/diagnostic/historique/").status_code == 403
    fill_questionnaire(member_client)
    assert (
        "indiquez votre organisation" in member_client.get("/diagnostic/resultat/").content.decode()
    )
    assert member_client.post("/diagnostic/enregistrer/").status_code == 403
    assert Assessment.objects.count() == 0
    assert member_client.get("/diagnostic/import-decp/").status_code == 200


def test_unverified_user_cannot_save_or_import(client, organisation):
    user = verified_member(organisation=organisation)
    user.emailaddress_set.update(verified=False)
    client.force_login(user)
    assert client.get("/diagnostic/historique/").status_code == 403
    assert client.get("/diagnostic/import-decp/").status_code == 403


def test_admin_sees_assessments_in_django_admin(admin_client, organisation):
    save_assessment(organisation)
    assert admin_client.get("/django-admin/diagnostic/assessment/").status_code == 200


def test_history_query_count_does_not_grow(org_client, organisation, django_assert_max_num_queries):
    save_assessment(organisation, year=2023)
    # 14: the header asks whether the member may open the administration (their own and their
    # groups' permissions, two queries).
    with django_assert_max_num_queries(14) as small:
        org_client.get("/diagnostic/historique/")
    for year in range(2015, 2023):
        save_assessment(organisation, year=year)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert org_client.get("/diagnostic/historique/").status_code == 200


# --- Benchmark --------------------------------------------------------------------------------


def test_benchmark_needs_five_organisations(client, home_page, metropole_type):
    for env in ("40", "50", "60", "70"):
        save_assessment(OrganisationFactory(kind=metropole_type), year=2024, env_share=env)
    assert benchmark("Métropole", 2024) is None
    fill_questionnaire(client)  # 2024
    assert "au moins cinq organisations" in client.get("/diagnostic/resultat/").content.decode()
    org = OrganisationFactory(kind=metropole_type)
    save_assessment(org, year=2021, env_share="10")
    save_assessment(org, year=2024, env_share="20")
    # the year's latest version counts
    Assessment.save_new_version(
        org, Answers.from_dict(amp_answers(year=2024, env_share="80")), None, "questionnaire"
    )
    save_assessment(OrganisationFactory(kind=CollectiviteTypeFactory(name="Commune")), year=2024)
    result = benchmark("Métropole", 2024)
    assert result["count"] == 5 and result["env_share"] == 60.0 and result["year"] == 2024
    assert benchmark("Métropole", 2021) is None  # one peer only that year
    assert (
        "Médiane des autodiagnostics 2024 de 5 organisations"
        in client.get("/diagnostic/resultat/").content.decode()
    )


def test_an_old_assessment_is_compared_with_the_peers_of_the_same_year(
    org_client, organisation, metropole_type
):
    """An assessment of 2021 read in 2026: the peers' medians of 2021, not their latest ones."""
    for then, now in [(10, 90), (20, 90), (30, 95), (40, 95), (50, 100)]:
        peer = OrganisationFactory(kind=metropole_type)
        save_assessment(peer, year=2021, env_share=str(then))
        save_assessment(peer, year=2024, env_share=str(now))
    own = save_assessment(organisation, year=2021, env_share="25")
    page = html.unescape(org_client.get(f"/diagnostic/evaluations/{own.pk}/").content.decode())
    page = page[page.index('id="benchmark-title"') :]
    caption = re.search(r"<caption>(Médiane[^<]*)</caption>", page).group(1)
    assert "2021" in caption and "6 organisations" in caption
    row = re.search(r"considération environnementale</th><td>([^<]*)</td><td>([^<]*)</td>", page)
    assert row.groups() == ("25 %", "27,5 %")  # the median of 10, 20, 25, 30, 40, 50


# --- DECP import -------------------------------------------------------------------------------


def upload(name="decp.json", content=None):
    if content is None:
        content = SAMPLE_PATH.read_bytes()
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_decp_import_fills_the_indicators(org_client, home_page, metropole_type):
    page = html.unescape(org_client.get("/diagnostic/import-decp/").content.decode())
    assert 'value="' in page
    response = org_client.post(
        "/diagnostic/import-decp/",
        {"file": upload(), "siret": "200 054 807", "year": ""},
        follow=True,
    )
    page = html.unescape(response.content.decode())
    assert "Indicateurs calculés" in page
    assert "66,7 %" in page or "66.7 %" in page
    assert "Marché réservé" in page
    # the questionnaire's indicator step is prefilled
    fill = {k: v for k, v in QUESTIONNAIRE.items() if k != "indicateurs"}
    for slug, data in fill.items():
        org_client.post(f"/diagnostic/etape/{slug}/", data)
    page = html.unescape(org_client.get("/diagnostic/etape/indicateurs/").content.decode())
    assert 'value="66,7"' in page and 'value="41,7"' in page
    assert "Parts calculées depuis vos DECP" in page
    org_client.post("/diagnostic/etape/indicateurs/", {"env_share": "66,7", "social_share": "41,7"})
    org_client.post("/diagnostic/enregistrer/")
    assert Assessment.objects.get().source == "decp"


@pytest.mark.parametrize(
    "name, content, siret, year, message",
    [
        ("decp.csv", b"{}", "200054807", "", "extension .json"),
        ("decp.json", b"id;montant", "200054807", "", "commencer par"),
        ("decp.json", b'{"marches": [', "200054807", "", "JSON valide"),
        ("decp.json", b'{"autre": 1}', "200054807", "", "introuvable"),
        ("decp.json", None, "12345", "", "SIRET (14 chiffres)"),
        ("decp.json", None, "213000000", "", "Aucun marché de l"),
        ("decp.json", None, "200054807", "2019", "Années présentes : 2024"),
        ("decp.json", None, "200054807", "20x4", "entre 2015"),
        (
            "decp.json",
            b'{"marches": [{"id": "A-1", "acheteur": {"id": "20005480700013"}, '
            b'"dateNotification": "2024-13-01", "montant": 1}]}',
            "200054807",
            "",
            "enregistrement n° 1 (id « A-1 »)",
        ),
    ],
)
def test_decp_import_errors(org_client, name, content, siret, year, message):
    response = org_client.post(
        "/diagnostic/import-decp/",
        {"file": upload(name, content), "siret": siret, "year": year},
        follow=True,
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page


def test_decp_import_size_limit(org_client, settings):
    settings.DIAGNOSTIC_DECP_MAX_UPLOAD = 100
    response = org_client.post(
        "/diagnostic/import-decp/", {"file": upload(), "siret": "200054807"}, follow=True
    )
    assert "taille maximale" in response.content.decode()


def test_decp_import_of_2019_file_warns(org_client):
    content = (
        b'{"marches": [{"id": "2019-1", "acheteur": {"id": "20005480700013"}, '
        b'"nature": "March\xc3\xa9", "dateNotification": "2019-06-01", "montant": 50000}]}'
    )
    response = org_client.post(
        "/diagnostic/import-decp/",
        {"file": upload(content=content), "siret": "200054807"},
        follow=True,
    )
    page = html.unescape(response.content.decode())
    assert "format 2019" in page and "inconnu" in page


# --- Forms under random input -----------------------------------------------------------------


class FormsWithRandomInputTests(HypothesisTestCase):
    @settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.text(max_size=70),
        st.text(max_size=8),
        st.sampled_from(["Métropole", "", "Autre acheteur", "x"]),
    )
    def test_organisation_step(self, spending, year, org_type):
        CollectiviteTypeFactory(name="Métropole")
        form = OrganisationStepForm(
            {"spending": spending, "year": year, "org_type": org_type, "shared_scheme": "on"}
        )
        if form.is_valid():
            assert form.cleaned_data["spending"] >= 0
            assert form.to_session()["year"] >= 2015
        else:
            assert all(message for errors in form.errors.values() for message in errors)

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.dictionaries(st.sampled_from(list(IndicatorsStepForm.base_fields)), st.text(max_size=25))
    )
    def test_indicators_step(self, data):
        form = IndicatorsStepForm(data)
        if form.is_valid():
            for value in form.cleaned_data.values():
                assert value is None or 0 <= value <= 100

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
    def test_scheme_step(self, adopted, published, when):
        form = SchemeStepForm({"adopted": adopted, "published": published, "adoption_date": when})
        form.is_valid()


def test_assessments_in_wagtail_admin(admin_client, member, organisation):
    assessment = save_assessment(organisation)
    response = admin_client.get("/admin/diagnostic_assessments/")
    assert response.status_code == 200 and organisation.name in html.unescape(
        response.content.decode()
    )
    inspect = admin_client.get(f"/admin/diagnostic_assessments/inspect/{assessment.pk}/")
    assert inspect.status_code == 200
    other = Client()
    other.force_login(member)
    assert other.get("/admin/diagnostic_assessments/").status_code == 302


def test_recommendations_link_existing_resource_pages(client, home_page, metropole_type):
    from portal.models import StandardPage

    home_page.add_child(instance=StandardPage(title="Rédiger une clause d'insertion", slug="ci"))
    draft = home_page.add_child(
        instance=StandardPage(title="Clause d'insertion (brouillon)", slug="b")
    )
    draft.unpublish()
    fill_questionnaire(client)
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    assert 'href="/ci/"' in page and "Rédiger une clause d'insertion" in page
    assert "brouillon" not in page


def test_recommendation_links_search_their_own_type(client, home_page, metropole_type):
    """« Fiches : clause sociale » finds the fiches, « Webinaires : clause sociale » the webinars."""
    connections["default"].get_backend().clear()
    make_fiche(fiche_index(home_page), "La clause sociale pas à pas")
    webinar(
        webinar_index(home_page), title="La clause sociale en pratique"
    ).save_revision().publish()
    fill_questionnaire(client)  # 14 % of contracts with a social consideration, under 30 %
    page = html.unescape(client.get("/diagnostic/resultat/").content.decode())
    links = {
        label: href
        for href, label in re.findall(r'<a [^>]*href="(/recherche/[^"]+)"[^>]*>([^<]+)</a>', page)
    }
    fiches, webinars = links["Fiches : clause sociale"], links["Webinaires : clause sociale"]
    assert fiches.endswith("kind=fiche") and webinars.endswith("kind=webinaire")
    found_fiches = html.unescape(client.get(fiches).content.decode())
    found_webinars = html.unescape(client.get(webinars).content.decode())
    connections["default"].get_backend().clear()
    assert "La clause sociale pas à pas" in found_fiches
    assert "La clause sociale en pratique" not in found_fiches
    assert "La clause sociale en pratique" in found_webinars
    assert "La clause sociale pas à pas" not in found_webinars


def test_decp_import_of_a_file_stored_on_disk_prefills_the_year(org_client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes to a temporary file
    with open(SAMPLE_PATH, "rb") as fileobj:
        response = org_client.post(
            "/diagnostic/import-decp/",
            {"file": fileobj, "siret": "20005480700017", "year": "2024"},
            follow=True,
        )
    assert "Indicateurs calculés" in response.content.decode()
    page = org_client.get("/diagnostic/etape/organisation/").content.decode()
    assert 'value="2024"' in page


def test_result_query_count_does_not_grow_with_peers_and_history(
    org_client, organisation, metropole_type
):
    def count():
        cache.clear()  # the page itself, not the page cache
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert org_client.get("/diagnostic/resultat/").status_code == 200
        return len(queries)

    fill_questionnaire(org_client)
    save_assessment(organisation, year=2023)
    for _ in range(5):
        save_assessment(OrganisationFactory(kind=metropole_type))
    count()  # creates the site's settings on first view
    few = count()
    for year in range(2015, 2023):
        save_assessment(organisation, year=year)
    for _ in range(30):
        save_assessment(OrganisationFactory(kind=metropole_type))
    assert count() == few
