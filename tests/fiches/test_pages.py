import json

import pytest
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from fiches.models import FicheIndexPage, FichePage
from portal.models import HomePage, StandardPage
from tests.factories import (
    CollectiviteTypeFactory,
    FamilleAchatFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.fiches.factories import bulk_fiches, make_fiche

pytestmark = pytest.mark.django_db


class PageTreeTests(WagtailPageTestCase):
    def test_fiche_index_goes_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, FicheIndexPage)
        self.assertCanNotCreateAt(StandardPage, FicheIndexPage)
        self.assertCanNotCreateAt(FicheIndexPage, FicheIndexPage)

    def test_fiche_goes_under_a_fiche_index_only(self):
        self.assertCanCreateAt(FicheIndexPage, FichePage)
        self.assertCanNotCreateAt(HomePage, FichePage)
        self.assertCanNotCreateAt(StandardPage, FichePage)
        self.assertAllowedSubpageTypes(FichePage, {})


@pytest.fixture
def taxonomy():
    return {
        "social": ThemeFactory(name="Social"),
        "env": ThemeFactory(name="Environnemental"),
        "resto": FamilleAchatFactory(name="Restauration collective"),
        "batiment": FamilleAchatFactory(name="Bâtiment"),
        "commune": CollectiviteTypeFactory(name="Commune"),
        "region": CollectiviteTypeFactory(name="Région"),
    }


def titles(response):
    return [fiche.title for fiche in response.context["fiches"]]


def test_index_lists_live_fiches_only(client, index_page):
    make_fiche(index_page, "Fiche publiée")
    make_fiche(index_page, "Fiche brouillon", publish=False)
    private = make_fiche(index_page, "Fiche privée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    response = client.get(index_page.url)
    assert response.status_code == 200
    assert titles(response) == ["Fiche publiée"]
    assert "Fiche brouillon" not in response.content.decode()


def test_filters_combine_and_stay_in_the_url(client, index_page, taxonomy):
    t = taxonomy
    make_fiche(
        index_page,
        "A social resto commune",
        themes=[t["social"]],
        familles=[t["resto"]],
        types=[t["commune"]],
    )
    make_fiche(
        index_page,
        "B social resto région",
        themes=[t["social"]],
        familles=[t["resto"]],
        types=[t["region"]],
    )
    make_fiche(
        index_page,
        "C env resto commune",
        themes=[t["env"]],
        familles=[t["resto"]],
        types=[t["commune"]],
    )
    make_fiche(
        index_page,
        "D social bâtiment commune",
        themes=[t["social"]],
        familles=[t["batiment"]],
        types=[t["commune"]],
    )

    assert len(titles(client.get(index_page.url))) == 4
    assert titles(client.get(index_page.url, {"theme": "social"})) == [
        "A social resto commune",
        "B social resto région",
        "D social bâtiment commune",
    ]
    assert titles(
        client.get(index_page.url, {"theme": "social", "famille": "restauration-collective"})
    ) == ["A social resto commune", "B social resto région"]
    response = client.get(
        index_page.url,
        {"theme": "social", "famille": "restauration-collective", "collectivite": "commune"},
    )
    assert titles(response) == ["A social resto commune"]
    html = response.content.decode()
    assert '<option value="social" selected>' in html
    assert "Effacer les filtres" in html


def test_unknown_filter_value_is_explained_not_a_500(client, index_page):
    make_fiche(index_page, "Une fiche")
    response = client.get(index_page.url, {"theme": "n-existe-pas"})
    assert response.status_code == 200
    assert "Ce filtre n&#x27;existe pas ou plus" in response.content.decode()
    assert titles(response) == ["Une fiche"]


def test_pagination_keeps_the_filters(client, index_page, taxonomy):
    bulk_fiches(index_page, 14, themes=[taxonomy["social"]])
    response = client.get(index_page.url, {"theme": "social"})
    assert len(titles(response)) == 12
    html = response.content.decode()
    assert "fr-pagination" in html
    assert "theme=social" in html and "page=2" in html
    second = client.get(index_page.url, {"theme": "social", "page": 2})
    assert len(titles(second)) == 2
    assert client.get(index_page.url, {"page": "abc"}).status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_listing_query_count_does_not_grow(
    client, index_page, taxonomy, count, django_assert_max_num_queries
):
    t = taxonomy
    organisation = OrganisationFactory()
    fiches = bulk_fiches(
        index_page,
        count,
        themes=[t["social"], t["env"]],
        familles=[t["resto"]],
        types=[t["commune"]],
    )
    FichePage.objects.filter(pk__in=[f.pk for f in fiches]).update(author_organisation=organisation)
    client.get(index_page.url)  # warm the site-root cache
    with django_assert_max_num_queries(22):
        response = client.get(
            index_page.url, {"theme": "social", "famille": "restauration-collective"}
        )
    assert len(titles(response)) == min(count, 12)


def test_fiche_page_shows_every_block(client, index_page, taxonomy):
    organisation = OrganisationFactory(name="Métropole de test")
    other = make_fiche(index_page, "Fiche voisine")
    hidden = make_fiche(index_page, "Fiche dépubliée")
    hidden.unpublish()
    fiche = make_fiche(
        index_page,
        "Restauration collective",
        intro="Cantines et EGalim.",
        themes=[taxonomy["social"]],
        familles=[taxonomy["resto"]],
        types=[taxonomy["commune"]],
        author=organisation,
        related_pages=json.dumps(
            [{"type": "page", "value": other.pk}, {"type": "page", "value": hidden.pk}]
        ),
    )
    response = client.get(fiche.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Cantines et EGalim.",
        "Former les acheteurs.",
        "L2111-3",
        "Repérer les marchés",
        "« Nous avons commencé petit. »",
        "Ville de Dunkerque",
        "Heures d&#x27;insertion",
        "Fiche rédigée avec Métropole de test",
        "Fiche voisine",
        'rel="alternate" type="application/rss+xml"',
    ]:
        assert text in html, text
    assert "Fiche dépubliée" not in html
    assert "Se connecter pour commenter" in html


def test_plain_text_for_search_has_no_markup(index_page):
    fiche = make_fiche(
        index_page,
        "Texte",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Les <b>clauses</b> d&#x27;insertion</p>"},
            ]
        ),
    )
    assert fiche.plain_text() == "Les  clauses  d'insertion"
    assert "L2111-3" in make_fiche(index_page, "Autre").plain_text()
