"""CSV and PDF exports of a report. No Django import (csv module and fpdf2)."""

import io

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from portal.csv_safe import SafeWriter

from .amounts import format_amount


def _pct(value):
    return "" if value is None else f"{value}".replace(".", ",")


def rows(report):
    """(rubrique, élément, valeur, maximum ou cible) rows shared by the CSV and the PDF."""
    a, v, s = report.answers, report.verdict, report.score
    out = [
        ("Organisation", "Nom", report.organisation_name or "(non enregistré)", ""),
        ("Organisation", "Type", a.org_type, ""),
        ("Organisation", "Catégorie d'acheteur", v.category_label or "non précisée", ""),
        ("Organisation", "Année des achats", a.year, ""),
        ("Organisation", "Montant des achats (€ HT)", f"{a.spending}".replace(".", ","), ""),
        ("Obligation", "Verdict", "Obligé" if v.obliged else "Non obligé", ""),
        ("Obligation", "Seuil", v.threshold.label, v.threshold.applies_from),
        ("Obligation", "Source", v.threshold.source, ""),
        ("Score", "Total", s.total, 100),
    ]
    for section in s.sections:
        for item in section.items:
            out.append((section.label, item.label, _pct(item.points), item.max_points))
    for row in report.indicators:
        out.append(("Indicateurs", row.label, _pct(row.share), _pct(row.target)))
    for recommendation in report.recommendations:
        out.append(
            (
                f"Recommandations ({recommendation.nature_label})",
                recommendation.title,
                recommendation.text,
                "; ".join(ref.label for ref in recommendation.references),
            )
        )
    return out


def to_csv(report):
    """A UTF-8 CSV (with BOM, ';' separated) that spreadsheet software opens directly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeWriter(buffer)
    writer.writerow(["Rubrique", "Élément", "Valeur", "Maximum ou cible"])
    for row in rows(report):
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


_REPLACEMENTS = {"\u202f": " ", "\u00a0": " ", "≥": ">=", "≤": "<=", "→": "->", "\u2011": "-"}


def _text(value):
    text = str(value)
    for char, replacement in _REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("cp1252", "replace").decode("cp1252")


def to_pdf(report, compress=True):
    """An A4 PDF summary: verdict, score breakdown, indicators and recommendations."""
    a, v, s = report.answers, report.verdict, report.score
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "cp1252"
    pdf.set_compression(compress)
    title = f"Autodiagnostic SPASER {a.year}"
    if report.organisation_name:
        title += f" - {report.organisation_name}"
    pdf.set_title(_text(title))
    pdf.set_creator("Entraide SPASER")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def heading(text, size=13):
        pdf.ln(3)
        pdf.set_font("helvetica", "B", size)
        pdf.multi_cell(width, 7, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("helvetica", "", 10)

    def paragraph(text):
        pdf.multi_cell(width, 5, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    heading(title, 16)
    paragraph(
        f"Type d'organisation : {a.org_type or 'non précisé'} - achats {a.year} : "
        f"{format_amount(a.spending)} HT"
    )
    heading("Obligation d'adopter un SPASER")
    paragraph(("Obligé. " if v.obliged else "Non obligé. ") + v.explanation)
    paragraph(v.rule)
    paragraph(f"Source : {v.threshold.source}.")
    for note in v.notes:
        paragraph(note)
    heading(f"Score : {s.total} / 100")
    for section in s.sections:
        pdf.set_font("helvetica", "B", 10)
        paragraph(f"{section.label} : {section.points} / {section.max_points}")
        pdf.set_font("helvetica", "", 10)
        for item in section.items:
            detail = f" ({item.detail})" if item.detail else ""
            paragraph(f"  - {item.label} : {item.points} / {item.max_points}{detail}")
    heading("Indicateurs")
    for row in report.indicators:
        share = "inconnu" if row.share is None else f"{_pct(row.share)} %"
        target = "" if row.target is None else f" - cible {_pct(row.target)} %"
        national = (
            "" if row.national is None else f" - objectif 2025 du PNAD {_pct(row.national)} %"
        )
        paragraph(f"- {row.label} : {share}{target}{national}")
    if report.recommendations:
        heading("Recommandations")
        for recommendation in report.recommendations:
            pdf.set_font("helvetica", "B", 10)
            paragraph(f"[{recommendation.nature_label}] {recommendation.title}")
            pdf.set_font("helvetica", "", 10)
            paragraph(recommendation.text)
            if recommendation.scope:
                paragraph(f"Champ : {recommendation.scope}")
            if recommendation.sources:
                refs = "; ".join(ref.label for ref in recommendation.references)
                paragraph(f"Sources : {refs}.")
    return bytes(pdf.output())
