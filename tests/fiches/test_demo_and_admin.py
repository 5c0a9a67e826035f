import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from haystack.query import SearchQuerySet

from fiches import demo as fiches_demo
from fiches.models import FicheIndexPage, FichePage
from portal import demo as portal_demo
from portal.models import HomePage, SiteSettings
from tests.fiches.factories import make_fiche

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_searchable(client):
    for _ in range(2):
        portal_demo.seed(password="Demo-2026-mdp", stdout=io.StringIO())
        fiches_demo.seed(password="Demo-2026-mdp", stdout=io.StringIO())
    assert FicheIndexPage.objects.get().slug == "fiches-spaser"
    fiches = FichePage.objects.live()
    assert fiches.count() == 6
    familles = {famille.name for fiche in fiches for famille in fiche.familles.all()}
    assert "Restauration collective" in familles and "Déchets, eau et assainissement" in familles
    assert all(fiche.themes.exists() and fiche.author_organisation for fiche in fiches)
    assert (
        XtdComment.objects.filter(content_type=ContentType.objects.get_for_model(FichePage)).count()
        == 3
    )
    navigation = [
        link["label"] for link in portal_demo.navigation_links(SiteSettings.objects.get())
    ]
    assert navigation.count("Fiches SPASER") == 1
    sections = [block.value["title"] for block in HomePage.objects.get().sections]
    assert sections.count("Fiches SPASER") == 1
    assert SearchQuerySet().models(FichePage).count() == 6

    response = client.get("/fiches-spaser/travaux-voirie-infrastructures-mobilite/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "L2111-3" in html and "Métropole d&#x27;Aix-Marseille-Provence" in html
    assert "3 commentaires" in html
    assert "suivi-indicateurs-spaser" in html
    assert "LEGIARTI" not in html and "searchField=NUM_ARTICLE&amp;query=L2112-2-1" in html
    assert 'href="/ce-qui-a-change/"' in html
    batiments = client.get("/fiches-spaser/entretien-des-batiments/").content.decode()
    assert "sept flux" in batiments and "R126-8" in batiments and "PEMD" in batiments
    search = client.get("/recherche/", {"q": "clause d'insertion"})
    assert search.context["total"] >= 2


def test_admin_can_add_and_edit_fiches(admin_client, index_page):
    assert (
        admin_client.get(f"/admin/pages/add/fiches/fichepage/{index_page.pk}/").status_code == 200
    )
    fiche = make_fiche(index_page, "Fiche à modifier")
    assert admin_client.get(f"/admin/pages/{fiche.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{index_page.pk}/edit/").status_code == 200


def test_publishing_from_the_admin_makes_the_fiche_searchable(admin_client, index_page):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from tests.factories import ThemeFactory

    theme = ThemeFactory(name="Social")
    data = nested_form_data(
        {
            "title": "Clauses sociales dans le nettoyage",
            "slug": "clauses-sociales-nettoyage",
            "intro": "Réserver des heures d'insertion dans les marchés de propreté.",
            "body": streamfield(
                [("objective", {"heading": "Objectif", "text": rich_text("<p>Propreté.</p>")})]
            ),
            "related_pages": streamfield([]),
            "action-publish": "publish",
        }
    )
    data["themes"] = [theme.pk]
    response = admin_client.post(f"/admin/pages/add/fiches/fichepage/{index_page.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    fiche = FichePage.objects.get(slug="clauses-sociales-nettoyage")
    assert fiche.live and list(fiche.themes.all()) == [theme]
    results = SearchQuerySet().filter(content="propreté")
    assert [result.title for result in results] == ["Clauses sociales dans le nettoyage"]
