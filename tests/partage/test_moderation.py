"""The curators' queue: publish with a reliability level, refuse or unpublish with a reason sent
to the contributor; the contributor withdraws. A document that leaves the site leaves pages,
search and feeds at once."""

import pytest
from django.core import mail

from partage import services
from partage.models import Reliability, Status
from portal.roles import CURATOR

pytestmark = pytest.mark.django_db


def decide(client, document, action, **data):
    return client.post(f"/documents-partages/a-relire/{document.pk}/{action}/", data)


def test_the_curators_role_holds_the_moderation_permission(curator, staff):
    assert "partage.moderate_shareddocument" in CURATOR.permissions
    assert curator.has_perm("partage.moderate_shareddocument")
    assert not staff.has_perm("partage.moderate_shareddocument")


def test_the_queue_lists_pending_documents_oldest_first(client, curator, pending_document):
    client.force_login(curator)
    page = client.get("/documents-partages/a-relire/").content.decode()
    assert "1 document en attente" in page
    assert "Guide en relecture" in page and "Maya Ribault" in page


def test_publishing_sets_the_level_and_tells_the_contributor(
    client, curator, pending_document, contributor
):
    client.force_login(curator)
    response = decide(client, pending_document, action="publier", reliability="reseau")
    assert response.status_code == 302
    pending_document.refresh_from_db()
    assert pending_document.status == Status.PUBLISHED
    assert pending_document.reliability == Reliability.REVIEWED
    assert pending_document.reviewed_by == curator and pending_document.published_at
    message = mail.outbox[-1]
    assert message.to == [contributor.email]
    assert message.subject.endswith("Votre document « Guide en relecture » est publié")
    assert "« relu par un réseau »" in message.body
    assert f"http://testserver/documents-partages/{pending_document.pk}/" in message.body
    assert "http://testserver/documents-partages/mes-contributions/" in message.body
    client.logout()
    listing = client.get("/documents-partages/").content.decode()
    assert "Guide en relecture" in listing and "Fiabilité : relu par un réseau" in listing


def test_a_decision_without_its_level_or_reason_is_said_in_french(
    client, curator, pending_document
):
    client.force_login(curator)
    response = decide(client, pending_document, action="publier", reliability="excellent")
    assert "Ce niveau de fiabilité n&#x27;existe pas." in response.content.decode()
    response = decide(client, pending_document, action="refuser", reason="   ")
    assert "Indiquez le motif : il est envoyé au contributeur." in response.content.decode()
    response = decide(client, pending_document, action="refuser", reason="x" * 2001)
    assert "Ce texte dépasse 2000 caractères" in response.content.decode()
    assert "x" * 2001 in response.content.decode(), "the typed reason is kept"
    assert decide(client, pending_document, action="effacer").status_code == 404
    assert client.post(f"/documents-partages/a-relire/{pending_document.pk}/").status_code == 405
    pending_document.refresh_from_db()
    assert pending_document.status == Status.PENDING
    assert not mail.outbox


def test_refusing_sends_the_reason_to_the_contributor(
    client, curator, pending_document, contributor
):
    client.force_login(curator)
    decide(
        client,
        pending_document,
        action="refuser",
        reason="Le document cite des noms d'agents : retirez-les puis proposez-le à nouveau.",
    )
    pending_document.refresh_from_db()
    assert pending_document.status == Status.REFUSED
    message = mail.outbox[-1]
    assert message.to == [contributor.email]
    assert "n'a pas été publié" in message.subject
    assert "Motif :\nLe document cite des noms d'agents" in message.body
    client.force_login(contributor)
    mine = client.get("/documents-partages/mes-contributions/").content.decode()
    assert "refusé" in mine and "cite des noms d&#x27;agents" in mine


def test_unpublishing_takes_the_document_off_the_site_at_once(
    client, curator, reserved_document, buyer
):
    client.force_login(buyer)
    assert reserved_document.title in client.get("/documents-partages/").content.decode()
    assert reserved_document.title in search_titles(client, "girafe")
    client.force_login(curator)
    response = client.post(
        f"/documents-partages/a-relire/{reserved_document.pk}/refuser/",
        {"reason": "Version périmée."},
        follow=True,
    )
    assert "est refusé ; le motif a été envoyé au contributeur." in response.content.decode()
    assert "n'est plus publié" in mail.outbox[-1].subject
    client.force_login(buyer)
    assert reserved_document.title not in client.get("/documents-partages/").content.decode()
    assert client.get(reserved_document.get_absolute_url()).status_code == 404
    assert client.get(reserved_document.get_download_url()).status_code == 404
    assert search_titles(client, "girafe") == []


def search_titles(client, query):
    response = client.get("/recherche/", {"q": query})
    return [result.title for result in response.context["results"]] if response.context else []


def test_a_withdrawn_document_leaves_pages_search_and_feed_at_once(
    client, contributor, public_document
):
    url = public_document.get_absolute_url()
    # cached copies first: the withdrawal must not leave them behind
    assert client.get("/documents-partages/").status_code == 200
    assert client.get(url).status_code == 200
    assert "propreté urbaine" in client.get("/documents-partages/flux.atom").content.decode()
    assert search_titles(client, "propreté urbaine") == [public_document.title]
    client.force_login(contributor)
    response = client.post(f"/documents-partages/{public_document.pk}/retirer/", follow=True)
    assert "est retiré : il n&#x27;apparaît plus sur le portail." in response.content.decode()
    assert "retiré" in response.content.decode()
    client.logout()
    assert "propreté urbaine" not in client.get("/documents-partages/").content.decode()
    assert client.get(url).status_code == 404
    assert client.get(public_document.get_download_url()).status_code == 404
    assert "propreté urbaine" not in client.get("/documents-partages/flux.atom").content.decode()
    assert search_titles(client, "propreté urbaine") == []
    assert public_document.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_decisions_on_a_withdrawn_document_change_nothing(curator, contributor, pending_document):
    services.withdraw(pending_document, contributor)
    document, done = services.publish(pending_document, curator, Reliability.NATIONAL)
    assert not done and document.status == Status.WITHDRAWN
    document, done = services.refuse(pending_document, curator, "Trop tard")
    assert not done and document.status == Status.WITHDRAWN
    document, done = services.withdraw(pending_document, contributor)
    assert not done
    assert not mail.outbox


def test_a_curator_changes_the_level_of_a_published_document(client, curator, public_document):
    client.force_login(curator)
    decide(client, public_document, action="publier", reliability="national")
    public_document.refresh_from_db()
    assert public_document.reliability == Reliability.NATIONAL
    assert not mail.outbox, "the contributor was told once, at publication"
    client.logout()
    listing = client.get("/documents-partages/?fiabilite=national").content.decode()
    assert "Fiabilité : référence nationale" in listing


def test_the_contributors_data_leaves_with_their_account_the_document_stays(
    contributor, public_document, curator
):
    from portal import personal_data

    exported = personal_data.export_json(contributor)
    assert "Documents que vous avez partagés" in exported
    assert public_document.title in exported
    personal_data.delete_account(contributor)
    public_document.refresh_from_db()
    assert public_document.contributor is None and public_document.status == Status.PUBLISHED
