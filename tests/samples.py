"""Small real files of each kind the portal accepts, made in memory for upload tests."""

import io

from docx import Document as DocxDocument
from fpdf import FPDF
from odf.opendocument import OpenDocumentText
from PIL import Image as PillowImage


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
