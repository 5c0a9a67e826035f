import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import CommandError as BaseCommandError

from portal.models import Organisation
from tests.factories import OrganisationFactory

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
