"""The page cache and the search index follow every write, bulk ones and dependencies included
(`portal.content_events`): the reproductions of the issue, then one check per dependency."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from haystack import connections
from wagtail.models import PageViewRestriction

from forum import services
from forum.models import Category, Post, Topic
from portal.models import SiteSettings, Theme
from tests.factories import give_role
from tests.fiches.factories import make_fiche
from tests.forum.factories import CategoryFactory, SeasonedUserFactory

pytestmark = pytest.mark.django_db


def indexed(model_ct):
    return set(connections["default"].get_backend().indexed_documents(model_ct))


def search_titles(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]] if response.context else None


def search_page(client, query):
    return client.get("/recherche/", {"q": query}).content.decode()


def autocomplete_titles(client, query):
    response = client.get("/recherche/autocomplete/", {"q": query})
    return [result["title"] for result in json.loads(response.content)["results"]]


@pytest.fixture
def author(db):
    return SeasonedUserFactory(first_name="Maya", last_name="Ribault")


@pytest.fixture
def public_category(db):
    return CategoryFactory(name="Indicateurs et suivi", slug="indicateurs-et-suivi")


@pytest.fixture
def dashboard_topic(public_category, author):
    return services.create_topic(
        public_category,
        author,
        "Quel outil pour le tableau de bord ?",
        "Nous suivons nos indicateurs dans un tableur partagé avec les services.",
    )


@pytest.fixture
def moderator(db):
    return give_role(SeasonedUserFactory(), "moderator")


# --- Reproduction 1: a category made private leaves the search at once -----------------------
def test_a_category_made_private_takes_its_topics_out_of_search(
    client, public_category, dashboard_topic
):
    assert "Quel outil pour le tableau de bord ?" in search_page(client, "tableau de bord")
    assert autocomplete_titles(client, "Quel outil") == ["Quel outil pour le tableau de bord ?"]

    # As the Category snippet's edit view does: set the group, save.
    public_category.restricted_to = Group.objects.create(name="Promotion 2026")
    public_category.save()

    assert client.get(dashboard_topic.get_absolute_url()).status_code == 404
    page = search_page(client, "tableau de bord")
    assert "Quel outil pour le tableau de bord ?" not in page
    assert "tableur partagé" not in page
    assert "Indicateurs et suivi" not in page
    assert autocomplete_titles(client, "Quel outil") == []
    assert f"forum.topic.{dashboard_topic.pk}" not in indexed("forum.topic")

    public_category.restricted_to = None
    public_category.save()
    assert autocomplete_titles(client, "Quel outil") == ["Quel outil pour le tableau de bord ?"]


def test_results_are_rechecked_against_the_visitor_when_the_index_is_behind(
    client, public_category, dashboard_topic
):
    """Even a write that bypassed the mechanism (here: raw SQL) never shows a private topic."""
    from django.db import connection

    group = Group.objects.create(name="Promotion 2026")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE forum_category SET restricted_to_id = %s WHERE id = %s",
            [group.pk, public_category.pk],
        )
    assert f"forum.topic.{dashboard_topic.pk}" in indexed("forum.topic")
    assert "Quel outil pour le tableau de bord ?" not in search_page(client, "tableau de bord")
    assert autocomplete_titles(client, "Quel outil") == []


# --- Reproduction 2: moderation written with update() reaches the cached pages ----------------
def test_locking_and_pinning_reach_the_cached_topic_page(home_page, author, dashboard_topic):
    SiteSettings.for_site(home_page.get_site())  # created on the first view otherwise
    url = dashboard_topic.get_absolute_url()
    anonymous = Client()
    member = Client()
    member.force_login(author)
    member.get(reverse("portal:profile"))  # the CSRF cookie comes with the first form
    for name, visitor in (("anonyme", anonymous), ("membre", member)):
        visitor.get(url)
        visitor.get(url)  # the member's first visit marks the topic read
        assert visitor.get(url).get("X-Page-Cache") == "hit", name
    assert f"/forum/sujet/{dashboard_topic.pk}/repondre/" in member.get(url).content.decode()

    services.set_topic_flag(dashboard_topic, is_locked=True, is_pinned=True)

    page = anonymous.get(url).content.decode()
    assert "Verrouillé" in page and "Épinglé" in page
    assert f'action="/forum/sujet/{dashboard_topic.pk}/repondre/' not in (
        member.get(url).content.decode()
    )


def test_locking_through_the_moderation_view_reaches_other_visitors(
    client, moderator, dashboard_topic
):
    url = dashboard_topic.get_absolute_url()
    anonymous = Client()
    anonymous.get(url)
    client.force_login(moderator)
    client.post(f"/forum/moderation/sujet/{dashboard_topic.pk}/verrouiller/")
    assert Topic.objects.get(pk=dashboard_topic.pk).is_locked
    assert "Verrouillé" in anonymous.get(url).content.decode()


# --- Each dependency declared by an index ----------------------------------------------------
def test_a_reply_hidden_by_update_leaves_the_topic_document(author, dashboard_topic):
    reply = services.add_reply(dashboard_topic, author, "Essayez le logiciel Girafe.")
    assert (
        "Girafe"
        in connections["default"]
        .get_backend()
        .indexed_documents("forum.topic")[f"forum.topic.{dashboard_topic.pk}"]
    )
    services.set_post_status(reply, Post.Status.HIDDEN)
    documents = connections["default"].get_backend().indexed_documents("forum.topic")
    assert "Girafe" not in documents[f"forum.topic.{dashboard_topic.pk}"]


def test_bulk_update_and_bulk_create_announce(client, public_category, dashboard_topic):
    url = dashboard_topic.get_absolute_url()
    client.get(url)
    Topic.objects.filter(pk=dashboard_topic.pk).update(title="Titre revu par un script")
    assert "Titre revu par un script" in client.get(url).content.decode()
    assert autocomplete_titles(client, "Titre revu") == ["Titre revu par un script"]

    topic = Topic.objects.get(pk=dashboard_topic.pk)
    topic.title = "Titre revu en lot"
    Topic.objects.bulk_update([topic], ["title"])
    assert autocomplete_titles(client, "Titre revu") == ["Titre revu en lot"]

    Category.objects.filter(pk=public_category.pk).update(
        restricted_to=Group.objects.create(name="Promotion 2027")
    )
    assert autocomplete_titles(client, "Titre revu") == []


def test_a_theme_renamed_reindexes_the_topics_of_its_categories(public_category, dashboard_topic):
    theme = Theme.objects.create(name="Achats durables")
    public_category.themes.add(theme)
    document = f"forum.topic.{dashboard_topic.pk}"
    Theme.objects.filter(pk=theme.pk).update(name="Achats responsables")
    backend = connections["default"].get_backend()
    with backend.index.searcher() as searcher:
        stored = {hit["id"]: hit for hit in searcher.documents()}
    assert "Achats responsables" in stored[document]["themes"]


def test_a_view_restriction_on_a_parent_takes_its_pages_out(client, index_page):
    make_fiche(index_page, "Fiche insertion sociale")
    assert autocomplete_titles(client, "Fiche insertion") == ["Fiche insertion sociale"]
    restriction = PageViewRestriction.objects.create(
        page=index_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert autocomplete_titles(client, "Fiche insertion") == []
    assert not indexed("fiches.fichepage")
    restriction.delete()
    assert autocomplete_titles(client, "Fiche insertion") == ["Fiche insertion sociale"]


def test_an_unpublished_parent_takes_its_pages_out(client, index_page):
    make_fiche(index_page, "Fiche insertion sociale")
    index_page.unpublish()
    assert autocomplete_titles(client, "Fiche insertion") == []
    index_page.save_revision().publish()
    assert autocomplete_titles(client, "Fiche insertion") == ["Fiche insertion sociale"]


def test_a_read_marker_empties_only_its_member_s_pages(author, dashboard_topic):
    from forum.models import TopicReadState
    from portal import page_cache

    other = SeasonedUserFactory()
    before = page_cache.content_version()
    member_before = page_cache._current_versions(
        [page_cache.member_version_key(other.pk, "forum.topicreadstate")], {}
    )
    TopicReadState.objects.filter(topic=dashboard_topic).delete()
    services.mark_read(other, dashboard_topic)
    assert page_cache.content_version() == before
    assert (
        page_cache._current_versions(
            [page_cache.member_version_key(other.pk, "forum.topicreadstate")], {}
        )
        != member_before
    )
