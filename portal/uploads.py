"""Checks for uploaded office documents: size, and content matching the extension.

An extension says nothing of what a file holds: a PDF must start like a PDF, a .docx must be the
Word package it claims to be, a .csv must be text. Used by Wagtail's documents
(portal.forms.DocumentForm) and by the promotions' private documents.
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
            with zipfile.ZipFile(upload) as package:
                names = set(package.namelist())
                if extension in OOXML_PARTS:
                    return OOXML_PARTS[extension] in names
                return "mimetype" in names and package.read("mimetype") == ODF_TYPES[extension]
        except (zipfile.BadZipFile, OSError, KeyError):
            return False
        finally:
            upload.seek(0)
    return False


def validate_document_content(upload):
    """The file's bytes are of the kind its extension names (one of DOCUMENT_EXTENSIONS)."""
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    if extension in DOCUMENT_EXTENSIONS and not _matches(upload, extension):
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
