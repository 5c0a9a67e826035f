"""Every URL of the shared documents for every role: anonymous visitor, member without an
organisation, pending member, verified member of another organisation, the contributor (owner),
curator, staff (status alone), superuser — reserved documents included in search, feeds, the
site map and downloads."""

import json

import pytest
from django.test import override_settings

from partage.models import SharedDocument, Status

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "pending", "verified", "owner", "curator", "staff", "superuser"]
READS_RESERVED = {"verified", "owner", "curator", "superuser"}
SEES_PENDING = {"owner", "curator", "superuser"}
CONTRIBUTES = {"verified", "owner"}
CURATES = {"curator", "superuser"}


def login(client, users, role):
    if users[role] is not None:
        client.force_login(users[role])


def expected_read(role, allowed):
    return 200 if role in allowed else 404


@pytest.fixture
def world(public_document, reserved_document, pending_document):
    return {"public": public_document, "reserved": reserved_document, "pending": pending_document}


@pytest.mark.parametrize("role", ROLES)
def test_listing_feed_and_site_map(client, users, world, role):
    login(client, users, role)
    reserved = world["reserved"].title
    listing = client.get("/documents-partages/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert world["public"].title.replace("'", "&#x27;") in page
    assert (reserved in page) == (role in READS_RESERVED), role
    assert world["pending"].title not in page
    feed = client.get("/documents-partages/flux.atom")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "propreté urbaine" in body and reserved not in body
    assert world["pending"].title not in body
    site_map = client.get("/sitemap.xml").content.decode()
    assert world["public"].get_absolute_url() in site_map
    assert world["reserved"].get_absolute_url() not in site_map
    assert world["pending"].get_absolute_url() not in site_map


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["public", "reserved", "pending"])
def test_detail_and_download(client, users, world, role, which):
    login(client, users, role)
    document = world[which]
    allowed = (
        set(ROLES) if which == "public" else READS_RESERVED if which == "reserved" else SEES_PENDING
    )
    expected = expected_read(role, allowed)
    assert client.get(document.get_absolute_url()).status_code == expected, (role, which)
    response = client.get(document.get_download_url())
    assert response.status_code == expected, (role, which)
    if expected == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        assert response["Content-Disposition"].startswith("attachment")
        if which != "public":
            assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("role", ROLES)
def test_search_and_autocomplete(client, users, world, role):
    login(client, users, role)
    with override_settings(PAGE_CACHE_SECONDS=0):
        response = client.get("/recherche/", {"q": "girafe"})
        titles = [result.title for result in response.context["results"]]
        assert (world["reserved"].title in titles) == (role in READS_RESERVED), role
        assert response.context["total"] == len(titles), "the total counts what is shown only"
        completion = client.get("/recherche/autocomplete/", {"q": "Cahier des"})
        found = [hit["title"] for hit in json.loads(completion.content)["results"]]
        assert (world["reserved"].title in found) == (role in READS_RESERVED), role
        public = client.get("/recherche/", {"q": "propreté urbaine"})
        assert world["public"].title in [r.title for r in public.context["results"]]


@pytest.mark.parametrize("role", ROLES)
def test_contribute(client, users, world, role):
    login(client, users, role)
    response = client.get("/documents-partages/proposer/")
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/comptes/login/")
    else:
        assert response.status_code == (200 if role in CONTRIBUTES else 403), role
    before = SharedDocument.objects.count()
    response = client.post("/documents-partages/proposer/", {"title": "Intrus"})
    if role in CONTRIBUTES:
        assert response.status_code == 200  # the form, with its errors
    elif role != "anonymous":
        assert response.status_code == 403
    assert SharedDocument.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_my_contributions(client, users, world, role):
    login(client, users, role)
    response = client.get("/documents-partages/mes-contributions/")
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Guide en relecture" in page) == (role == "owner"), role


@pytest.mark.parametrize("role", ROLES)
def test_withdraw(client, users, world, role):
    login(client, users, role)
    document = world["public"]
    response = client.post(f"/documents-partages/{document.pk}/retirer/")
    document.refresh_from_db()
    if role == "owner":
        assert response.status_code == 302
        assert document.status == Status.WITHDRAWN
    else:
        assert response.status_code == (302 if role == "anonymous" else 404), role
        assert document.status == Status.PUBLISHED
    assert client.get(f"/documents-partages/{document.pk}/retirer/").status_code in (302, 405)


@pytest.mark.parametrize("role", ROLES)
def test_queue_and_decisions(client, users, world, role):
    login(client, users, role)
    pending = world["pending"]
    urls = ["/documents-partages/a-relire/", f"/documents-partages/a-relire/{pending.pk}/"]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == (200 if role in CURATES else 403), (role, url)
    response = client.post(urls[1] + "publier/", {"reliability": "reseau"})
    pending.refresh_from_db()
    if role in CURATES:
        assert response.status_code == 302
        assert pending.status == Status.PUBLISHED and pending.reliability == "reseau"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert pending.status == Status.PENDING
    response = client.post(
        f"/documents-partages/a-relire/{world['reserved'].pk}/refuser/", {"reason": "Hors sujet"}
    )
    world["reserved"].refresh_from_db()
    assert (world["reserved"].status == Status.REFUSED) == (role in CURATES)


def test_the_file_is_never_served_from_a_media_address(reserved_document, public_document):
    """The files are stored under the media folder's `documents/`, which neither the
    development server nor the proxy serves (portal.media_urls)."""
    from portal.media_urls import DOCUMENTS_FOLDER, media_patterns

    for document in (reserved_document, public_document):
        assert document.file.name.startswith(f"{DOCUMENTS_FOLDER}partage/")
        path = document.file.url.removeprefix("/")
        assert all(pattern.resolve(path) is None for pattern in media_patterns()), path
    assert any(pattern.resolve("media/images/photo.png") for pattern in media_patterns())
    assert reserved_document.file.name.split("/")[2] != public_document.file.name.split("/")[2]
