import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.core.management.base import CommandError as BaseCommandError
from django.db import connection
from django.db import connections as db_connections
from haystack import connections
from haystack.query import SearchQuerySet
from wagtail.documents.models import Document

from fiches.models import FichePage
from forum import services as forum_services
from forum.models import Post
from portal.models import Organisation
from ressources import registration
from ressources.models import WebinarRegistration
from tests.factories import OrganisationFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.forum.factories import CategoryFactory, SeasonedUserFactory
from tests.ressources.factories import webinar, webinar_index

# The backup reads committed data through another connection on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_brings_back_data_and_media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "spaser.pdf").write_bytes(b"%PDF-1.4 schema")
    kept = OrganisationFactory(name="Métropole sauvegardée")
    archive = tmp_path / "sauvegarde.tar.gz"

    call_command("backup_site", str(archive))

    kept.delete()
    OrganisationFactory(name="Créée après la sauvegarde")
    (tmp_path / "media" / "documents" / "spaser.pdf").unlink()

    call_command("restore_site", str(archive), noinput=True)

    assert list(Organisation.objects.values_list("name", flat=True)) == ["Métropole sauvegardée"]
    assert (tmp_path / "media" / "documents" / "spaser.pdf").read_bytes() == b"%PDF-1.4 schema"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "pas-une-sauvegarde.tar.gz"
    bogus.write_text("bonjour")
    with pytest.raises((CommandError, BaseCommandError), match="n'est pas une archive"):
        call_command("restore_site", str(bogus), noinput=True)


def test_round_trip_across_apps_with_files_and_search_index(tmp_path, settings, home_page):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    connections["default"].get_backend().clear()
    fiche = make_fiche(fiche_index(home_page), "Clauses sociales dans la voirie")
    topic = forum_services.create_topic(
        CategoryFactory(), SeasonedUserFactory(), "Quel indicateur suivre ?", "Bonjour"
    )
    reply = forum_services.add_reply(topic, SeasonedUserFactory(), "Les heures d'insertion.")
    event = webinar(webinar_index(home_page), capacity=5)
    event.save_revision().publish()
    seat, _created = registration.register(event, SeasonedUserFactory())
    document = Document.objects.create(
        title="Guide SPASER", file=ContentFile(b"%PDF-1.4 guide", name="guide-spaser.pdf")
    )
    archive = tmp_path / "sauvegarde.tar.gz"

    call_command("backup_site", str(archive), stdout=io.StringIO())

    # Everything changes after the backup; the restore must bring the saved state back.
    fiche.unpublish()
    forum_services.delete_post(reply, reply.author)
    registration.cancel(seat)
    document.file.delete()
    document.delete()
    later = make_fiche(fiche_index(home_page, slug="autres-fiches"), "Fiche écrite après")
    assert SearchQuerySet().filter(content="après").count() == 1

    call_command("restore_site", str(archive), noinput=True, stdout=io.StringIO())

    assert FichePage.objects.live().get().pk == fiche.pk
    assert not FichePage.objects.filter(pk=later.pk).exists()
    restored = Post.objects.get(pk=reply.pk)
    assert restored.deleted_at is None and restored.body == "Les heures d'insertion."
    seat = WebinarRegistration.objects.get(pk=seat.pk)
    assert (seat.status, seat.seat) == (WebinarRegistration.Status.CONFIRMED, 1)
    document = Document.objects.get(title="Guide SPASER")
    with document.file.open() as restored_file:
        assert restored_file.read() == b"%PDF-1.4 guide"
    # The index was rebuilt from the restored database: same documents, same text.
    call_command("check_search_index", stdout=io.StringIO())
    assert SearchQuerySet().filter(content="après").count() == 0
    assert [r.pk for r in SearchQuerySet().filter(content="voirie")] == [str(fiche.pk)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's")
def test_backup_refuses_a_pg_dump_older_than_the_server(tmp_path, monkeypatch):
    """pg_dump cannot dump a newer server: say which client to install instead."""
    monkeypatch.setattr(db_connections["default"], "pg_version", 990000)
    with pytest.raises(CommandError, match="installez le client PostgreSQL 99"):
        call_command("backup_site", str(tmp_path / "sauvegarde.tar.gz"))
    assert not (tmp_path / "sauvegarde.tar.gz").exists()
