"""Small real files of each kind the portal accepts, and crafted ones it must refuse without
harm, made in memory for upload tests and benchmarks."""

import io
import zipfile

from docx import Document as DocxDocument
from fpdf import FPDF
from odf.opendocument import OpenDocumentText
from PIL import Image as PillowImage

from portal.uploads import ODF_TYPES


def pdf_bytes():
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def docx_bytes():
    buffer = io.BytesIO()
    DocxDocument().save(buffer)
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    OpenDocumentText().write(buffer)
    return buffer.getvalue()


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, "#000091").save(buffer, "PNG")
    return buffer.getvalue()


def zip_bomb(uncompressed=256 * 1024 * 1024):
    """An OpenDocument package whose `mimetype` member inflates from 250 KB to 256 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("mimetype", "w", force_zip64=True) as member:
            member.write(ODF_TYPES["odt"])
            chunk = bytes(1024 * 1024)
            for _ in range(uncompressed // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def crowded_package(members=60_000):
    """A 5 MB .docx whose directory lists 60,000 empty members (and the one a .docx needs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("word/document.xml", b"<w:document/>")
        for number in range(members):
            package.writestr(zipfile.ZipInfo(f"m/{number}"), b"")
    return buffer.getvalue()
