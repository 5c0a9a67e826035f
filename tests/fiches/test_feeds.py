import pytest

from tests.fiches.factories import make_fiche

pytestmark = pytest.mark.django_db


def test_rss_and_atom_list_live_resources_only(client, index_page):
    make_fiche(index_page, "Fiche sur la restauration collective", intro="Cantines.")
    make_fiche(index_page, "Brouillon secret", publish=False)
    gone = make_fiche(index_page, "Fiche retirée")
    gone.unpublish()

    rss = client.get("/flux/ressources.rss")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Fiche sur la restauration collective" in body
    assert "http://testserver/fiches-spaser/fiche-sur-la-restauration-collective/" in body
    assert "Brouillon secret" not in body and "Fiche retirée" not in body

    atom = client.get("/flux/ressources.atom")
    assert atom.status_code == 200
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Fiche sur la restauration collective" in atom.content.decode()


def test_index_page_advertises_the_feeds(client, index_page):
    html = client.get(index_page.url).content.decode()
    assert 'href="/flux/ressources.rss"' in html
    assert 'href="/flux/ressources.atom"' in html
