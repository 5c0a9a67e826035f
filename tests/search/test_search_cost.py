"""What keeps an uncached search cheap must never change what it finds: the kept searcher, the
kept facet tables and the one backend query per page."""

import shutil
import tempfile
from pathlib import Path

import pytest
from haystack import connections
from whoosh.sorting import Count, FieldFacet

from portal.search_backend import FrenchWhooshSearchBackend, _KeptTableFacet
from tests.fiches.factories import make_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    path = tempfile.mkdtemp(prefix="spaser-test-whoosh-")
    backend = FrenchWhooshSearchBackend("default", PATH=path)
    backend.setup()
    yield backend
    shutil.rmtree(path, ignore_errors=True)


def add(backend, *docs):
    names = set(backend.schema.names())
    writer = backend.index.writer()
    for doc in docs:
        fields = {
            "id": f"fiches.fichepage.{doc['pk']}",
            "django_ct": "fiches.fichepage",
            "django_id": str(doc["pk"]),
            "text": doc["text"],
            "title": doc["text"],
            "kind_exact": doc.get("kind", "fiche"),
            "themes_exact": ",".join(doc.get("themes", [])),
        }
        writer.update_document(**{key: value for key, value in fields.items() if key in names})
    writer.commit(merge=False)  # one segment per write, as a busy site has


def titles(backend, query):
    return sorted(result.title for result in backend.search(query)["results"])


def test_the_kept_searcher_sees_every_write_and_no_replaced_or_deleted_document(backend):
    add(backend, {"pk": 1, "text": "clause insertion"}, {"pk": 2, "text": "déchèterie"})
    assert titles(backend, "insertion") == ["clause insertion"]
    add(backend, {"pk": 1, "text": "clause insertion révisée"})
    assert titles(backend, "insertion") == ["clause insertion révisée"]
    backend.remove("fiches.fichepage.2")
    assert titles(backend, "déchèterie") == []
    assert backend.index.doc_count() == 1


def facet_counts(backend, facet_class, query):
    searcher = backend.index.searcher()
    facets = [
        facet_class(name, allow_overlap=True, maptype=Count)
        for name in ("kind_exact", "themes_exact")
    ]
    results = searcher.search(backend.parser.parse(query), groupedby=facets, limit=None)
    return {name: dict(results.groups(name)) for name in ("kind_exact", "themes_exact")}


def test_kept_facet_tables_count_as_whoosh_does_across_writes_and_deletions(backend):
    add(
        backend,
        {"pk": 1, "text": "insertion", "kind": "fiche", "themes": ["Social"]},
        {"pk": 2, "text": "insertion", "kind": "clause", "themes": ["Social", "Environnemental"]},
    )
    assert facet_counts(backend, _KeptTableFacet, "insertion") == facet_counts(
        backend, FieldFacet, "insertion"
    )
    add(backend, {"pk": 3, "text": "insertion", "kind": "clause", "themes": ["Environnemental"]})
    add(backend, {"pk": 1, "text": "insertion", "kind": "webinaire", "themes": []})
    backend.remove("fiches.fichepage.2")
    expected = facet_counts(backend, FieldFacet, "insertion")
    assert facet_counts(backend, _KeptTableFacet, "insertion") == expected
    assert expected["kind_exact"] == {"clause": 1, "webinaire": 1}


@pytest.fixture
def backend_calls(monkeypatch):
    search_backend = connections["default"].get_backend()
    calls = []
    original = search_backend.search

    def counting(query_string, **kwargs):
        calls.append(query_string)
        return original(query_string, **kwargs)

    monkeypatch.setattr(search_backend, "search", counting)
    return calls


def test_a_results_page_costs_one_backend_query(client, index_page, backend_calls):
    for number in range(12):
        make_fiche(index_page, f"Fiche insertion {number}")
    backend_calls.clear()
    response = client.get("/recherche/", {"q": "insertion", "page": "2"})
    assert len(backend_calls) == 1
    assert response.context["total"] == 12
    assert len(response.context["results"]) == 2
    assert response.context["page_obj"].number == 2
    assert {facet["value"] for facet in response.context["kind_facets"]} == {"fiche"}


@pytest.mark.parametrize("page", ["²", "٣", "0", "-1", "99999999999999999999", "abc"])
def test_odd_page_numbers_show_the_first_page(client, index_page, page):
    make_fiche(index_page, "Fiche insertion")
    response = client.get("/recherche/", {"q": "insertion", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert [result.title for result in response.context["results"]] == ["Fiche insertion"]


def test_a_search_after_the_index_files_vanished_finds_nothing_instead_of_failing(backend):
    add(backend, {"pk": 1, "text": "clause insertion"})
    assert titles(backend, "insertion") == ["clause insertion"]
    for path in Path(backend.path).iterdir():
        path.unlink()
    assert titles(backend, "insertion") == []
    add(backend, {"pk": 2, "text": "clause insertion"})
    assert titles(backend, "insertion") == ["clause insertion"]
