"""Random sequences of real writes (services, Wagtail's page operations, snippet saves) never
leave the page cache or the search index behind the database.

After every step, for each audience (anonymous, member, participant of the promotion, moderator)
and a fixed set of pages: the page served through the cache equals a fresh render with the
cache off (CSRF tokens and nonces aside), every search result is something that audience may
open, and everything anyone may open that matches is found. No flash message is involved: the
visitors never see one."""

import difflib
import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django_comments.views.moderation import perform_delete
from django_comments_xtd.models import XtdComment
from haystack import connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from wagtail.models import Page, PageViewRestriction

from fiches.models import FichePage
from forum import services
from forum.models import Category, Post, Topic, TopicReadState
from portal.models import Theme
from tests.factories import give_role
from tests.fiches.factories import fiche_index, make_fiche
from tests.forum.factories import CategoryFactory, SeasonedUserFactory

pytestmark = pytest.mark.django_db

WORD = "girafe"
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrfmiddlewaretoken"'),
    (re.compile(r'nonce="[^"]*"'), 'nonce=""'),
    # django-comments' form: when it was rendered and its signature.
    (re.compile(r'name="(timestamp|security_hash)" value="[^"]*"'), r'name="\1"'),
]


def normalised(response):
    body = response.content.decode()
    for pattern, replacement in VOLATILE:
        body = pattern.sub(replacement, body)
    return response.status_code, response.get("Location"), body


def difference(served, fresh):
    lines = difflib.unified_diff(served.splitlines(), fresh.splitlines(), lineterm="", n=1)
    return "\n".join(list(lines)[:40])


class World:
    """Built once per test; each example runs in a savepoint rolled back at its end."""

    def __init__(self, home_page):
        self.group = Group.objects.create(name="Promotion girafe")
        self.author = SeasonedUserFactory()
        self.member = SeasonedUserFactory()
        self.participant = SeasonedUserFactory()
        self.participant.groups.add(self.group)
        self.moderator = give_role(SeasonedUserFactory(), "moderator")
        self.theme = Theme.objects.create(name="Thème girafe")
        self.public = CategoryFactory(name="Catégorie publique", slug="publique")
        self.public.themes.add(self.theme)
        self.private = CategoryFactory(
            name="Catégorie de la promotion", slug="promotion", restricted_to=self.group
        )
        self.topics = [
            services.create_topic(self.public, self.author, f"Sujet {WORD} {n}", f"Texte {n}")
            for n in range(2)
        ] + [services.create_topic(self.private, self.participant, f"Sujet {WORD} 2", "Texte")]
        self.replies = [
            services.add_reply(topic, self.author, f"Réponse {WORD} au sujet {topic.pk}")
            for topic in self.topics
        ]
        self.index_a = fiche_index(home_page, title="Fiches A", slug="fiches-a")
        self.index_b = fiche_index(home_page, title="Fiches B", slug="fiches-b")
        self.fiches = [
            make_fiche(self.index_a, f"Fiche {WORD} {n}", intro="Intro", themes=[self.theme])
            for n in range(2)
        ]
        self.users = [self.author, self.member, self.participant, self.moderator]
        self.mark_everything_read()

    def mark_everything_read(self):
        """Read markers are a member's own state and change on a visit: set once and for all
        (far in the future) so that a visit changes nothing and pages can be compared."""
        for user in self.users:
            for topic in Topic.objects.all():
                TopicReadState.objects.update_or_create(
                    user=user, topic=topic, defaults={"last_read_at": FAR_FUTURE}
                )


def reindex():
    backend = connections["default"].get_backend()
    backend.clear()
    unified = connections["default"].get_unified_index()
    for model in unified.get_indexed_models():
        index = unified.get_index(model)
        backend.update(index, list(index.index_queryset()))


class DerivedState(RuleBasedStateMachine):
    world = None

    def __init__(self):
        super().__init__()
        from django.core.cache import caches

        self.savepoint = transaction.atomic()
        self.savepoint.__enter__()
        # The previous example's rows were rolled back (not a write): start with empty caches,
        # the page cache's own store included.
        for store in caches.all():
            store.clear()
        reindex()
        w = self.world
        self.clients = {"anonyme": Client()}
        for name, user in (
            ("membre", w.member),
            ("participant", w.participant),
            ("modérateur", w.moderator),
        ):
            client = Client()
            client.force_login(user)
            self.clients[name] = client

    def teardown(self):
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    # --- Writes ------------------------------------------------------------------------------
    @rule(n=st.integers(0, 2), locked=st.booleans())
    def lock(self, n, locked):
        services.set_topic_flag(Topic.objects.get(pk=self.world.topics[n].pk), is_locked=locked)

    @rule(n=st.integers(0, 2), pinned=st.booleans())
    def pin(self, n, pinned):
        services.set_topic_flag(Topic.objects.get(pk=self.world.topics[n].pk), is_pinned=pinned)

    @rule(n=st.integers(0, 2), hidden=st.booleans())
    def hide_or_restore_reply(self, n, hidden):
        post = Post.objects.get(pk=self.world.replies[n].pk)
        if post.deleted_at is None:
            services.set_post_status(post, Post.Status.HIDDEN if hidden else Post.Status.PUBLISHED)

    @rule(n=st.integers(0, 2), hidden=st.booleans())
    def hide_or_restore_topic(self, n, hidden):
        post = Post.objects.get(topic=self.world.topics[n], is_first=True)
        services.set_post_status(post, Post.Status.HIDDEN if hidden else Post.Status.PUBLISHED)

    @rule(n=st.integers(0, 2))
    def reply(self, n):
        topic = Topic.objects.get(pk=self.world.topics[n].pk)
        if not topic.is_deleted:
            services.add_reply(topic, self.world.author, f"Nouvelle réponse {WORD}", hold=False)

    @rule(n=st.integers(0, 2))
    def delete_reply(self, n):
        post = Post.objects.get(pk=self.world.replies[n].pk)
        if post.deleted_at is None:
            services.delete_post(post, self.world.moderator)

    @rule(n=st.integers(0, 1), title=st.sampled_from(["revu", "corrigé"]))
    def edit_title(self, n, title):
        first = Post.objects.get(topic=self.world.topics[n], is_first=True)
        services.edit_post(first, first.body, title=f"Sujet {WORD} {title} {n}")

    @rule(private=st.booleans())
    def category_restriction(self, private):
        category = Category.objects.get(pk=self.world.public.pk)
        category.restricted_to = self.world.group if private else None
        category.save()

    @rule(member_of_promotion=st.booleans())
    def promotion_membership(self, member_of_promotion):
        if member_of_promotion:
            self.world.member.groups.add(self.world.group)
        else:
            self.world.member.groups.remove(self.world.group)

    @rule(name=st.sampled_from(["Thème girafe", "Thème girafe revu"]))
    def rename_theme(self, name):
        theme = Theme.objects.get(pk=self.world.theme.pk)
        theme.name = name
        theme.save()

    @rule(n=st.integers(0, 1), live=st.booleans())
    def publish_fiche(self, n, live):
        fiche = FichePage.objects.get(pk=self.world.fiches[n].pk)
        if live and not fiche.live:
            fiche.save_revision().publish()
        elif not live and fiche.live:
            fiche.unpublish()

    @rule(live=st.booleans())
    def publish_parent(self, live):
        index = Page.objects.get(pk=self.world.index_a.pk).specific
        if live and not index.live:
            index.save_revision().publish()
        elif not live and index.live:
            index.unpublish()

    @rule(restricted=st.booleans())
    def restrict_parent(self, restricted):
        restrictions = PageViewRestriction.objects.filter(page=self.world.index_a)
        if restricted and not restrictions.exists():
            PageViewRestriction.objects.create(
                page=self.world.index_a, restriction_type=PageViewRestriction.LOGIN
            )
        elif not restricted:
            for restriction in restrictions:
                restriction.delete()

    @rule(n=st.integers(0, 1))
    def comment(self, n):
        XtdComment.objects.create(
            content_object=FichePage.objects.get(pk=self.world.fiches[n].pk),
            site=Site.objects.get_current(),
            user=self.world.member,
            comment=f"Commentaire {WORD} sur la fiche {n}",
        )

    @rule(n=st.integers(0, 1))
    def remove_last_comment(self, n):
        """As the moderation queue does: a moderator's flag, then the comment marked removed."""
        comment = XtdComment.objects.filter(object_pk=self.world.fiches[n].pk, is_removed=False)
        if comment := comment.order_by("-pk").first():
            request = RequestFactory().post("/")
            request.user = self.world.moderator
            perform_delete(request, comment)

    @rule(to_b=st.booleans())
    def move_fiche(self, to_b):
        fiche = Page.objects.get(pk=self.world.fiches[0].pk)
        target = self.world.index_b if to_b else self.world.index_a
        if fiche.get_parent().pk != target.pk:
            fiche.move(Page.objects.get(pk=target.pk), pos="last-child")

    # --- Checks ------------------------------------------------------------------------------
    @invariant()
    def cached_pages_equal_fresh_renders(self):
        for audience, client in self.clients.items():
            for url in self.page_urls():
                served = normalised(client.get(url))
                with override_settings(PAGE_CACHE_SECONDS=0):
                    fresh = normalised(client.get(url))
                assert served == fresh, f"{audience} {url}: stale cached page\n" + difference(
                    served[2], fresh[2]
                )

    @invariant()
    def search_shows_what_each_audience_may_open_and_all_that_anyone_may(self):
        anyone = self.openable(self.clients["anonyme"])
        for audience, client in self.clients.items():
            with override_settings(PAGE_CACHE_SECONDS=0):
                response = client.get("/recherche/", {"q": WORD})
                found = {result.url for result in response.context["results"]}
                for url in found:
                    assert client.get(url).status_code == 200, f"{audience} sees {url}"
            assert anyone <= found, f"{audience} misses {anyone - found}"

    def page_urls(self):
        w = self.world
        urls = ["/forum/", "/forum/publique/", "/forum/promotion/", f"/recherche/?q={WORD}"]
        urls += [topic.get_absolute_url() for topic in w.topics]
        pages = [w.index_a.pk, *(fiche.pk for fiche in w.fiches)]
        urls += [page.url for page in Page.objects.filter(pk__in=pages)]
        return urls

    def openable(self, anonymous):
        """What a visitor may open that matches the word: public topics, and fiches served to
        anyone under published ancestors."""
        urls = set()
        with override_settings(PAGE_CACHE_SECONDS=0):
            for topic in Topic.objects.all():
                if anonymous.get(topic.get_absolute_url()).status_code == 200:
                    urls.add(topic.get_absolute_url())
            for fiche in FichePage.objects.all():
                ancestors_live = all(
                    page.live for page in fiche.get_ancestors().filter(depth__gt=1)
                )
                if ancestors_live and fiche.url and anonymous.get(fiche.url).status_code == 200:
                    urls.add(fiche.url)
        return urls


def test_random_writes_never_leave_derived_state_behind(home_page):
    DerivedState.world = World(home_page)
    run_state_machine_as_test(
        DerivedState,
        settings=settings(
            max_examples=4,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        ),
    )
