"""« Documents partagés »: filters, cards, the query count, the Atom feed, the search."""

import re

import pytest

from partage.models import Audience, Kind, Reliability
from tests.factories import CollectiviteTypeFactory, FamilleAchatFactory, ThemeFactory
from tests.partage.conftest import make_document

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(
        r'<h2 class="fr-card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_filters_combine(client, organisation):
    batiment = FamilleAchatFactory(name="Bâtiment")
    social = ThemeFactory(name="Social")
    commune = CollectiviteTypeFactory(name="Commune")
    make_document(
        organisation,
        title="Clause chantier",
        kind=Kind.CLAUSE,
        social=True,
        familles=[batiment],
        themes=[social],
        types=[commune],
        reliability=Reliability.NATIONAL,
    )
    make_document(organisation, title="Guide cantine", kind=Kind.GUIDE, environmental=True)
    make_document(
        organisation,
        title="Guide réemploi",
        kind=Kind.GUIDE,
        circular=True,
        reliability=Reliability.REVIEWED,
    )
    assert len(titles(client.get("/documents-partages/"))) == 3
    guides = titles(client.get("/documents-partages/?kind=guide"))
    assert guides == ["Guide réemploi", "Guide cantine"]
    assert titles(client.get("/documents-partages/?consideration=circulaire")) == ["Guide réemploi"]
    assert titles(client.get("/documents-partages/?fiabilite=national")) == ["Clause chantier"]
    assert titles(client.get("/documents-partages/?fiabilite=reseau&kind=guide")) == [
        "Guide réemploi"
    ]
    url = f"/documents-partages/?famille={batiment.slug}&theme={social.slug}&collectivite={commune.slug}"
    assert titles(client.get(url)) == ["Clause chantier"]
    assert titles(client.get("/documents-partages/?fiabilite=reseau&kind=clause")) == []


@pytest.mark.parametrize(
    "query", ["kind=roman", "fiabilite=%D9%A1", "consideration=x" * 3, "page=%D9%A1", "theme=%00"]
)
def test_unknown_filters_are_said_never_a_500(client, organisation, query):
    make_document(organisation, title="Guide cantine")
    response = client.get(f"/documents-partages/?{query}")
    assert response.status_code == 200
    assert titles(response) == ["Guide cantine"]


def test_each_card_shows_its_reliability_kind_audience_and_file(client, organisation, buyer):
    make_document(
        organisation,
        title="Cahier des charges réservé",
        audience=Audience.RESERVED,
        reliability=Reliability.REVIEWED,
        kind=Kind.SPECIFICATION,
        social=True,
    )
    client.force_login(buyer)
    page = client.get("/documents-partages/").content.decode()
    assert "Fiabilité : relu par un réseau" in page
    assert "extrait de cahier des charges" in page
    assert "Réservé aux acheteurs publics" in page
    assert re.search(r"PDF – [\d,]+\xa0(octets|Ko)", page)
    assert organisation.name.replace("'", "&#x27;") in page


def test_listing_query_count_is_constant(
    client, organisation, buyer, django_assert_max_num_queries
):
    client.force_login(buyer)
    theme, famille = ThemeFactory(name="Social"), FamilleAchatFactory(name="Bâtiment")

    def add(start, count):
        for n in range(start, start + count):
            audience = Audience.RESERVED if n % 2 else Audience.PUBLIC
            make_document(
                organisation,
                title=f"Document {n:03d}",
                audience=audience,
                themes=[theme],
                familles=[famille],
            )

    add(0, 3)
    client.get("/documents-partages/?kind=deliberation")
    with django_assert_max_num_queries(30) as few:
        assert client.get("/documents-partages/?kind=deliberation&page=1").status_code == 200
    few = len(few)
    add(3, 40)
    client.get("/documents-partages/?kind=deliberation&page=2")
    with django_assert_max_num_queries(few):
        response = client.get("/documents-partages/?kind=deliberation&page=1")
    assert len(titles(response)) == 20


def test_the_atom_feed_links_to_the_public_address(client, public_document):
    body = client.get("/documents-partages/flux.atom").content.decode()
    assert f'<link href="http://testserver/documents-partages/{public_document.pk}/"' in body
    assert "<name>Métropole d'Exemple-sur-Mer</name>" in body
    assert "partagé par un acheteur" in body


def test_a_suggestion_never_reveals_a_word_of_a_reserved_document(client, reserved_document, buyer):
    response = client.get("/recherche/", {"q": "confidentiem"})
    assert "confidentiel" not in response.content.decode().split("</header>", 1)[-1]
    client.force_login(buyer)
    response = client.get("/recherche/", {"q": "confidentiem"})
    assert response.context.get("suggestion") == "confidentiel"


PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def test_what_members_type_is_escaped_everywhere_it_shows(
    client, organisation, contributor, curator
):
    document = make_document(
        organisation, contributor, title=f"Titre {PAYLOAD}", summary=f"Résumé {PAYLOAD}"
    )
    pending = make_document(organisation, contributor, title=f"Attente {PAYLOAD}", status="pending")
    refused = make_document(
        organisation, contributor, title="Refusé", status="refused", refusal_reason=PAYLOAD
    )
    pages = {
        "liste": "/documents-partages/",
        "document": document.get_absolute_url(),
        "flux": "/documents-partages/flux.atom",
    }
    for name, url in pages.items():
        body = client.get(url).content.decode()
        assert '<script>alert("xss")' not in body and "<img src=x" not in body, name
        assert "&lt;script&gt;" in body, name
    client.force_login(contributor)
    for url in ("/documents-partages/mes-contributions/", pending.get_absolute_url()):
        body = client.get(url).content.decode()
        assert '<script>alert("xss")' not in body and "<img src=x" not in body, url
    client.force_login(curator)
    for url in (
        "/documents-partages/a-relire/",
        f"/documents-partages/a-relire/{pending.pk}/",
        f"/documents-partages/a-relire/{refused.pk}/",
    ):
        body = client.get(url).content.decode()
        assert '<script>alert("xss")' not in body and "<img src=x" not in body, url
