import io
import json

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from haystack import connections
from haystack.query import SearchQuerySet
from wagtail.models import PageViewRestriction

from fiches.models import FichePage
from portal.models import PendingIndexUpdate
from portal.search import sync_or_queue
from tests.factories import ThemeFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.ressources.factories import clause, clause_index
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


def paragraph(html):
    return json.dumps([{"type": "paragraph", "value": html}])


def found(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return [result.title for result in response.context.get("results", [])]


@pytest.fixture
def fiches(index_page):
    social, env = ThemeFactory(name="Social"), ThemeFactory(name="Environnemental")
    return {
        "insertion": make_fiche(
            index_page,
            "Travaux de voirie",
            intro="Les clauses d'insertion réservent des heures aux personnes éloignées de l'emploi.",
            body=paragraph("<p>Les acheteurs travaillent avec le facilitateur.</p>"),
            themes=[social],
        ),
        "dechets": make_fiche(
            index_page,
            "Déchets et eau",
            body=paragraph(
                "<p>Les acheteurs créent une zone de réemploi dans chaque déchèterie.</p>"
            ),
            themes=[env],
        ),
        "resto": make_fiche(
            index_page,
            "Restauration collective",
            intro="Produits durables, bio et lutte contre le gaspillage.",
            body=paragraph("<p>Les acheteurs allotissent par famille de produits.</p>"),
            themes=[env, social],
        ),
    }


def test_french_stemming_finds_plurals_and_elisions(client, fiches):
    assert found(client, "insertion") == ["Travaux de voirie"]
    assert found(client, "clause d'insertion") == ["Travaux de voirie"]
    assert found(client, "heure") == ["Travaux de voirie"]  # indexed as « heures »
    assert "Restauration collective" in found(client, "durable")


def test_accents_are_folded(client, fiches):
    assert found(client, "decheterie") == ["Déchets et eau"]
    assert found(client, "DÉCHÈTERIES") == ["Déchets et eau"]
    assert found(client, "reemploi") == ["Déchets et eau"]


def test_results_have_a_highlighted_escaped_excerpt(client, index_page):
    make_fiche(
        index_page,
        "Piège",
        intro="Une clause <script>alert(1)</script> d'insertion.",
        body=paragraph("<p>Rien.</p>"),
    )
    response = client.get("/recherche/", {"q": "insertion"})
    html = response.content.decode()
    assert "<mark>insertion</mark>" in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_excerpts_show_apostrophes_once_escaped(client, home_page):
    page = clause(
        clause_index(home_page),
        "Clause d'insertion",
        clause_text="L'entreprise réserve des heures d'insertion & de formation.",
    )
    page.save_revision().publish()
    html = client.get("/recherche/", {"q": "insertion"}).content.decode()
    assert "<mark>insertion</mark>" in html
    assert "&amp;#x27;" not in html
    assert "&amp;amp;" not in html


def test_unpublished_draft_private_and_deleted_pages_never_appear(client, index_page, fiches):
    make_fiche(index_page, "Brouillon insertion", publish=False)
    private = make_fiche(index_page, "Privée insertion")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    private.save_revision().publish()
    assert found(client, "insertion") == ["Travaux de voirie"]

    fiches["insertion"].unpublish()
    assert found(client, "insertion") == []
    fiches["resto"].delete()
    assert found(client, "gaspillage") == []
    assert SearchQuerySet().count() == 1


def test_results_are_checked_against_the_database(client, fiches):
    """Even if the index lags behind (queued update), a page taken offline is not shown."""
    type(fiches["insertion"]).objects.filter(pk=fiches["insertion"].pk).update(live=False)
    assert found(client, "insertion") == []


def test_facets_by_kind_and_theme_combine_with_the_query(client, fiches):
    response = client.get("/recherche/", {"q": "acheteurs"})
    kinds = {facet["value"]: facet["count"] for facet in response.context["kind_facets"]}
    themes = {facet["slug"]: facet["count"] for facet in response.context["theme_facets"]}
    assert kinds == {"fiche": 3}
    assert themes == {"social": 2, "environnemental": 2}
    html = response.content.decode()
    assert "theme=social" in html and "kind=fiche" in html

    assert sorted(found(client, "acheteurs", theme="social")) == [
        "Restauration collective",
        "Travaux de voirie",
    ]
    assert found(client, "insertion", theme="environnemental") == []
    assert found(client, "insertion", kind="fiche") == ["Travaux de voirie"]
    assert found(client, "insertion", kind="forum") == []
    assert found(client, "insertion", kind="inconnu", theme="nope") == ["Travaux de voirie"]


def test_spelling_suggestion_when_nothing_is_found(client, fiches):
    response = client.get("/recherche/", {"q": "insertoin"})
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "insertion"
    assert "Vouliez-vous dire" in response.content.decode()


def test_only_the_search_page_asks_for_a_spelling_suggestion(client, fiches, monkeypatch):
    """Suggesting compares the words with the whole vocabulary (some 170 ms at demo size): an
    autocompletion that finds nothing, or a count, never pays for it."""
    from haystack import connections

    backend_class = type(connections["default"].get_backend())
    asked = []
    original = backend_class.create_spelling_suggestion
    monkeypatch.setattr(
        backend_class,
        "create_spelling_suggestion",
        lambda self, text: asked.append(text) or original(self, text),
    )
    assert client.get("/recherche/autocomplete/", {"q": "zzqq"}).json() == {"results": []}
    assert asked == []
    assert client.get("/recherche/", {"q": "insertoin"}).context["suggestion"] == "insertion"
    assert asked == ["insertoin"]


def test_pagination_of_results(client, index_page):
    for number in range(12):
        make_fiche(index_page, f"Fiche insertion {number}", body=paragraph("<p>Texte</p>"))
    first = client.get("/recherche/", {"q": "insertion"})
    assert len(first.context["results"]) == 10 and first.context["total"] == 12
    assert "page=2" in first.content.decode()
    second = client.get("/recherche/", {"q": "insertion", "page": 2})
    assert len(second.context["results"]) == 2


def test_empty_or_odd_queries_do_not_fail(client, fiches):
    for query in ["", " ", "a", '"', "(", "AND", "x" * 500, "title:*"]:
        assert client.get("/recherche/", {"q": query}).status_code == 200


def test_autocomplete_on_titles(client, fiches):
    data = client.get("/recherche/autocomplete/", {"q": "dech"}).json()
    assert data["results"] == [
        {"title": "Déchets et eau", "url": fiches["dechets"].url, "kind": "fiche"}
    ]
    assert client.get("/recherche/autocomplete/", {"q": "r"}).json() == {"results": []}
    titles = [
        r["title"] for r in client.get("/recherche/autocomplete/", {"q": "Resta"}).json()["results"]
    ]
    assert titles == ["Restauration collective"]


def test_search_page_enhances_its_input(client):
    html = client.get("/recherche/").content.decode()
    assert 'data-autocomplete-url="/recherche/autocomplete/"' in html
    assert "js/search-autocomplete.js" in html


# --- Locked index ------------------------------------------------------------------------


@pytest.fixture
def locked_index():
    """Holds Whoosh's write lock, as another process writing would."""
    backend = connections["default"].get_backend()
    backend.setup()
    writer = backend.index.writer()
    yield
    writer.cancel()


def test_publishing_while_the_index_is_locked_queues_the_update(client, index_page, locked_index):
    fiche = make_fiche(index_page, "Clause d'insertion verrouillée", publish=False)
    fiche.save_revision().publish()  # does not raise
    assert PendingIndexUpdate.objects.filter(object_pk=str(fiche.pk)).exists()


def test_a_second_failure_updates_the_queued_item(index_page, locked_index):
    """One item per object; a newer failure marks it so the queue run that read it earlier
    does not delete it (process_pending deletes an item only if `updated_at` is unchanged)."""
    fiche = make_fiche(index_page, "Clause en attente", publish=False)
    fiche.save_revision().publish()
    first = PendingIndexUpdate.objects.get()
    assert sync_or_queue(FichePage, fiche.pk) is False
    again = PendingIndexUpdate.objects.get()
    assert again.attempts == 2
    assert again.updated_at > first.updated_at


def test_locked_index_does_not_fail_the_request_and_is_applied_later(
    admin_client, index_page, fiches
):
    backend = connections["default"].get_backend()
    writer = backend.index.writer()
    try:
        response = admin_client.post(f"/admin/pages/{fiches['insertion'].pk}/unpublish/")
        assert response.status_code == 302
        pending = PendingIndexUpdate.objects.get()
        assert pending.object_pk == str(fiches["insertion"].pk)
        assert "LockError" in pending.last_error
        out = io.StringIO()
        with pytest.raises(SystemExit):  # still locked: stays queued, non-zero exit
            call_command("process_search_queue", stdout=out)
        assert PendingIndexUpdate.objects.count() == 1
    finally:
        writer.cancel()

    # The stale document is still in the index, but the page is not shown.
    assert SearchQuerySet().filter(content="insertion").count() == 1
    assert found(admin_client, "insertion") == []
    with pytest.raises(SystemExit):
        call_command("check_search_index", stdout=io.StringIO(), stderr=io.StringIO())

    out = io.StringIO()
    call_command("process_search_queue", stdout=out)
    assert "1 mise(s) à jour appliquée(s)" in out.getvalue()
    assert not PendingIndexUpdate.objects.exists()
    assert SearchQuerySet().filter(content="insertion").count() == 0
    call_command("check_search_index", stdout=io.StringIO())


def test_check_search_index_reports_differences(fiches):
    out = io.StringIO()
    call_command("check_search_index", stdout=out)
    assert "fiches.fichepage: base 3, index 3 — OK" in out.getvalue()

    connections["default"].get_backend().remove(fiches["resto"])
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_search_index", stdout=out, stderr=io.StringIO())
    assert exit_info.value.code == 1
    assert f"absent de l'index : fiches.fichepage.{fiches['resto'].pk}" in out.getvalue()

    call_command("rebuild_index", interactive=False, verbosity=0)
    call_command("check_search_index", stdout=io.StringIO())

    # A change the index never heard of (no signal): the document's text is out of date.
    FichePage.objects.filter(pk=fiches["resto"].pk).update(intro="Texte modifié en base")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("check_search_index", stdout=out, stderr=io.StringIO())
    assert f"texte périmé dans l'index : fiches.fichepage.{fiches['resto'].pk}" in out.getvalue()


def test_restricting_or_moving_a_page_updates_the_index(client, home_page, index_page, fiches):
    restriction = PageViewRestriction.objects.create(
        page=fiches["insertion"], restriction_type="login"
    )
    assert found(client, "insertion") == []
    restriction.delete()
    assert found(client, "insertion") == ["Travaux de voirie"]

    other_index = fiche_index(home_page, title="Autres fiches", slug="autres-fiches")
    fiches["insertion"].move(other_index, pos="last-child")
    response = client.get("/recherche/", {"q": "insertion"})
    assert response.context["results"][0].url == "/autres-fiches/travaux-de-voirie/"


def test_search_page_query_count_does_not_grow_with_results(client, index_page):
    def count_for(query):
        cache.clear()  # the page itself, not the page cache
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/recherche/", {"q": query})
        assert response.status_code == 200
        return len(queries), len(response.context["results"])

    make_fiche(index_page, "Restauration collective et gaspillage")
    for number in range(12):
        make_fiche(index_page, f"Réemploi du mobilier n° {number}")
    client.get("/recherche/", {"q": "réemploi"})  # warms the site and settings caches
    few = count_for("gaspillage")
    many = count_for("réemploi")
    assert (few[1], many[1]) == (1, 10)
    assert few[0] == many[0]


def test_an_update_the_lock_made_wait_is_applied_by_the_worker_a_few_seconds_later(
    index_page, settings
):
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    fiche = make_fiche(index_page, "Clause de réemploi", publish=False)
    backend = connections["default"].get_backend()
    backend.setup()
    writer = backend.index.writer()
    try:
        fiche.save_revision().publish()
    finally:
        writer.cancel()
    assert PendingIndexUpdate.objects.filter(object_pk=str(fiche.pk)).exists()
    task = DBTaskResult.objects.get(task_path="portal.tasks.process_search_queue")
    assert task.run_after > timezone.now()  # deferred: the lock is usually free by then

    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now())
    run_worker()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert not PendingIndexUpdate.objects.exists()
    assert SearchQuerySet().filter(content="réemploi").count() == 1


def test_forum_excerpts_show_the_text_not_its_markdown(client):
    """Item 12 of issue 14: « achats** » in an excerpt."""
    from forum import services
    from forum.models import Topic
    from tests.forum.factories import CategoryFactory, SeasonedUserFactory

    topic = services.create_topic(
        CategoryFactory(),
        SeasonedUserFactory(),
        "Suivre nos indicateurs",
        "Nos **achats** responsables suivent [le guide](https://oecp.fr/) et _la_ `clause`.",
    )
    index = connections["default"].get_unified_index().get_index(Topic)
    connections["default"].get_backend().update(index, [topic])
    html = client.get("/recherche/", {"q": "achats"}).content.decode()
    assert "<mark>achats</mark>" in html
    assert "Nos <mark>achats</mark> responsables suivent le guide et la clause" in html
    for markup in ("**", "](", "`", "_la_"):
        assert markup not in html, markup
