"""Every URL of the registry for every role: anonymous visitor, member without organisation,
pending member, verified member of the organisation, verified member of another organisation,
curator, staff status alone, superuser. A refused request writes nothing."""

import html

import pytest

from registre import services
from registre.models import AdoptedScheme
from tests.registre.conftest import form_data, make_entry, pdf_upload

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "pending", "verified", "other", "curator", "staff", "superuser"]

# name: expected status per role, in the order of ROLES. 302 for the anonymous visitor means
# « sent to log in »; for a permitted write it means « done, back to the entry ».
MATRIX = {
    #                   anon member pending verif. other curator staff super
    "index": (200, 200, 200, 200, 200, 200, 200, 200),
    "detail": (200, 200, 200, 200, 200, 200, 200, 200),
    "document": (200, 200, 200, 200, 200, 200, 200, 200),
    "withdrawn_detail": (404, 404, 404, 200, 404, 200, 404, 200),
    "withdrawn_document": (404, 404, 404, 200, 404, 200, 404, 200),
    "publish_get": (302, 403, 403, 200, 200, 403, 403, 403),
    "publish_post": (302, 403, 403, 302, 200, 403, 403, 403),
    "edit_get": (302, 403, 403, 200, 403, 403, 403, 403),
    "edit_post": (302, 403, 403, 302, 403, 403, 403, 403),
    "withdrawn_edit_get": (302, 404, 404, 200, 404, 403, 404, 403),
    "withdraw": (302, 403, 403, 302, 403, 403, 403, 403),
    "unpublish": (302, 403, 403, 403, 403, 302, 403, 302),
    "feed_rss": (200, 200, 200, 200, 200, 200, 200, 200),
    "feed_atom": (200, 200, 200, 200, 200, 200, 200, 200),
    "export_csv": (200, 200, 200, 200, 200, 200, 200, 200),
    "export_json": (200, 200, 200, 200, 200, 200, 200, 200),
    "json_schema": (200, 200, 200, 200, 200, 200, 200, 200),
    "search": (200, 200, 200, 200, 200, 200, 200, 200),
}
WRITES = {"publish_post", "edit_post", "withdraw", "unpublish"}


@pytest.fixture
def withdrawn(organisation, org_member):
    entry = make_entry(
        organisation, org_member, period_start=2019, period_end=2021, title="Ancien schéma"
    )
    services.withdraw(entry, org_member)
    return entry


def call(client, name, entry, withdrawn, organisation):
    base = f"/spaser-adoptes/{entry.pk}/"
    old = f"/spaser-adoptes/{withdrawn.pk}/"
    edit = form_data(title="Titre changé", period_start="2025", period_end="2027")
    calls = {
        "index": ("get", "/spaser-adoptes/", None),
        "detail": ("get", base, None),
        "document": ("get", entry.get_document_url(), None),
        "withdrawn_detail": ("get", old, None),
        "withdrawn_document": ("get", withdrawn.get_document_url(), None),
        "publish_get": ("get", "/spaser-adoptes/publier/", None),
        "publish_post": (
            "post",
            "/spaser-adoptes/publier/",
            {
                **form_data(organisation, period_start="2028", period_end="2030"),
                "document": pdf_upload(),
            },
        ),
        "edit_get": ("get", base + "modifier/", None),
        "edit_post": ("post", base + "modifier/", edit),
        "withdrawn_edit_get": ("get", old + "modifier/", None),
        "withdraw": ("post", base + "retirer/", {}),
        "unpublish": ("post", base + "depublier/", {"reason": "Le lien ne mène pas au schéma."}),
        "feed_rss": ("get", "/spaser-adoptes/flux.rss", None),
        "feed_atom": ("get", "/spaser-adoptes/flux.atom", None),
        "export_csv": ("get", "/spaser-adoptes/registre.csv", None),
        "export_json": ("get", "/spaser-adoptes/registre.json", None),
        "json_schema": ("get", "/spaser-adoptes/registre.schema.json", None),
        "search": ("get", "/recherche/", {"q": "achats responsables"}),
    }
    method, url, data = calls[name]
    if method == "post":
        return client.post(url, data)
    return client.get(url, data or {})


def snapshot():
    return sorted(
        AdoptedScheme.objects.values_list("pk", "title", "status", "period_start", "period_end")
    )


@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
@pytest.mark.parametrize("name", list(MATRIX))
def test_matrix(client, users, entry, withdrawn, organisation, name, index, role):
    if role != "anonymous":
        client.force_login(users[role])
    before = snapshot()
    response = call(client, name, entry, withdrawn, organisation)
    expected = MATRIX[name][index]
    assert response.status_code == expected, (name, role)
    if role == "anonymous" and expected == 302:
        assert response["Location"].startswith("/comptes/login/")
    if name in WRITES and expected != 302 or role == "anonymous":
        assert snapshot() == before, "a refused request wrote nothing"


def test_each_permitted_write_did_what_it_says(
    client, users, entry, withdrawn, organisation, other_organisation
):
    client.force_login(users["verified"])
    assert call(client, "edit_post", entry, withdrawn, organisation).status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Titre changé" and entry.updated_by == users["verified"]
    response = call(client, "publish_post", entry, withdrawn, organisation)
    assert response.status_code == 302
    new = AdoptedScheme.objects.get(period_start=2028)
    assert new.organisation == organisation and new.published_by == users["verified"]
    assert call(client, "withdraw", entry, withdrawn, organisation).status_code == 302
    entry.refresh_from_db()
    assert entry.status == AdoptedScheme.Status.WITHDRAWN

    client.force_login(users["curator"])
    call(client, "unpublish", new, withdrawn, organisation)
    new.refresh_from_db()
    assert new.status == AdoptedScheme.Status.UNPUBLISHED
    assert new.status_reason == "Le lien ne mène pas au schéma."
    assert new.status_changed_by == users["curator"]


def test_a_member_of_another_organisation_cannot_publish_for_it(client, other_member, organisation):
    client.force_login(other_member)
    response = client.post(
        "/spaser-adoptes/publier/", {**form_data(organisation), "document": pdf_upload()}
    )
    assert response.status_code == 200
    assert "Choisissez une organisation dont vous êtes membre vérifié" in html.unescape(
        response.content.decode()
    )
    assert not AdoptedScheme.objects.exists()


def test_the_site_map_lists_the_public_entries_only(client, entry, organisation, org_member):
    assert entry.get_absolute_url() in client.get("/sitemap.xml").content.decode()
    organisation.validated = False
    organisation.save()
    assert entry.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    organisation.validated = True
    organisation.save()
    services.withdraw(entry, org_member)
    assert entry.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_an_unvalidated_organisations_entry_is_nowhere_public(client, entry, organisation):
    organisation.validated = False
    organisation.save()
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert client.get(entry.get_document_url()).status_code == 404
    assert entry.title not in client.get("/spaser-adoptes/").content.decode()
    assert entry.title not in client.get("/spaser-adoptes/registre.json").content.decode()
    assert entry.title not in client.get("/spaser-adoptes/flux.atom").content.decode()


def test_a_withdrawn_entry_leaves_every_public_place(client, entry, org_member):
    url = entry.get_absolute_url()
    document_url = entry.get_document_url()
    for path in ("/spaser-adoptes/", url, "/spaser-adoptes/registre.csv"):
        client.get(path)  # cached for anonymous visitors
    services.withdraw(entry, org_member)
    assert client.get(url).status_code == 404
    assert client.get(document_url).status_code == 404
    for path in (
        "/spaser-adoptes/",
        "/spaser-adoptes/registre.csv",
        "/spaser-adoptes/registre.json",
        "/spaser-adoptes/flux.rss",
        "/spaser-adoptes/flux.atom",
    ):
        assert entry.title not in client.get(path).content.decode(), path


def test_the_document_is_served_only_under_its_own_name(client, entry):
    assert client.get(f"/spaser-adoptes/{entry.pk}/document/autre.pdf").status_code == 404
    response = client.get(entry.get_document_url())
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_documents_are_stored_outside_the_media_folder(entry, settings, registre_root):
    from pathlib import Path

    path = Path(entry.document.path).resolve()
    assert path.is_relative_to(Path(registre_root).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
