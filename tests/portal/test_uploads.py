"""Every upload point takes only its kinds of file, checked on content, under a size limit, and
says why in French: Wagtail documents and images, promotions' private documents. (The DECP
import has its own checks, tested in tests/diagnostic/test_views.py.)"""

import html
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from portal.uploads import validate_document_content
from promotions.models import PromotionDocument
from tests.promotions.factories import PromotionFactory
from tests.samples import (
    crowded_package,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    zip_bomb,
)

pytestmark = pytest.mark.django_db


EXE = b"MZ\x90\x00" + b"\x00" * 200
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"></svg>'

REFUSED_DOCUMENTS = [
    ("outil.exe", EXE, "exe\xa0» n’est pas autorisée. Les extensions autorisées sont"),
    ("fiche.pdf", EXE, "ne correspond pas à son extension « .pdf »"),
    ("fiche.pdf", b"<html><script>alert(1)</script></html>", "extension « .pdf »"),
    ("trame.docx", odt_bytes(), "ne correspond pas à son extension « .docx »"),
    ("trame.odt", docx_bytes(), "ne correspond pas à son extension « .odt »"),
    ("trame.odt", b"PK\x03\x04 not a zip", "ne correspond pas à son extension « .odt »"),
    ("donnees.csv", pdf_bytes(), "ne correspond pas à son extension « .csv »"),
    ("notes.txt", b"texte\x00binaire", "ne correspond pas à son extension « .txt »"),
]
ACCEPTED_DOCUMENTS = [
    ("fiche.pdf", pdf_bytes()),
    ("trame.docx", docx_bytes()),
    ("trame.odt", odt_bytes()),
    ("indicateurs.csv", "marché;montant\nVoirie;120 000\n".encode()),
]


def page_text(response):
    return html.unescape(response.content.decode())


# --- Wagtail documents ----------------------------------------------------------------------
def post_document(admin_client, name, content):
    return admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Document",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize("name, content, message", REFUSED_DOCUMENTS)
def test_wagtail_document_of_the_wrong_kind_is_refused(admin_client, name, content, message):
    response = post_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Document.objects.exists()


def test_wagtail_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = post_document(admin_client, "fiche.pdf", pdf_bytes() + b" " * 1000)
    assert response.status_code == 200
    assert "Ce fichier est trop gros" in page_text(response)
    assert not Document.objects.exists()


@pytest.mark.parametrize("name, content", ACCEPTED_DOCUMENTS)
def test_wagtail_document_of_an_allowed_kind_is_stored(admin_client, name, content):
    response = post_document(admin_client, name, content)
    assert response.status_code == 302
    assert Document.objects.get().file.read() == content


def test_wagtail_multiple_upload_checks_content_too(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("fiche.pdf", EXE)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "extension « .pdf »" in html.unescape(response.json()["error_message"])
    assert not Document.objects.exists()


# --- Wagtail images -------------------------------------------------------------------------
def post_image(admin_client, name, content):
    return admin_client.post(
        "/admin/images/add/",
        {
            "title": "Illustration",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("logo.svg", SVG, "Format d'image non supporté"),
        ("photo.png", EXE, "Téléversez une image valide"),
        ("photo.exe", png_bytes(), "Format d'image non supporté"),
    ],
)
def test_wagtail_image_of_the_wrong_kind_is_refused(admin_client, name, content, message):
    response = post_image(admin_client, name, content)
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Image.objects.exists()


def test_wagtail_image_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    response = post_image(admin_client, "photo.png", png_bytes((400, 300)))
    assert response.status_code == 200
    assert "Ce fichier est trop gros" in page_text(response)
    assert not Image.objects.exists()


def test_wagtail_image_is_stored(admin_client):
    assert post_image(admin_client, "photo.png", png_bytes()).status_code == 302
    assert Image.objects.get().width == 40


# --- Promotions' private documents ----------------------------------------------------------
@pytest.fixture
def promotion(settings, tmp_path):
    settings.PROMOTIONS_PRIVATE_ROOT = tmp_path / "private"
    return PromotionFactory()


def post_promotion_document(admin_client, promotion, name, content):
    return admin_client.post(
        "/admin/snippets/promotions/promotiondocument/add/",
        {
            "promotion": promotion.pk,
            "title": "Trame",
            "file": SimpleUploadedFile(name, content),
        },
    )


@pytest.mark.parametrize("name, content, message", REFUSED_DOCUMENTS)
def test_promotion_document_of_the_wrong_kind_is_refused(
    admin_client, promotion, name, content, message
):
    response = post_promotion_document(admin_client, promotion, name, content)
    assert response.status_code == 200
    assert message in page_text(response)
    assert not PromotionDocument.objects.exists()


def test_promotion_document_over_the_size_limit_is_refused(admin_client, promotion, settings):
    settings.PORTAL_DOCUMENT_MAX_UPLOAD = 1000
    content = pdf_bytes() + b" " * 1000
    response = post_promotion_document(admin_client, promotion, "fiche.pdf", content)
    assert response.status_code == 200
    assert "Ce fichier est trop volumineux (" in page_text(response)
    assert "la taille maximale est de 1000" in page_text(response)
    assert not PromotionDocument.objects.exists()


@pytest.mark.parametrize("name, content", ACCEPTED_DOCUMENTS)
def test_promotion_document_of_an_allowed_kind_is_stored(admin_client, promotion, name, content):
    response = post_promotion_document(admin_client, promotion, name, content)
    assert response.status_code == 302
    assert PromotionDocument.objects.get().file.read() == content


# --- One set of checks, wherever the upload comes from (issue 21, reproduction 3) -------------
@pytest.mark.parametrize("name, content, message", REFUSED_DOCUMENTS[1:])
def test_django_admin_document_upload_has_the_same_checks(admin_client, name, content, message):
    response = admin_client.post(
        "/django-admin/wagtaildocs/document/add/",
        {
            "title": "Document",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert message in page_text(response)
    assert not Document.objects.exists()


def test_the_model_itself_refuses_a_disguised_document():
    from django.core.exceptions import ValidationError

    document = Document(
        title="Faux PDF",
        collection=Collection.get_first_root_node(),
        file=SimpleUploadedFile("fake.pdf", b"<html><script>alert(1)</script></html>"),
    )
    with pytest.raises(ValidationError, match="extension"):
        document.full_clean()


def test_documents_are_never_served_from_the_media_folder(settings):
    from django.urls import resolve
    from django.urls.exceptions import Resolver404

    from portal.media_urls import media_patterns

    patterns = media_patterns()
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert patterns[0].resolve("media/images/photo.png") is not None
    assert patterns[0].resolve("media/documents/fiche.pdf") is None
    with pytest.raises(Resolver404):
        resolve("/media/documents/fiche.pdf")


# --- Crafted packages: the check's own work stays bounded -----------------------------------
def test_a_zip_bomb_is_refused_without_being_inflated():
    upload = SimpleUploadedFile("trame.odt", zip_bomb())
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            validate_document_content(upload)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "content_mismatch"
    assert peak < 4 * 1024 * 1024


def test_a_package_with_a_huge_directory_is_refused_before_it_is_read(monkeypatch):
    opened = []
    monkeypatch.setattr(
        zipfile.ZipFile, "_RealGetContents", lambda self: opened.append(self) or None
    )
    upload = SimpleUploadedFile("trame.docx", crowded_package())
    with pytest.raises(ValidationError) as refused:
        validate_document_content(upload)
    assert refused.value.code == "package_too_large"
    assert "trop d'éléments" in refused.value.messages[0]
    assert not opened  # zipfile never parsed the 60,000 entries
