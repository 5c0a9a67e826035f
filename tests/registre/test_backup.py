"""The registry's documents, kept outside MEDIA_ROOT, are in the site backup and come back with
its restore."""

import io

import pytest
from django.core.management import call_command

from registre.models import AdoptedScheme
from tests.registre.conftest import make_entry

# The backup reads committed data through another connection on PostgreSQL.
pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_then_restore_brings_back_the_registry_documents(tmp_path, settings, organisation):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    entry = make_entry(organisation)
    with entry.document.open("rb") as document:
        original = document.read()  # a new sample PDF would carry another creation time
    archive = tmp_path / "sauvegarde.tar.gz"

    call_command("backup_site", str(archive), stdout=io.StringIO())
    pk = entry.pk
    entry.document.delete(save=False)
    entry.delete()

    call_command("restore_site", str(archive), noinput=True, stdout=io.StringIO())

    restored = AdoptedScheme.objects.get(pk=pk)
    with restored.document.open("rb") as document:
        assert document.read() == original
