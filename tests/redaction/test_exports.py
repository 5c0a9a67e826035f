"""The .docx, .odt and PDF exports, opened with python-docx, odfpy and a PDF text reader."""

import io
import time

import pytest

from tests.redaction.documents import HEADINGS, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def written(draft, org_member, clauses):
    insertion, dechets = clauses
    content = draft.data
    content["social"].update(objectifs="Insertion des publics éloignés.", clauses=[insertion.pk])
    content["ecologique"].update(objectifs="Sobriété.", clauses=[dechets.pk])
    content["indicateurs"]["env"].update(
        measure="nombre", baseline_year=2024, targets={"2026": "87.5", "2027": "100"}
    )
    content["indicateurs"]["esus"].update(measure="valeur", targets={"2028": "4.25"})
    draft.save_version(content, org_member, "social")
    return draft


def export(client, draft, fmt):
    response = client.get(f"/rediger/{draft.pk}/export.{fmt}")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert f'filename="spaser-metropole-d-exemple-sur-mer-2026-2028.{fmt}"' in disposition
    return response.content


def docx_text(content):
    from docx import Document

    document = Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return headings, paragraphs, tables


def test_docx_has_headings_toc_indicators_table_and_clauses(client, org_member, written, clauses):
    client.force_login(org_member)
    headings, paragraphs, tables = docx_text(export(client, written, "docx"))
    for heading in HEADINGS:
        assert heading in headings
    assert "Sommaire" in headings
    assert headings.index("Annexe : clauses types retenues") > headings.index(
        "Gouvernance et suivi"
    )
    (table,) = tables
    assert table[0] == ["Indicateur", "Mesure", "Référence", "2026", "2027", "2028"]
    env = next(
        row
        for row in table
        if row[0].startswith("Marchés comprenant au moins une considération env")
    )
    assert env[1:] == ["en nombre de marchés", "à préciser", "87,5 %", "100 %", "—"]
    esus = next(row for row in table if "ESUS" in row[0])
    assert esus[-1] == "4,25 %"
    for clause in clauses:
        assert clause.clause_text in paragraphs
        assert clause.title in headings
    assert "Source : http" in paragraphs


def test_odt_has_headings_table_and_clauses(client, org_member, written, clauses):
    from odf import teletype
    from odf.opendocument import load
    from odf.table import Table, TableRow
    from odf.text import H, P, TableOfContent

    client.force_login(org_member)
    document = load(io.BytesIO(export(client, written, "odt")))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    for heading in HEADINGS:
        assert heading in headings
    assert document.getElementsByType(TableOfContent)
    (table,) = document.getElementsByType(Table)
    rows = [
        [teletype.extractText(cell) for cell in row.childNodes]
        for row in table.getElementsByType(TableRow)
    ]
    assert rows[0][-3:] == ["2026", "2027", "2028"]
    assert any(row[3:] == ["87,5 %", "100 %", "—"] for row in rows)
    text = "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
    for clause in clauses:
        assert clause.clause_text in text


def test_pdf_has_headings_targets_and_clauses(client, org_member, written, clauses):
    client.force_login(org_member)
    content = export(client, written, "pdf")
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for heading in HEADINGS:
        assert heading in text
    assert "87,5 %" in text and "4,25 %" in text
    for clause in clauses:
        # multi_cell may wrap a long clause: compare without line breaks
        assert clause.clause_text.replace(" ", "") in text.replace("\n", "").replace(" ", "")


def test_export_of_a_draft_at_every_cap_stays_bounded(client, org_member, draft, clauses):
    content = draft.data
    long_text = ("Un objectif long et précis pour les achats responsables. " * 110)[:6000]
    for axis in ("social", "ecologique", "circulaire"):
        content[axis].update(objectifs=long_text, mise_en_oeuvre=long_text)
    content["contexte"].update(ambition=long_text, services=long_text[:2000])
    content["gouvernance"].update(pilotage=long_text, calendrier=long_text)
    draft.save_version(content, org_member, "contexte")
    client.force_login(org_member)
    for fmt in ("docx", "odt", "pdf"):
        started = time.process_time()
        export(client, draft, fmt)
        assert time.process_time() - started < 3, fmt


def test_an_unknown_format_is_a_404(client, org_member, draft):
    client.force_login(org_member)
    assert client.get(f"/rediger/{draft.pk}/export.exe").status_code == 404
