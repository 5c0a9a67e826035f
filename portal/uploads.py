"""Checks for uploaded office documents: size, and content matching the extension.

An extension says nothing of what a file holds: a PDF must start like a PDF, a .docx must be the
Word package it claims to be, a .csv must be text. Used by Wagtail's documents
(portal.forms.DocumentForm), the promotions' private documents, the registry and the shared
documents.

A package is checked without trusting it: its directory is measured before zipfile reads it
whole, and no member is inflated beyond the few bytes compared (a 1 MB zip bomb holds 1 GB).
"""

import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DOCUMENT_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"]
# Office Open XML packages and the member each one must contain.
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
# OpenDocument packages and their first member, `mimetype`.
ODF_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"csv", "txt"}
SNIFF_BYTES = 64 * 1024
# The central directory, which zipfile parses entry by entry when it opens a package: 1 MB lists
# some 10,000 members, far more than an office document has (a long .pptx: a few hundred), and
# takes a few hundredths of a second to read; 60,000 members (a 3 MB directory in a 5 MB file)
# took 0.5 s of CPU and 32 MB.
MAX_DIRECTORY_BYTES = 1024 * 1024


class PackageTooLarge(Exception):
    pass


def _open_package(upload):
    """The zip package, once its end record (zip64 included, read as ZipFile itself reads it)
    announces a directory of at most MAX_DIRECTORY_BYTES."""
    end_record = zipfile._EndRecData(upload)
    if end_record is None:
        raise zipfile.BadZipFile
    if end_record[zipfile._ECD_SIZE] > MAX_DIRECTORY_BYTES:
        raise PackageTooLarge
    return zipfile.ZipFile(upload)


def _matches(upload, extension):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if extension == "pdf":
        return filetype.guess_extension(head) == "pdf"
    if extension in TEXT_EXTENSIONS:
        return b"\x00" not in head and filetype.guess(head) is None
    if extension in OOXML_PARTS or extension in ODF_TYPES:
        try:
            with _open_package(upload) as package:
                names = set(package.namelist())
                if extension in OOXML_PARTS:
                    return OOXML_PARTS[extension] in names
                if "mimetype" not in names:
                    return False
                expected = ODF_TYPES[extension]
                with package.open("mimetype") as member:
                    return member.read(len(expected) + 1) == expected
        except PackageTooLarge:
            raise
        except Exception:  # a corrupt member raises what its codec raises (zlib, lzma, bz2…)
            return False
        finally:
            upload.seek(0)
    return False


def validate_document_content(upload):
    """The file's bytes are of the kind its extension names (one of DOCUMENT_EXTENSIONS)."""
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension not in DOCUMENT_EXTENSIONS:
        return
    try:
        matches = _matches(upload, extension)
    except PackageTooLarge:
        raise ValidationError(
            _(
                "Ce fichier contient trop d'éléments pour un document bureautique. Enregistrez-le "
                "à nouveau depuis votre logiciel, puis réessayez."
            ),
            code="package_too_large",
        ) from None
    if not matches:
        raise ValidationError(
            _(
                "Le contenu de ce fichier ne correspond pas à son extension « .%(extension)s ». "
                "Enregistrez-le à nouveau dans ce format, puis réessayez."
            )
            % {"extension": extension},
            code="content_mismatch",
        )


def validate_document_size(upload):
    """At most settings.PORTAL_DOCUMENT_MAX_UPLOAD bytes."""
    limit = settings.PORTAL_DOCUMENT_MAX_UPLOAD
    if upload.size > limit:
        raise ValidationError(
            _("Ce fichier est trop volumineux (%(size)s) : la taille maximale est de %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def validate_new_document(value):
    """The checks of a Wagtail document's file at the model level, whatever form sent it (Wagtail
    admin, Django admin, any other): size and content of a new upload; a stored file is not read
    again."""
    if value and not getattr(value, "_committed", True):
        validate_document_size(value)
        validate_document_content(value)


def attach_document_validators():
    """Puts `validate_new_document` on the document model's file field (called from the portal's
    AppConfig.ready). Added as the field's default validators, which migrations do not record, so
    Wagtail's own model gets them without a migration of Wagtail's app."""
    from wagtail.documents import get_document_model

    field = get_document_model()._meta.get_field("file")
    if validate_new_document not in field.default_validators:
        field.default_validators = [*field.default_validators, validate_new_document]
        field.__dict__.pop("validators", None)  # a cached_property
