import io
import zipfile

import pytest
from docx import Document

from . import factories

pytestmark = pytest.mark.django_db

TEXT = (
    "Article X – Clause d'insertion\n\n"
    "Le titulaire réserve au moins 5 % des heures travaillées à des personnes en insertion."
)


@pytest.fixture
def insertion_clause(clause_index):
    return factories.clause(
        clause_index, title="Clause d'insertion par l'activité économique", clause_text=TEXT
    )


def test_docx_download_opens_in_a_word_processor(client, insertion_clause):
    response = client.get(f"{insertion_clause.url}docx/")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="{insertion_clause.slug}.docx"'
    )
    # The slug already says « clause »: the file name does not repeat it.
    assert insertion_clause.slug.startswith("clause-")
    document = Document(io.BytesIO(response.content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[0] == "Clause d'insertion par l'activité économique"
    assert "Article X – Clause d'insertion" in paragraphs
    assert any("5 % des heures travaillées" in text for text in paragraphs)
    assert any("L2112-2" in text for text in paragraphs)


def test_odt_download_is_an_opendocument(client, insertion_clause):
    response = client.get(f"{insertion_clause.url}odt/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert response["Content-Disposition"].endswith(f'="{insertion_clause.slug}.odt"')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    content = archive.read("content.xml").decode()
    assert "5 % des heures travaillées à des personnes en insertion." in content
    assert "Clause d&apos;insertion par l&apos;activité économique" in content or (
        "Clause d'insertion par l'activité économique" in content
    )
