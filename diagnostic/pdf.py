"""The self-assessment's PDF: the result page's content and charts, as an accessible PDF.

WeasyPrint renders an HTML document (its own print template, the same SVG charts as the page)
into a tagged PDF of the PDF/UA-1 variant: a structure tree (headings, paragraphs, lists, tables
with their header cells, figures), the document's language from `<html lang>` and its title
from `<title>` shown as the window title (RGAA 13.3: a downloadable document is accessible).
WeasyPrint needs Pango (Debian's libpango-1.0-0), present with the Debian desktop libraries.
It is imported when a PDF is asked for, not with the views: it weighs about 44 MB in every server
process that loads it, and most never render a PDF (tests/portal/test_worker_memory.py).
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from portal import legal

PDF_VARIANT = "pdf/ua-1"


def title_of(report):
    title = f"Autodiagnostic SPASER {report.answers.year}"
    if report.organisation_name:
        title += f" — {report.organisation_name}"
    return title


def render(report, benchmark=None, version=None):
    """The PDF of `report` (a diagnostic.report.Report), as bytes: a document an organisation
    can hand to its elected officials — a summary first, then the verdict, the score and the
    indicators with their charts, the anonymous comparison (`benchmark`, as on the page), the
    recommendations and the method. `version`: the saved assessment, if any."""
    # diagnostic.charts escapes the text it draws: its SVG is safe markup.
    charts = {key: mark_safe(svg) for key, svg in report.charts.items()}
    html = render_to_string(
        "diagnostic/report_pdf.html",
        {
            "report": report,
            "charts": charts,
            "benchmark": benchmark,
            "version": version,
            "title": title_of(report),
            "lang": translation.get_language() or "fr",
            "edited_on": timezone.localdate(),
            "legal_reviewed_on": legal.REVIEWED_ON,
        },
    )
    from weasyprint import HTML

    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
