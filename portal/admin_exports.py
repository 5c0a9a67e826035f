"""Every CSV the Wagtail admin exports is inert, like the portal's own exports (portal.csv_safe).

Wagtail writes the list exports of snippets and models, reports and form submissions through one
method, `SpreadsheetExportMixin.preprocess_field_value`; its XLSX export already keeps formulas
as text, its CSV export writes cells as they are. `install()` (called once, from the portal's
AppConfig.ready) wraps that method so each CSV text cell goes through `csv_safe.neutralise`.
"""

from .csv_safe import neutralise


def install():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "portal_neutralises_csv", False):
        return
    wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = wagtail_preprocess(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(value)
        return value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.portal_neutralises_csv = True
