import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, StandardPage
from portal.search import rebuilt_afterwards
from ressources.models import ClauseIndexPage, ClausePage, WebinarIndexPage, WebinarPage
from tests.factories import CollectiviteTypeFactory, FamilleAchatFactory, ThemeFactory

from . import factories

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_index_pages_live_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, WebinarIndexPage)
        self.assertCanCreateAt(HomePage, ClauseIndexPage)
        self.assertCanNotCreateAt(StandardPage, WebinarIndexPage)
        self.assertCanNotCreateAt(Page, ClauseIndexPage)

    def test_webinars_live_under_the_webinar_index_only(self):
        self.assertCanCreateAt(WebinarIndexPage, WebinarPage)
        self.assertCanNotCreateAt(HomePage, WebinarPage)
        self.assertCanNotCreateAt(ClauseIndexPage, WebinarPage)
        self.assertCanNotCreateAt(WebinarPage, WebinarPage)

    def test_clauses_live_under_the_clause_index_only(self):
        self.assertCanCreateAt(ClauseIndexPage, ClausePage)
        self.assertCanNotCreateAt(HomePage, ClausePage)
        self.assertCanNotCreateAt(WebinarIndexPage, ClausePage)
        self.assertCanNotCreateAt(ClausePage, ClausePage)

    def test_resource_pages_say_so(self):
        assert WebinarPage.is_resource is True
        assert ClausePage.is_resource is True


def _titles(content, tag="h2"):
    return re.findall(rf'<{tag} class="fr-card__title"><a href="[^"]+">([^<]+)</a>', content)


def test_webinar_listing_shows_upcoming_first_then_replays(client, webinar_index):
    factories.webinar(webinar_index, title="Replay ancien", days=-60)
    factories.webinar(webinar_index, title="Dans un mois", days=30)
    factories.webinar(webinar_index, title="Replay récent", days=-3)
    factories.webinar(webinar_index, title="La semaine prochaine", days=7)
    content = client.get("/webinaires/").content.decode()
    assert _titles(content) == [
        "La semaine prochaine",
        "Dans un mois",
        "Replay récent",
        "Replay ancien",
    ]
    assert "À venir" in content and "Replay" in content
    assert "calendrier.ics" in content


def test_webinar_filters_combine_in_a_shareable_url(client, webinar_index):
    social, env = ThemeFactory(name="Social"), ThemeFactory(name="Environnemental")
    batiment = FamilleAchatFactory(name="Bâtiment")
    metropole = CollectiviteTypeFactory(name="Métropole")
    factories.webinar(
        webinar_index,
        title="Social bâtiment métropole",
        themes=[social],
        familles=[batiment],
        types=[metropole],
    )
    factories.webinar(webinar_index, title="Social seulement", themes=[social])
    factories.webinar(
        webinar_index, title="Environnement bâtiment", themes=[env], familles=[batiment], days=-10
    )
    assert _titles(client.get("/webinaires/?theme=social").content.decode()) == [
        "Social bâtiment métropole",
        "Social seulement",
    ]
    url = f"/webinaires/?theme=social&famille={batiment.slug}&collectivite={metropole.slug}"
    content = client.get(url).content.decode()
    assert _titles(content) == ["Social bâtiment métropole"]
    assert "1 webinaire" in content
    assert _titles(client.get("/webinaires/?moment=replays").content.decode()) == [
        "Environnement bâtiment"
    ]


def test_unknown_filter_values_are_reported_not_a_crash(client, webinar_index):
    factories.webinar(webinar_index, title="Toujours listé")
    response = client.get("/webinaires/?theme=inconnu&moment=demain&page=abc")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce filtre n&#x27;existe pas ou plus" in content
    assert _titles(content) == ["Toujours listé"]


def test_webinar_listing_paginates_and_keeps_filters(client, webinar_index):
    social = ThemeFactory(name="Social")
    for n in range(12):
        factories.webinar(webinar_index, title=f"Social {n:02d}", days=n + 1, themes=[social])
    factories.webinar(webinar_index, title="Sans thème")
    content = client.get("/webinaires/?theme=social").content.decode()
    assert len(_titles(content)) == 10
    assert "fr-pagination" in content
    assert "?theme=social&amp;page=2" in content
    second = client.get("/webinaires/?theme=social&page=2").content.decode()
    assert _titles(second) == ["Social 10", "Social 11"]


def test_clause_filters_combine_and_paginate(client, clause_index):
    social = ThemeFactory(name="Social")
    restauration = FamilleAchatFactory(name="Restauration collective")
    commune = CollectiviteTypeFactory(name="Commune")
    factories.clause(
        clause_index,
        title="Insertion restauration",
        themes=[social],
        familles=[restauration],
        types=[commune],
    )
    factories.clause(
        clause_index,
        title="Lot réservé ESAT",
        kind="reserve",
        legal_basis="L2113-12",
        themes=[social],
    )
    factories.clause(
        clause_index,
        title="Critère environnemental",
        clause_type="environnementale",
        kind="critere",
        legal_basis="L2152-7",
    )
    assert _titles(client.get("/clauses-types/?type=sociale").content.decode()) == [
        "Insertion restauration",
        "Lot réservé ESAT",
    ]
    assert _titles(client.get("/clauses-types/?type=sociale&kind=reserve").content.decode()) == [
        "Lot réservé ESAT"
    ]
    url = f"/clauses-types/?theme=social&famille={restauration.slug}&collectivite={commune.slug}"
    assert _titles(client.get(url).content.decode()) == ["Insertion restauration"]
    assert _titles(
        client.get("/clauses-types/?type=environnementale&kind=critere").content.decode()
    ) == ["Critère environnemental"]
    empty = client.get("/clauses-types/?type=economique").content.decode()
    assert "Aucune clause ne correspond à ces filtres." in empty

    for n in range(11):
        factories.clause(clause_index, title=f"Clause économique {n:02d}", clause_type="economique")
    page2 = client.get("/clauses-types/?type=economique&page=2").content.decode()
    assert _titles(page2) == ["Clause économique 10"]


def test_unpublished_clauses_are_not_listed(client, clause_index):
    draft = factories.clause(clause_index, title="Brouillon")
    draft.unpublish()
    factories.clause(clause_index, title="Publiée")
    assert _titles(client.get("/clauses-types/").content.decode()) == ["Publiée"]
    assert client.get(draft.url or "/clauses-types/brouillon/").status_code == 404


def _fill(index, maker, start, count):
    """`count` resources, indexed for search once at the end (as the demo seeders do)."""
    themes = [ThemeFactory(name="Social"), ThemeFactory(name="Environnemental")]
    familles = [FamilleAchatFactory(name="Bâtiment")]
    with rebuilt_afterwards():
        for n in range(start, start + count):
            maker(
                index,
                title=f"Ressource {n:03d}",
                themes=themes,
                familles=familles,
                types=[CollectiviteTypeFactory(name="Commune")],
            )


@pytest.mark.parametrize(
    "url,index_fixture,maker",
    [
        ("/webinaires/?theme=social", "webinar_index", factories.webinar),
        ("/clauses-types/?theme=social&type=sociale", "clause_index", factories.clause),
    ],
)
def test_listing_query_count_is_constant(
    client, request, django_assert_max_num_queries, url, index_fixture, maker
):
    index = request.getfixturevalue(index_fixture)
    _fill(index, maker, 0, 10)
    client.get(url)
    # Each measured address is new to the page cache: what is counted is a render.
    with django_assert_max_num_queries(30) as few:
        assert client.get(url + "&page=1").status_code == 200
    few = len(few)  # read now: the next request empties the connection's query log
    _fill(index, maker, 10, 190)
    # The first render after a write reads the header, footer and filter terms again, once.
    client.get(url + "&page=2")
    with django_assert_max_num_queries(few):
        response = client.get(url + "&page=3")
    assert response.status_code == 200
    assert len(_titles(response.content.decode())) == 10


def test_webinar_page_shows_programme_and_speakers(client, webinar_index):
    page = factories.webinar(
        webinar_index,
        title="Les indicateurs du SPASER",
        description="<p>Quels indicateurs publier tous les deux ans ?</p>",
        speakers=[
            (
                "speaker",
                {
                    "name": "Claire Guérin",
                    "role": "Responsable achats",
                    "organisation": "Nantes Métropole",
                },
            )
        ],
    )
    content = client.get(page.url).content.decode()
    assert "Quels indicateurs publier tous les deux ans ?" in content
    assert "Claire Guérin" in content and "Nantes Métropole" in content
    assert "Se connecter pour s'inscrire" in content
    assert f"{page.url}ics/" in content


def test_replay_shows_embed_chapters_transcript_and_slides(client, webinar_index, monkeypatch):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    class FakeEmbed:
        html = '<iframe title="Lecteur vidéo" src="https://video.example/embed/1"></iframe>'

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", lambda url: FakeEmbed())
    slides = Document.objects.create(title="Support", file=ContentFile(b"%PDF-1.4", "support.pdf"))
    page = factories.webinar(
        webinar_index,
        title="Travailler avec un facilitateur",
        days=-20,
        video_url="https://video.example/w/1",
        slides=slides,
        chapters=[("chapter", {"timecode": "04:10", "title": "Le plan d'action des achats"})],
        transcript="<p>Bonjour à toutes et à tous.</p>",
    )
    content = client.get(page.url).content.decode()
    assert "Revoir le webinaire" in content
    assert 'src="https://video.example/embed/1"' in content
    assert "04:10" in content and "Le plan d&#x27;action des achats" in content
    assert "Bonjour à toutes et à tous." in content
    assert "Télécharger le support de présentation" in content
    assert "inscription/" not in content


def test_replay_without_network_falls_back_to_a_link(client, webinar_index, monkeypatch):
    from wagtail.embeds.exceptions import EmbedNotFoundException

    def unreachable(url):
        raise EmbedNotFoundException

    monkeypatch.setattr("wagtail.embeds.embeds.get_embed", unreachable)
    page = factories.webinar(webinar_index, days=-2, video_url="https://video.example/w/2")
    content = client.get(page.url).content.decode()
    assert 'href="https://video.example/w/2"' in content


def test_clause_page_shows_text_copy_button_and_downloads(client, clause_index):
    page = factories.clause(
        clause_index,
        title="Clause d'insertion",
        cpv_codes="45000000-7\n90911200-8",
        examples=[
            (
                "example",
                {
                    "collectivite": "Grand Paris Sud Est Avenir",
                    "year": 2018,
                    "description": "5 % des heures sur les marchés d'AMO.",
                },
            )
        ],
    )
    content = client.get(page.url).content.decode()
    assert "Copier la clause" in content
    assert 'id="clause-text"' in content
    assert "5 % des heures travaillées" in content
    assert f'href="{page.url}docx/"' in content and f'href="{page.url}odt/"' in content
    assert "45000000-7" in content and "90911200-8" in content
    assert "Grand Paris Sud Est Avenir (2018)" in content
    assert "Article L2112-2" in content or "article L2112-2" in content
    assert "22 août 2026" in content


def test_clause_related_pages_are_linked(client, clause_index, webinar_index):
    webinar = factories.webinar(webinar_index, title="Réussir le volet environnemental")
    page = factories.clause(
        clause_index, related=[("related", {"page": webinar, "note": "le replay"})]
    )
    content = client.get(page.url).content.decode()
    assert f'href="{webinar.url}"' in content and "Réussir le volet environnemental" in content


def test_copy_button_needs_javascript_and_the_text_stays_selectable(client, clause_index):
    page = factories.clause(clause_index)
    content = client.get(page.url).content.decode()
    assert re.search(
        r'<button type="button"[^>]*data-copy-target="clause-text"[^>]*hidden', content
    )
    assert '<pre class="clause-text" id="clause-text"' in content
    assert "ressources/js/clause-copy.js" in content


def test_webinar_and_clause_pages_show_their_comments(client, webinar, clause_index):
    for page in (webinar, factories.clause(clause_index)):
        content = client.get(page.url).content.decode()
        assert 'id="commentaires"' in content
        assert "Se connecter pour commenter" in content


def test_webinar_date_and_time_in_french_style(client, webinar_index):
    from datetime import datetime
    from html import unescape
    from zoneinfo import ZoneInfo

    from portal.french import NBSP

    start = datetime(2030, 10, 1, 11, 0, tzinfo=ZoneInfo("Europe/Paris"))  # a Tuesday
    page = factories.webinar(webinar_index, title="Le premier du mois")
    page.start = start
    page.save_revision().publish()
    content = unescape(client.get(page.url).content.decode())
    assert f"mardi 1er octobre 2030 à 11{NBSP}h{NBSP}00" in content
    assert "à 11:00" not in content


def test_a_replay_without_video_does_not_claim_it_is_online(client, webinar_index):
    from html import unescape

    page = factories.webinar(webinar_index, days=-30, title="Passé sans vidéo")
    content = unescape(client.get(page.url).content.decode())
    assert "La vidéo n'est pas encore en ligne." in content
    assert "en accès libre" not in content.lower()
    assert "Le replay n'est pas encore en ligne" in content
    page.video_url = "https://www.youtube.com/watch?v=abc"
    page.save_revision().publish()
    content = unescape(client.get(page.url).content.decode())
    assert "En accès libre : la vidéo." in content
