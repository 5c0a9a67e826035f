"""A first view (page cache off) pays for its own page only: routing in two queries whatever the
depth, header and footer from the cache, breadcrumb from the routed chain."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from portal.models import SiteSettings, StandardPage
from ressources.models import WebinarPage
from tests.factories import ThemeFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.query_plans import query_plan, sqlite_only
from tests.ressources import factories as resource_factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def no_page_cache():
    with override_settings(PAGE_CACHE_SECONDS=0, PAGE_CACHE_MEMBER_SECONDS=0):
        yield


def nested_pages(home, depth):
    parent, pages = home, []
    for level in range(depth):
        parent = parent.add_child(
            instance=StandardPage(title=f"Niveau {level}", slug=f"niveau-{level}")
        )
        pages.append(parent)
    return pages


def page_queries(queries):
    return [q for q in queries if '"wagtailcore_page"' in q["sql"].split(" WHERE ")[0]]


def walk(home, path):
    """Wagtail's own tree walk, one level at a time: what the one-query routing must match."""
    request = RequestFactory().get(path)
    components = [part for part in path.split("/") if part]
    return Page.route(home, request, components)


def described(result):
    """A RouteResult as comparable values: the page, the routed view's name, its arguments."""
    page, args, kwargs = result
    return page.pk, tuple(getattr(arg, "__name__", arg) for arg in args), kwargs


def test_routing_costs_the_same_at_every_depth(client, home_page):
    shallow, *_, deep = nested_pages(home_page, 6)
    counts = []
    for page in (shallow, deep):
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200
        assert response.context["page"].pk == page.pk
        counts.append(len(page_queries(queries.captured_queries)))
    assert counts[0] == counts[1]


@sqlite_only
def test_routing_reads_the_page_table_through_an_index(client, home_page):
    """`url_path` has no index: the chain must be found through the slugs, or every first view
    reads the whole page table (0.7 ms at 10,000 pages on PostgreSQL, and growing)."""
    page = nested_pages(home_page, 2)[-1]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    (routing,) = [q["sql"] for q in queries.captured_queries if '"url_path" IN' in q["sql"]]
    plan = query_plan(routing)
    assert "USING INDEX" in plan and "SCAN wagtailcore_page" not in plan


def test_routing_finds_what_the_tree_walk_finds(home_page):
    pages = nested_pages(home_page, 3)
    index = resource_factories.webinar_index(home_page)
    webinar = resource_factories.webinar(index, title="Construire son SPASER")
    request = RequestFactory().get("/")
    paths = [page.url for page in pages] + [
        index.url,
        webinar.url,
        webinar.url + "inscription/",
        webinar.url + "ics/",
    ]
    for path in paths:
        components = [part for part in path.split("/") if part]
        ours = home_page.specific.route(request, components)
        theirs = walk(home_page.specific, path)
        assert described(ours) == described(theirs), path
    assert isinstance(walk(home_page.specific, webinar.url).page, WebinarPage)


def test_routing_refuses_what_the_tree_walk_refuses(client, home_page):
    first, second, third = nested_pages(home_page, 3)
    second.unpublish()
    assert client.get(second.url).status_code == 404
    # An unpublished parent does not hide a published child, as in Wagtail's walk.
    assert client.get(third.url).status_code == 200
    assert client.get(first.url + "inconnue/").status_code == 404
    assert client.get(first.url + "inconnue/" + third.slug + "/").status_code == 404
    with pytest.raises(Http404):
        walk(home_page.specific, first.url + "inconnue/")


def test_a_moved_or_renamed_page_answers_at_its_new_address(client, home_page):
    first, second, third = nested_pages(home_page, 3)
    old_url = third.url
    third.move(first, pos="last-child")
    third.refresh_from_db()
    third.slug = "renommee"
    third.save_revision().publish()
    assert client.get(first.url + "renommee/").status_code == 200
    # Wagtail's redirects keep the old address working.
    assert client.get(old_url)["Location"] == first.url + "renommee/"


def test_breadcrumb_comes_from_the_routed_pages(client, home_page):
    pages = nested_pages(home_page, 4)
    client.get(pages[-1].url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pages[-1].url)
    html = response.content.decode()
    trail = html[html.index('class="fr-breadcrumb__list"') :]
    positions = [trail.index(f">{page.title}<") for page in pages]
    assert positions == sorted(positions)
    assert not [q for q in queries.captured_queries if '"depth" >= 3' in q["sql"]]


def test_header_and_footer_follow_the_site_settings(client, home_page):
    page = nested_pages(home_page, 1)[0]
    legal = home_page.add_child(instance=StandardPage(title="Mentions", slug="mentions"))
    settings = SiteSettings.for_site(home_page.get_site())  # as seed_demo creates them
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert not [q for q in queries.captured_queries if "portal_sitesettings" in q["sql"]]
    assert "Mentions légales" not in html

    settings.tagline = "Un nouveau sous-titre"
    settings.legal_page = legal
    settings.main_navigation = [("link", {"label": "Rubrique du test", "page": page, "url": ""})]
    settings.save()
    html = client.get(page.url).content.decode()
    assert "Un nouveau sous-titre" in html
    assert f'href="{legal.url}">Mentions légales' in html
    assert f'href="{page.url}" aria-current="page">Rubrique du test' in html


def test_a_fiche_first_view_does_not_grow_with_its_links(client, home_page):
    SiteSettings.for_site(home_page.get_site())
    index = fiche_index(home_page)
    others = [make_fiche(index, f"Voisine {n}") for n in range(6)]
    counts = []
    for related in (others[:1], others):
        fiche = make_fiche(index, f"Fiche liée à {len(related)}")
        fiche.related_pages = [("page", other) for other in related]
        fiche.save_revision().publish()
        client.get(fiche.url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(fiche.url).content.decode()
        assert all(other.title in html for other in related)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_listing_filters_come_from_the_cache_and_follow_the_taxonomy(client, home_page):
    SiteSettings.for_site(home_page.get_site())
    index = fiche_index(home_page)
    ThemeFactory(name="Social")
    client.get(index.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(index.url, {"theme": "social"})
    assert not [q for q in queries.captured_queries if 'FROM "portal_theme"' in q["sql"]]

    ThemeFactory(name="Clauses vertes")
    response = client.get(index.url, {"theme": "clauses-vertes"})
    assert response.status_code == 200
    assert '<option value="clauses-vertes" selected>Clauses vertes</option>' in (
        response.content.decode()
    )
    response = client.get(index.url, {"theme": "disparu"})
    assert "Ce filtre n&#x27;existe pas ou plus" in response.content.decode()
