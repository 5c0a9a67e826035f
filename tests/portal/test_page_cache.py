"""Whole-page cache for anonymous visitors: served again without a query, never to members, never
stale after a publication or a new post, never for a page that is not the same for everyone."""

import re

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import URLResolver, path, reverse
from wagtail.models import PageViewRestriction

from forum import services
from portal import page_cache
from portal.models import SiteSettings
from portal.page_cache import cached_page
from ressources import registration
from ressources.models import ClausePage
from tests.factories import CollectiviteTypeFactory, ThemeFactory, UserFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.forum.factories import CategoryFactory, SeasonedUserFactory
from tests.questionnaire import fill_questionnaire
from tests.ressources.factories import clause, clause_index, webinar, webinar_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_settings(home_page):
    """Settings are created on a site's first page view, which would empty the cache once."""
    return SiteSettings.for_site(home_page.get_site())


@pytest.fixture
def fiche(home_page):
    return make_fiche(fiche_index(home_page), "Clauses d'insertion", intro="Première version.")


def cache_status(response):
    return response.headers.get("X-Page-Cache")


def record_resolutions(monkeypatch):
    """The URL resolutions made from now on, appended to the list returned."""
    resolved = []
    resolve = URLResolver.resolve
    monkeypatch.setattr(
        URLResolver, "resolve", lambda *args: resolved.append(args) or resolve(*args)
    )
    return resolved


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, fiche, django_assert_num_queries
):
    first = client.get(fiche.url)
    assert first.status_code == 200 and cache_status(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(fiche.url)
    assert cache_status(second) == "hit"
    assert second.content == first.content


def test_a_hit_reads_the_cache_once(client, fiche, settings, monkeypatch):
    """The entry and every version it may be filed with come in one round trip."""
    pages = caches[settings.PAGE_CACHE_ALIAS]
    client.get(fiche.url)
    reads, depth = [], []

    def counted(read):
        """Counts the reads made by the middleware, not those a backend's get_many makes."""

        def wrapper(*args, **kwargs):
            if not depth:
                reads.append(args)
            depth.append(read)
            try:
                return read(*args, **kwargs)
            finally:
                depth.pop()

        return wrapper

    for method in ("get", "get_many"):
        monkeypatch.setattr(pages, method, counted(getattr(pages, method)))

    assert cache_status(client.get(fiche.url)) == "hit"
    assert len(reads) == 1


def test_publishing_a_new_revision_shows_at_once(client, fiche):
    client.get(fiche.url)
    fiche.intro = "Version corrigée après relecture."
    fiche.save_revision().publish()
    response = client.get(fiche.url)
    assert cache_status(response) == "miss"
    assert "Version corrigée après relecture." in response.content.decode()


def test_unpublishing_removes_the_page_at_once(client, fiche):
    client.get(fiche.url)
    fiche.unpublish()
    assert client.get(fiche.url).status_code == 404


def test_a_new_forum_reply_shows_at_once(client, home_page):
    category = CategoryFactory()
    author = SeasonedUserFactory()
    topic = services.create_topic(category, author, "Seuil de 50 M€", "Comment compter ?")
    url = reverse("forum:topic", args=[topic.pk])
    assert cache_status(client.get(url)) == "miss"
    assert cache_status(client.get(url)) == "hit"
    services.add_reply(topic, SeasonedUserFactory(), "Compter les dépenses annuelles.", hold=False)
    response = client.get(url)
    assert "Compter les dépenses annuelles." in response.content.decode()


def login(client, user):
    """Logs in as a browser does: the CSRF cookie comes with the first form."""
    client.force_login(user)
    client.get(reverse("portal:profile"))


def test_members_get_their_own_copy_never_the_shared_one(client, fiche, member):
    client.get(fiche.url)
    login(client, member)
    first = client.get(fiche.url)
    assert cache_status(first) == "miss"
    assert "Se déconnecter" in first.content.decode()
    assert cache_status(client.get(fiche.url)) == "hit"
    login(client, UserFactory())
    assert cache_status(client.get(fiche.url)) == "miss"


def test_a_member_copy_holds_their_own_csrf_token(client, fiche, member):
    login(client, member)
    client.get(fiche.url)
    page = client.get(fiche.url)
    assert cache_status(page) == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    response = csrf_client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_reading_a_topic_updates_the_member_listing(client, home_page, member):
    category = CategoryFactory()
    topic = services.create_topic(category, SeasonedUserFactory(), "Nouveau sujet", "Texte")
    login(client, member)
    listing = reverse("forum:category", args=[category.slug])
    assert "Non lu" in client.get(listing).content.decode()
    assert cache_status(client.get(listing)) == "hit"
    client.get(reverse("forum:topic", args=[topic.pk]))
    assert "Non lu" not in client.get(listing).content.decode()


def test_a_member_s_hit_loads_neither_the_member_nor_the_route(
    client, fiche, member, django_assert_max_num_queries, monkeypatch
):
    """A copy is found from the session alone (read from the database here, from Redis in
    production), before the address is resolved."""
    login(client, member)
    client.get(fiche.url)
    resolved = record_resolutions(monkeypatch)
    with django_assert_max_num_queries(1) as queries:
        page = client.get(fiche.url)
    assert cache_status(page) == "hit" and "Se déconnecter" in page.content.decode()
    assert all("django_session" in query["sql"] for query in queries.captured_queries)
    assert resolved == []


def test_a_page_the_cache_does_not_serve_costs_no_cache_read(client, settings, monkeypatch):
    reads = []
    pages = caches[settings.PAGE_CACHE_ALIAS]
    monkeypatch.setattr(pages, "get_many", lambda keys: reads.append(keys) or {})
    assert client.get(reverse("health")).status_code == 200
    assert reads == []


def test_a_page_the_cache_does_not_store_records_no_query(client, member, monkeypatch):
    """Only a page the cache may file has its queries read for the tables they name."""
    recorded = []
    record = page_cache._record_reads
    monkeypatch.setattr(
        page_cache, "_record_reads", lambda *args: recorded.append(args[1]) or record(*args)
    )
    login(client, member)
    assert client.get(reverse("portal:profile")).status_code == 200
    assert recorded == []
    assert client.get("/").status_code == 200
    assert recorded


def test_a_member_s_copy_is_served_only_to_the_session_it_was_rendered_for(client, fiche, member):
    other_device = Client()
    other_device.force_login(member)
    login(client, member)
    client.get(fiche.url)
    assert cache_status(client.get(fiche.url)) == "hit"
    other_device.cookies[settings.CSRF_COOKIE_NAME] = client.cookies[settings.CSRF_COOKIE_NAME]
    assert cache_status(other_device.get(fiche.url)) == "miss"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda user: setattr(user, "is_active", False), id="deactivated"),
        pytest.param(lambda user: user.set_password("Nouveau-mot-de-passe-1"), id="password"),
    ],
)
def test_a_session_ended_by_an_account_change_no_longer_reads_its_copies(
    client, fiche, member, change
):
    login(client, member)
    client.get(fiche.url)
    assert cache_status(client.get(fiche.url)) == "hit"
    change(member)
    member.save()
    page = client.get(fiche.url)
    assert cache_status(page) == "miss" and "Se déconnecter" not in page.content.decode()


def test_rotating_the_secret_key_ends_the_sessions_and_their_copies(
    client, fiche, member, settings
):
    # As in production: the session's data is kept in the cache, where no signature is checked.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    login(client, member)
    client.get(fiche.url)
    assert cache_status(client.get(fiche.url)) == "hit"
    with override_settings(SECRET_KEY="a-new-secret-after-a-leak"):
        page = client.get(fiche.url)
    assert cache_status(page) == "miss" and "Se déconnecter" not in page.content.decode()


def test_reading_a_topic_keeps_the_member_s_pages_that_show_no_read_marker(client, fiche, member):
    category = CategoryFactory()
    topic = services.create_topic(category, SeasonedUserFactory(), "Nouveau sujet", "Texte")
    login(client, member)
    for url in (fiche.url, reverse("forum:category", args=[category.slug])):
        client.get(url)
        assert cache_status(client.get(url)) == "hit"
    client.get(reverse("forum:topic", args=[topic.pk]))  # writes the member's read marker
    assert cache_status(client.get(fiche.url)) == "hit"
    listing = client.get(reverse("forum:category", args=[category.slug]))
    assert cache_status(listing) == "miss" and "Non lu" not in listing.content.decode()


def test_a_member_s_next_visit_of_a_topic_is_served_from_the_cache(client, home_page, member):
    category = CategoryFactory()
    topic = services.create_topic(category, SeasonedUserFactory(), "Nouveau sujet", "Texte")
    listing = reverse("forum:category", args=[category.slug])
    url = reverse("forum:topic", args=[topic.pk])
    login(client, member)
    assert "Non lu" in client.get(listing).content.decode()
    assert cache_status(client.get(url)) == "miss"  # and marks the topic read
    assert cache_status(client.get(url)) == "hit"
    assert "Non lu" not in client.get(listing).content.decode()
    services.add_reply(topic, SeasonedUserFactory(), "Une réponse toute neuve", hold=False)
    assert "Non lu" in client.get(listing).content.decode()
    page = client.get(url)
    assert cache_status(page) == "miss" and "Une réponse toute neuve" in page.content.decode()
    assert cache_status(client.get(url)) == "hit"
    assert "Non lu" not in client.get(listing).content.decode()


def test_with_the_page_cache_off_opening_a_topic_still_marks_it_read(
    client, home_page, member, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    category = CategoryFactory()
    topic = services.create_topic(category, SeasonedUserFactory(), "Nouveau sujet", "Texte")
    login(client, member)
    client.get(reverse("forum:topic", args=[topic.pk]))
    assert services.unread_topic_ids(member, [topic]) == set()


def test_a_restriction_added_to_a_cached_page_applies_at_once(client, fiche):
    assert client.get(fiche.url).status_code == 200
    PageViewRestriction.objects.create(page=fiche, restriction_type="login")
    assert client.get(fiche.url).status_code == 302


def test_a_login_restricted_page_is_never_cached(client, fiche, member):
    PageViewRestriction.objects.create(page=fiche, restriction_type="login")
    assert client.get(fiche.url).status_code == 302
    client.force_login(member)
    assert client.get(fiche.url).status_code == 200
    client.logout()
    assert client.get(fiche.url).status_code == 302


def test_a_password_form_with_its_csrf_token_is_not_shared(client, fiche):
    PageViewRestriction.objects.create(page=fiche, restriction_type="password", password="x")
    assert cache_status(client.get(fiche.url)) is None
    assert cache_status(client.get(fiche.url)) is None


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, fiche):
    client.get(fiche.url)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Votre inscription est enregistrée.")
    response = client.get("/")  # a response object to carry the cookie
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    page = client.get(fiche.url)
    assert cache_status(page) is None
    assert "Votre inscription est enregistrée." in page.content.decode()


def test_each_language_has_its_own_entry(client, fiche, settings):
    settings.LANGUAGES = [("fr", "Français"), ("en", "English")]
    client.get(fiche.url)
    client.post(reverse("set_language"), {"language": "en", "next": fiche.url})
    response = client.get(fiche.url)
    assert cache_status(response) == "miss"
    assert response.headers["Content-Language"] == "en"


def test_per_session_pages_are_not_cached(client, home_page):
    client.get(reverse("diagnostic:index"))
    assert cache_status(client.get(reverse("diagnostic:index"))) is None


def test_each_visitor_gets_the_result_of_their_own_answers(client, home_page):
    CollectiviteTypeFactory(name="Métropole")
    fill_questionnaire(client)
    first = client.get(reverse("diagnostic:result"))
    assert cache_status(first) == "miss"
    assert cache_status(client.get(reverse("diagnostic:result"))) == "hit"
    fill_questionnaire(client, indicateurs={"social_share": "29"})
    changed = client.get(reverse("diagnostic:result"))
    assert cache_status(changed) == "miss"
    assert changed.content != first.content
    stranger = Client()
    fill_questionnaire(stranger, indicateurs={"social_share": "3"})
    assert cache_status(stranger.get(reverse("diagnostic:result"))) == "miss"


def test_a_copy_per_visitor_is_served_before_the_address_is_resolved(
    client, home_page, monkeypatch
):
    CollectiviteTypeFactory(name="Métropole")
    fill_questionnaire(client)
    client.get(reverse("diagnostic:result"))
    resolved = record_resolutions(monkeypatch)
    assert cache_status(client.get(reverse("diagnostic:result"))) == "hit"
    assert resolved == []


def test_pages_cached_before_the_write_is_committed_are_dropped_at_commit(
    client, fiche, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as at_commit:
        fiche.intro = "Version en cours d'enregistrement."
        fiche.save_revision().publish()
        # Another visitor, before the commit, could render the page from the old data.
        assert cache_status(client.get(fiche.url)) == "miss"
        assert cache_status(client.get(fiche.url)) == "hit"
    for callback in at_commit:
        callback()
    assert cache_status(client.get(fiche.url)) == "miss"


# --- Areas: a write empties the pages that read what it wrote, and only those ------------------
def forum_topic():
    topic = services.create_topic(
        CategoryFactory(), SeasonedUserFactory(), "Seuil de 50 M€", "Comment compter ?"
    )
    return topic, reverse("forum:topic", args=[topic.pk])


def test_a_forum_reply_keeps_the_pages_that_never_read_the_forum(client, fiche):
    topic, topic_url = forum_topic()
    replier = SeasonedUserFactory()  # a new account is shared content (names on every page)
    for url in (fiche.url, topic_url):
        client.get(url)
        assert cache_status(client.get(url)) == "hit"
    services.add_reply(topic, replier, "Compter les dépenses annuelles.", hold=False)
    assert cache_status(client.get(fiche.url)) == "hit"
    response = client.get(topic_url)
    assert cache_status(response) == "miss"
    assert "Compter les dépenses annuelles." in response.content.decode()


def test_a_comment_empties_the_page_that_shows_it_not_the_forum(client, fiche):
    from django.contrib.sites.models import Site
    from django_comments_xtd.models import XtdComment

    _topic, topic_url = forum_topic()
    author = UserFactory()
    for url in (fiche.url, topic_url):
        client.get(url)
    XtdComment.objects.create(
        content_object=fiche,
        site=Site.objects.get_current(),
        user=author,
        comment="Nous avons alloti par famille de produits.",
    )
    response = client.get(fiche.url)
    assert cache_status(response) == "miss"
    assert "Nous avons alloti par famille de produits." in response.content.decode()
    assert cache_status(client.get(topic_url)) == "hit"


def comment_on(obj, author, text):
    from django.contrib.sites.models import Site
    from django_comments_xtd.models import XtdComment

    return XtdComment.objects.create(
        content_object=obj, site=Site.objects.get_current(), user=author, comment=text
    )


def shard_of(page):
    content_type = ContentType.objects.get_for_model(page).pk
    return page_cache.shard_area(page_cache.COMMENTS, content_type, page.pk)


def test_a_comment_keeps_the_pages_of_objects_in_other_shards(client, fiche):
    """A thread is filed under its object's shard: commenting one fiche leaves the others."""
    index = fiche.get_parent()
    others = [make_fiche(index, f"Fiche n° {n}") for n in range(6)]
    other = next(page for page in others if shard_of(page) != shard_of(fiche))
    author = UserFactory()
    for page in (fiche, other):
        client.get(page.url)
        assert cache_status(client.get(page.url)) == "hit"
    comment_on(fiche, author, "Nous avons alloti par famille de produits.")
    response = client.get(fiche.url)
    assert cache_status(response) == "miss"
    assert "Nous avons alloti par famille de produits." in response.content.decode()
    assert cache_status(client.get(other.url)) == "hit"
    comment_on(other, author, "Merci pour la fiche.")
    assert "Merci pour la fiche." in client.get(other.url).content.decode()


def test_a_flag_whose_object_is_unknown_empties_every_thread(client, fiche):
    from django_comments.models import CommentFlag

    index = fiche.get_parent()
    other = next(
        page
        for page in (make_fiche(index, f"Fiche n° {n}") for n in range(6))
        if shard_of(page) != shard_of(fiche)
    )
    author = UserFactory()
    comment = comment_on(fiche, author, "Un commentaire.")
    for page in (fiche, other):
        client.get(page.url)
    CommentFlag.objects.create(
        comment=comment, user=UserFactory(), flag=CommentFlag.SUGGEST_REMOVAL
    )
    assert [cache_status(client.get(page.url)) for page in (fiche, other)] == ["miss", "miss"]


def test_a_reply_keeps_the_topics_of_other_shards_and_empties_the_listings(client, home_page):
    """A topic's page is filed under its own shard of the forum; the listings under the area."""
    category = CategoryFactory()
    author, replier = SeasonedUserFactory(), SeasonedUserFactory()
    topics = [
        services.create_topic(category, author, f"Sujet n° {n}", "Question.") for n in range(6)
    ]
    replied = topics[0]
    other = next(t for t in topics if shard_area_of(t) != shard_area_of(replied))
    urls = [reverse("forum:topic", args=[t.pk]) for t in (replied, other)]
    listing = reverse("forum:category", args=[category.slug])
    for url in [*urls, listing]:
        client.get(url)
        assert cache_status(client.get(url)) == "hit", url
    services.add_reply(replied, replier, "Compter les dépenses annuelles.", hold=False)
    response = client.get(urls[0])
    assert cache_status(response) == "miss"
    assert "Compter les dépenses annuelles." in response.content.decode()
    assert cache_status(client.get(listing)) == "miss"
    assert cache_status(client.get(urls[1])) == "hit"


def test_a_category_change_empties_every_topic_of_the_forum(client, home_page):
    category = CategoryFactory(name="Achats durables")
    topic = services.create_topic(category, SeasonedUserFactory(), "Seuil", "Question.")
    url = reverse("forum:topic", args=[topic.pk])
    client.get(url)
    category.name = "Achats responsables"
    category.save()
    response = client.get(url)
    assert cache_status(response) == "miss" and "Achats responsables" in response.content.decode()


def test_rows_of_an_area_without_shards_files_the_page_under_the_area(client, home_page):
    a_webinar = webinar(webinar_index(home_page), capacity=30)
    buyer = UserFactory()
    with override_settings(ROOT_URLCONF=__name__):
        client.get("/inscriptions/")
        assert cache_status(client.get("/inscriptions/")) == "hit"
    registration.register(a_webinar, buyer)  # its confirmation links to the webinar's page
    with override_settings(ROOT_URLCONF=__name__):
        response = client.get("/inscriptions/")
    assert cache_status(response) == "miss" and response.content == b"1 inscriptions"


def shard_area_of(topic):
    return page_cache.shard_area("forum", topic.pk)


@cached_page
def comment_total(request):
    """A page reading every comment outside a thread: filed with the whole comments area."""
    from django_comments_xtd.models import XtdComment

    return HttpResponse(f"{XtdComment.objects.count()} commentaires")


@cached_page
def registration_total(request):
    """Rows of an area whose models declare no object, read as if they had one."""
    from ressources.models import WebinarRegistration

    with page_cache.rows_of("ressources", 1):
        return HttpResponse(f"{WebinarRegistration.objects.count()} inscriptions")


urlpatterns = [path("total/", comment_total), path("inscriptions/", registration_total)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_page_reading_comments_outside_a_thread_follows_every_comment(client, fiche):
    client.get("/total/")
    assert cache_status(client.get("/total/")) == "hit"
    comment_on(fiche, UserFactory(), "Un commentaire.")
    response = client.get("/total/")
    assert cache_status(response) == "miss" and response.content == b"1 commentaires"


def test_a_search_page_follows_any_change_of_content(client, fiche):
    """Hits, totals and facets come from the index, which a forum post moves too."""
    topic, _topic_url = forum_topic()
    replier = SeasonedUserFactory()
    url = "/recherche/?q=glaneurs"
    assert "Aucun résultat" in client.get(url).content.decode()
    assert cache_status(client.get(url)) == "hit"
    services.add_reply(topic, replier, "Les glaneurs de Millet sur la couverture.", hold=False)
    response = client.get(url)
    assert cache_status(response) == "miss"
    assert "Seuil de 50 M€" in response.content.decode()


def test_the_portal_s_own_settings_empty_every_page(client, fiche, site_settings):
    _topic, topic_url = forum_topic()
    for url in (fiche.url, topic_url):
        client.get(url)
    site_settings.tagline = "Les acheteurs publics s'entraident."
    site_settings.save()
    for url in (fiche.url, topic_url):
        response = client.get(url)
        assert cache_status(response) == "miss"
        assert "Les acheteurs publics s&#x27;entraident." in response.content.decode()


def test_a_webinar_registration_keeps_the_clauses_and_empties_the_webinar(client, home_page):
    """A page's taxonomy links change only with the page: reading them files no area, so the
    clause listing, filtered or not, does not follow the registrations of the same app."""
    theme = ThemeFactory()
    clauses = clause_index(home_page)
    a_clause = clause(clauses, themes=[theme])
    a_webinar = webinar(webinar_index(home_page), capacity=30)
    buyer = UserFactory()  # a new account is shared content (names on every page)
    urls = [clauses.url, f"{clauses.url}?theme={theme.slug}", a_clause.url, a_webinar.url]
    for url in urls:
        client.get(url)
        assert cache_status(client.get(url)) == "hit", url
    registration.register(a_webinar, buyer)
    for url in urls[:3]:
        assert cache_status(client.get(url)) == "hit", url
    response = client.get(a_webinar.url)
    assert cache_status(response) == "miss" and "29 places" in response.content.decode()


def test_a_link_written_on_its_own_empties_the_pages_that_list_it(client, home_page):
    """The write side agrees with the read side: a link row saved outside a publication bumps
    the shared version, which every page is filed with."""
    theme = ThemeFactory()
    clauses = clause_index(home_page)
    a_clause = clause(clauses, title="Clause de réemploi")
    url = f"{clauses.url}?theme={theme.slug}"
    assert "Clause de réemploi" not in client.get(url).content.decode()
    assert cache_status(client.get(url)) == "hit"
    link = ClausePage.themes.through
    link.objects.bulk_create([link(clausepage=a_clause, theme=theme)])
    response = client.get(url)
    assert cache_status(response) == "miss" and "Clause de réemploi" in response.content.decode()


def test_a_search_page_keeps_through_writes_the_index_does_not_hold(client, fiche):
    """Comments and registrations are not searched: the results cannot move with them."""
    from django.contrib.sites.models import Site
    from django_comments_xtd.models import XtdComment

    a_webinar = webinar(webinar_index(fiche.get_parent().get_parent()))
    reader = UserFactory()
    url = "/recherche/?q=clauses"
    client.get(url)
    assert cache_status(client.get(url)) == "hit"
    XtdComment.objects.create(
        content_object=fiche, site=Site.objects.get_current(), user=reader, comment="Merci."
    )
    registration.register(a_webinar, reader)
    assert cache_status(client.get(url)) == "hit"


def test_a_hit_carries_the_headers_of_the_page_it_copies(client, fiche, member):
    """Served before the inner middleware runs, a copy still has their headers (frame and
    content policies, language, caching)."""
    for visitor in (None, member):
        if visitor:
            login(client, visitor)
        first, second = client.get(fiche.url), client.get(fiche.url)
        assert (cache_status(first), cache_status(second)) == ("miss", "hit")
        assert {name: value for name, value in first.items() if name != "X-Page-Cache"} == {
            name: value for name, value in second.items() if name != "X-Page-Cache"
        }
