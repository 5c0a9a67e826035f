"""CSV export of a report. No Django import (csv module). The PDF is diagnostic.pdf."""

import io

from portal.csv_safe import SafeWriter


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
