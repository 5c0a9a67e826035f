"""DECP imports run by the worker: the upload is stored, the page shows progress until the
result, the member can leave and come back, and only the organisation's members see it."""

import html
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from diagnostic.imports import ProgressReader
from diagnostic.models import DecpImport
from diagnostic.sample import SAMPLE_PATH
from tests.factories import OrganisationFactory, verified_member
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _upload():
    return SimpleUploadedFile("decp.json", SAMPLE_PATH.read_bytes(), "application/json")


def test_upload_is_read_by_the_worker_and_the_page_follows_its_progress(
    org_client, settings, database_tasks
):
    response = org_client.post(
        "/diagnostic/import-decp/", {"file": _upload(), "siret": "200054807", "year": ""}
    )
    decp_import = DecpImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/diagnostic/import-decp/{decp_import.pk}/"
    assert decp_import.status == DecpImport.Status.QUEUED
    stored = Path(settings.DIAGNOSTIC_DECP_ROOT) / decp_import.stored_name
    assert stored.read_bytes() == SAMPLE_PATH.read_bytes()

    # While it waits: a progress bar, a polite live region and « Actualiser », no auto refresh.
    page = html.unescape(org_client.get(response["Location"]).content.decode())
    assert '<progress id="decp-progress-bar"' in page
    assert 'aria-live="polite"' in page
    assert "Actualiser" in page
    assert 'http-equiv="refresh"' not in page
    assert "Indicateurs calculés" not in page
    state = org_client.get(f"/diagnostic/import-decp/{decp_import.pk}/etat.json").json()
    assert state["status"] == "queued" and state["finished"] is False and state["percent"] == 0

    run_worker()

    state = org_client.get(f"/diagnostic/import-decp/{decp_import.pk}/etat.json").json()
    assert state == state | {"status": "done", "finished": True, "percent": 100}
    assert not stored.exists()  # the file is deleted once read
    # The member comes back later: the import is listed and shows its result.
    listing = org_client.get("/diagnostic/import-decp/").content.decode()
    assert f"/diagnostic/import-decp/{decp_import.pk}/" in listing
    page = html.unescape(
        org_client.get(f"/diagnostic/import-decp/{decp_import.pk}/").content.decode()
    )
    assert "Indicateurs calculés" in page and "Marché réservé" in page
    assert "<progress" not in page


def test_a_file_the_worker_cannot_read_says_why_and_offers_the_form_again(
    org_client, database_tasks
):
    bad = SimpleUploadedFile("decp.json", b'{"marches": [', "application/json")
    response = org_client.post("/diagnostic/import-decp/", {"file": bad, "siret": "200054807"})
    run_worker()
    page = html.unescape(org_client.get(response["Location"]).content.decode())
    assert "JSON valide" in page
    assert "Importer et calculer" in page and 'value="200054807"' in page
    assert DecpImport.objects.get().status == DecpImport.Status.FAILED


def test_the_import_is_its_organisations_only(org_client, org_member, client, organisation):
    org_client.post("/diagnostic/import-decp/", {"file": _upload(), "siret": "200054807"})
    decp_import = DecpImport.objects.get()
    assert decp_import.organisation == organisation and decp_import.created_by == org_member
    urls = [
        f"/diagnostic/import-decp/{decp_import.pk}/",
        f"/diagnostic/import-decp/{decp_import.pk}/etat.json",
    ]
    colleague = verified_member(organisation=organisation)
    client.force_login(colleague)
    assert all(client.get(url).status_code == 200 for url in urls)

    stranger = verified_member(organisation=OrganisationFactory())
    client.force_login(stranger)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert (
        f"/diagnostic/import-decp/{decp_import.pk}/"
        not in client.get("/diagnostic/import-decp/").content.decode()
    )
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_progress_is_recorded_as_the_file_is_read():
    positions = []
    reader = ProgressReader(io.BytesIO(b"x" * 1000), positions.append, every=100)
    while reader.read(64):
        pass
    # Reported when at least `every` bytes were read since the last report.
    assert positions == [128, 256, 384, 512, 640, 768, 896, 1000]


def test_status_is_json(org_client):
    org_client.post("/diagnostic/import-decp/", {"file": _upload(), "siret": "200054807"})
    response = org_client.get(f"/diagnostic/import-decp/{DecpImport.objects.get().pk}/etat.json")
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["status"] == "done"
