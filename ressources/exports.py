"""A clause as a word-processing document, generated on the fly (.docx and .odt)."""

import io

from django.utils import formats
from django.utils.translation import gettext as _

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_CONTENT_TYPE = "application/vnd.oasis.opendocument.text"


def _paragraphs(text):
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def _reference(clause):
    parts = [
        _("Clause %(type)s — %(kind)s")
        % {"type": clause.get_clause_type_display(), "kind": clause.get_kind_display()},
        _("Fondement : article %(article)s du code de la commande publique")
        % {"article": clause.legal_basis},
    ]
    if clause.legal_text_date:
        parts.append(
            _("À jour du texte en vigueur au %(date)s")
            % {"date": formats.date_format(clause.legal_text_date, "j F Y")}
        )
    return parts


def clause_docx(clause):
    from docx import Document

    document = Document()
    document.core_properties.title = clause.title
    document.core_properties.language = "fr-FR"
    document.add_heading(clause.title, level=1)
    for line in _reference(clause):
        document.add_paragraph(line).runs[0].italic = True
    for paragraph in _paragraphs(clause.clause_text):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def clause_odt(clause):
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.meta.addElement(_meta_title(clause.title))
    document.text.addElement(H(outlinelevel=1, text=clause.title))
    for line in _reference(clause):
        document.text.addElement(P(text=line))
    for paragraph in _paragraphs(clause.clause_text):
        element = P()
        teletype.addTextToElement(element, paragraph)
        document.text.addElement(element)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _meta_title(title):
    from odf.dc import Title

    return Title(text=title)
