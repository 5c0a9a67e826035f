"""The Wagtail admin's CSV exports are inert (issue 21, reproduction 8)."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from ressources.registration import register
from tests.factories import UserFactory
from tests.ressources.factories import webinar, webinar_index

pytestmark = pytest.mark.django_db

PAYLOAD = "-2+3+cmd|' /C calc'!A0"


def _rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_webinar_registrations_export_neutralises_formulas(admin_client, home_page):
    member = UserFactory(username=PAYLOAD, first_name='=HYPERLINK("http://piege.invalid")')
    page = webinar(webinar_index(home_page), title="@SUM(A1:A9)")
    register(page, member)
    response = admin_client.get("/admin/snippets/ressources/webinarregistration/?export=csv")
    assert response.status_code == 200
    rows = _rows(response)
    cells = [cell for row in rows[1:] for cell in row]
    assert cells
    assert not any(cell.lstrip(" ").startswith(("=", "+", "-", "@")) for cell in cells), cells
    assert any(cell.startswith("'") for cell in cells)


def test_every_snippet_list_export_goes_through_the_helper(admin_client, home_page):
    """Any list export of the admin, present or future, is neutralised: walk them all."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    assert SpreadsheetExportMixin.portal_neutralises_csv
    view = SpreadsheetExportMixin()
    assert view.preprocess_field_value("name", "=1+1", "csv") == "'=1+1"
    assert view.preprocess_field_value("count", -3, "csv") == -3
    exporting = [model for model in get_snippet_models() if model.snippet_viewset.list_export]
    assert exporting  # the webinar registrations at least
    for model in exporting:
        url = model.snippet_viewset.get_url_name("list")
        assert admin_client.get(reverse(url), {"export": "csv"}).status_code == 200
