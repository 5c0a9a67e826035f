"""A member imports a generated 50 MB DECP file: the worker reads it while the page's progress
bar moves; the member leaves, comes back and finds the result."""

import re
import threading
import time

import pytest
from django.db import connection

from diagnostic import imports
from diagnostic.models import DecpImport
from diagnostic.sample import AMP_SIREN, NANTES_SIREN, contracts, siret, write_decp
from tests.factories import (
    CollectiviteTypeFactory,
    OrganisationFactory,
    verified_member,
)

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)
SIZE = 50 * 1024 * 1024


@pytest.fixture
def decp_50mb(tmp_path):
    path = tmp_path / "decp-national.json"
    buyers = [siret(AMP_SIREN, n) for n in (1, 2)] + [siret(NANTES_SIREN, 1)]
    count = 20_000
    while True:
        with open(path, "w", encoding="utf-8") as fileobj:
            write_decp(fileobj, contracts(count, buyers, years=(2024, 2025)))
        size = path.stat().st_size
        if size >= SIZE:
            return path
        count = int(count * SIZE / size * 1.02) + 1


def _worker(pk, done):
    try:
        imports.run(pk)
    finally:
        connection.close()
        done.set()


def test_member_imports_a_50_mb_file_and_follows_its_progress(
    page, home_page, settings, monkeypatch, decp_50mb
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    monkeypatch.setattr(imports, "PROGRESS_EVERY_BYTES", 512 * 1024)
    organisation = OrganisationFactory(
        name="Métropole de Démonstration", siren=AMP_SIREN, kind=CollectiviteTypeFactory()
    )
    user = verified_member(organisation=organisation)
    log_in(page, user.email)

    page.goto("/diagnostic/import-decp/")
    page.get_by_label("Fichier DECP (JSON)").set_input_files(str(decp_50mb))
    page.get_by_role("button", name="Importer et calculer").click()
    page.wait_for_url(re.compile(r"/diagnostic/import-decp/\d+/$"))
    bar = page.locator("#decp-progress-bar")
    assert bar.get_attribute("value") == "0"
    assert page.get_by_role("button", name="Actualiser").is_visible()

    # The worker starts reading; the page polls and the bar moves without reloading the page.
    decp_import = DecpImport.objects.get()
    done = threading.Event()
    threading.Thread(target=_worker, args=(decp_import.pk, done), daemon=True).start()
    seen = set()
    deadline = time.monotonic() + 300
    while 100 not in seen and time.monotonic() < deadline:
        seen.add(int(float(bar.evaluate("node => node.value"))))
        page.wait_for_timeout(200)
    assert done.wait(60)
    page.get_by_role("link", name="Afficher le résultat").wait_for()
    assert len(seen - {0, 100}) >= 1, seen  # an intermediate value was shown
    assert "Lecture terminée" in page.locator("#decp-progress-text").inner_text()

    # The member leaves, comes back through the import page and finds the result.
    page.goto("/")
    page.goto("/diagnostic/import-decp/")
    page.get_by_role("link", name="decp-national.json").click()
    page.get_by_text("Indicateurs calculés").wait_for()
    assert DecpImport.objects.get().status == DecpImport.Status.DONE
