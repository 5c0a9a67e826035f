import pytest

from partage.models import Audience, SharedDocument, Status
from tests.demo import seed_demo_twice

pytestmark = pytest.mark.django_db


def test_seed_demo_shares_documents_at_every_level_and_one_waits(home_page, client):
    seed_demo_twice("Demo-partage-2026")
    documents = SharedDocument.objects.all()
    assert documents.count() == 6, "rerunning adds nothing"
    published = documents.filter(status=Status.PUBLISHED)
    assert set(published.values_list("reliability", flat=True)) == {
        "acheteur",
        "reseau",
        "national",
    }
    assert published.filter(audience=Audience.RESERVED).exists()
    assert published.filter(audience=Audience.PUBLIC).exists()
    pending = documents.get(status=Status.PENDING)
    for document in documents:
        assert document.file.open("rb").read(5) == b"%PDF-"
        assert document.file_size > 0 and document.contributor is not None
    # the listing as a visitor: public documents only
    page = client.get("/documents-partages/").content.decode()
    assert "Clause d&#x27;insertion pour le nettoyage" in page
    assert "Guide : calculer et publier les indicateurs" not in page
    # the demo curator finds the pending document in the queue
    client.login(
        email="animation@reseau-achats-responsables-ouest.fr", password="Demo-partage-2026"
    )
    queue = client.get("/documents-partages/a-relire/").content.decode()
    assert pending.title.replace("'", "&#x27;") in queue
    # a verified demo buyer sees the reserved ones
    client.login(email="membre@gironde.fr", password="Demo-partage-2026")
    page = client.get("/documents-partages/").content.decode()
    assert "Guide : calculer et publier les indicateurs" in page
