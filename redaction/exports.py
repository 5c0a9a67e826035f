"""A SPASER document (redaction.document) as .docx (python-docx), .odt (odfpy) and PDF (fpdf2).

No Django import. Each writer walks the same `Document`: title, table of contents, sections with
their headings, the indicators table, and the annex with each clause's full text and source."""

import io

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_CONTENT_TYPE = "application/vnd.oasis.opendocument.text"
PDF_CONTENT_TYPE = "application/pdf"
TOC_HEADING = "Sommaire"


# --- .docx ----------------------------------------------------------------------------------


def _docx_toc_field(document):
    """A Word table-of-contents field (Word fills in page numbers when the file is opened)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(separate)
    return paragraph, run, end


def to_docx(doc):
    from docx import Document as DocxDocument
    from docx.shared import Pt

    document = DocxDocument()
    document.core_properties.title = doc.title
    document.core_properties.language = "fr-FR"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading(doc.title, level=0)
    document.add_paragraph(doc.subtitle).runs[0].italic = True

    document.add_heading(TOC_HEADING, level=1)
    paragraph, run, end = _docx_toc_field(document)
    # Until Word refreshes the field, it shows the headings as typed here.
    run.add_text("; ".join(text for level, text in doc.headings() if level == 1))
    run._r.append(end)

    for section in doc.sections:
        _docx_section(document, doc, section, 1)
    if doc.annex:
        from .document import ANNEX_HEADING

        document.add_page_break()
        document.add_heading(ANNEX_HEADING, level=1)
        for clause in doc.annex:
            document.add_heading(clause.title, level=2)
            document.add_paragraph(clause.description).runs[0].italic = True
            for block in _blocks(clause.text):
                document.add_paragraph(block)
            document.add_paragraph(f"Source : {clause.source}").runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_section(document, doc, section, level):
    document.add_heading(section.heading, level=level)
    for block in section.paragraphs:
        document.add_paragraph(block)
    for bullet in section.bullets:
        document.add_paragraph(bullet, style="List Bullet")
    if section.table:
        table = document.add_table(rows=1, cols=len(doc.table_header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, doc.table_header, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for row in doc.table_rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    for sub in section.subsections:
        _docx_section(document, doc, sub, level + 1)


def _blocks(text):
    from .document import paragraphs

    return paragraphs(text)


# --- .odt -----------------------------------------------------------------------------------


def to_odt(doc):
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import (
        H,
        IndexBody,
        IndexTitle,
        List,
        ListItem,
        P,
        TableOfContent,
        TableOfContentSource,
    )

    document = OpenDocumentText()
    from odf.dc import Title

    document.meta.addElement(Title(text=doc.title))

    def style(name, family, parent=None, **text):
        element = Style(name=name, family=family, **({"parentstylename": parent} if parent else {}))
        if text:
            element.addElement(TextProperties(**text))
        document.styles.addElement(element)
        return element

    title_style = style("Title", "paragraph", fontsize="20pt", fontweight="bold")
    headings = {
        1: style("Heading_20_1", "paragraph", fontsize="16pt", fontweight="bold"),
        2: style("Heading_20_2", "paragraph", fontsize="13pt", fontweight="bold"),
        3: style("Heading_20_3", "paragraph", fontsize="11pt", fontweight="bold"),
    }
    for level, element in headings.items():
        element.setAttribute("displayname", f"Heading {level}")
        element.addElement(ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
    italic = style("Italic", "paragraph", fontstyle="italic")
    bold = style("TableHeading", "paragraph", fontweight="bold")
    cell_style = Style(name="Cell", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    document.automaticstyles.addElement(cell_style)

    def paragraph(text, element_style=None, parent=None):
        element = P(stylename=element_style) if element_style else P()
        teletype.addTextToElement(element, text)
        (parent or document.text).addElement(element)

    def heading(text, level):
        element = H(outlinelevel=level, stylename=headings[min(level, 3)])
        teletype.addTextToElement(element, text)
        document.text.addElement(element)

    paragraph(doc.title, title_style)
    paragraph(doc.subtitle, italic)

    toc = TableOfContent(name="Sommaire")
    toc.addElement(TableOfContentSource(outlinelevel=2))
    body = IndexBody()
    index_title = IndexTitle(name="Sommaire_titre")
    paragraph(TOC_HEADING, headings[1], index_title)
    body.addElement(index_title)
    for level, text in doc.headings():
        paragraph(("    " if level > 1 else "") + text, None, body)
    toc.addElement(body)
    document.text.addElement(toc)

    def section_out(section, level):
        heading(section.heading, level)
        for block in section.paragraphs:
            paragraph(block)
        if section.bullets:
            bullets = List()
            for bullet in section.bullets:
                item = ListItem()
                paragraph(bullet, None, item)
                bullets.addElement(item)
            document.text.addElement(bullets)
        if section.table:
            columns = len(doc.table_header)
            table = Table(name="Indicateurs")
            column_style = Style(name="IndicatorColumn", family="table-column")
            column_style.addElement(TableColumnProperties(columnwidth="2.5cm"))
            document.automaticstyles.addElement(column_style)
            table.addElement(TableColumn(numbercolumnsrepeated=columns, stylename=column_style))
            for index, row in enumerate([doc.table_header] + doc.table_rows):
                table_row = TableRow()
                for text in row:
                    cell = TableCell(valuetype="string", stylename=cell_style)
                    paragraph(text, bold if index == 0 else None, cell)
                    table_row.addElement(cell)
                table.addElement(table_row)
            document.text.addElement(table)
        for sub in section.subsections:
            section_out(sub, level + 1)

    for section in doc.sections:
        section_out(section, 1)
    if doc.annex:
        from .document import ANNEX_HEADING

        heading(ANNEX_HEADING, 1)
        for clause in doc.annex:
            heading(clause.title, 2)
            paragraph(clause.description, italic)
            for block in _blocks(clause.text):
                paragraph(block)
            paragraph(f"Source : {clause.source}", italic)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------

_REPLACEMENTS = {"\u202f": " ", "\u00a0": " ", "≥": ">=", "≤": "<=", "→": "->", "\u2011": "-"}


def _cp1252(value):
    text = str(value)
    for char, replacement in _REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("cp1252", "replace").decode("cp1252")


def to_pdf(doc, compress=True):
    """An A4 PDF: title page with the table of contents, sections, the indicators table, annex."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from .document import ANNEX_HEADING

    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "cp1252"
    pdf.set_compression(compress)
    pdf.set_title(_cp1252(doc.title))
    pdf.set_lang("fr-FR")
    pdf.set_creator("Entraide SPASER")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def text_block(text, size=10, style="", height=5):
        pdf.set_font("helvetica", style, size)
        pdf.multi_cell(width, height, _cp1252(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(text, level):
        pdf.ln(3 if level > 1 else 5)
        pdf.start_section(_cp1252(text), level=level - 1)
        text_block(text, {1: 14, 2: 12}.get(level, 11), "B", 7)
        pdf.set_font("helvetica", "", 10)

    text_block(doc.title, 18, "B", 9)
    text_block(doc.subtitle, 11, "I", 6)
    pdf.ln(4)
    text_block(TOC_HEADING, 13, "B", 7)
    for level, text in doc.headings():
        text_block(("      " if level > 1 else "") + text, 10, "" if level > 1 else "B")

    def section_out(section, level):
        heading(section.heading, level)
        for block in section.paragraphs:
            text_block(block)
            pdf.ln(1)
        for bullet in section.bullets:
            text_block(f"- {bullet}")
        if section.table:
            pdf.ln(2)
            pdf.set_font("helvetica", "", 8)
            years = len(doc.table_header) - 3
            widths = (40, 30, 20) + (10,) * years
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=4) as table:
                for row in [doc.table_header] + doc.table_rows:
                    cells = table.row()
                    for text in row:
                        cells.cell(_cp1252(text))
            pdf.set_font("helvetica", "", 10)
        for sub in section.subsections:
            section_out(sub, level + 1)

    for section in doc.sections:
        section_out(section, 1)
    if doc.annex:
        pdf.add_page()
        heading(ANNEX_HEADING, 1)
        for clause in doc.annex:
            heading(clause.title, 2)
            text_block(clause.description, 9, "I")
            for block in _blocks(clause.text):
                text_block(block)
                pdf.ln(1)
            text_block(f"Source : {clause.source}", 9, "I")
    return bytes(pdf.output())
