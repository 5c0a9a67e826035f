"""CSV that spreadsheet software opens as inert text (OWASP « CSV injection »).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula
by Excel and LibreOffice, also after leading spaces. Every text cell of every export goes through
:func:`neutralise`; numbers are written as they are, so a negative amount stays a number. No Django
import: the diagnostic's pure exports use it too.
"""

import csv

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """The cell as a spreadsheet must show it: text that could start a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str):
        return value
    if value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer whose every row is neutralised; ';' separated by default (French spreadsheets)."""

    def __init__(self, stream, delimiter=";", **kwargs):
        self._writer = csv.writer(stream, delimiter=delimiter, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


class NeutralisedSpreadsheetExportMixin:
    """For a Wagtail admin view with `list_export`: its CSV cells go through `neutralise` too
    (Wagtail's XLSX export already writes formulas as text)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
