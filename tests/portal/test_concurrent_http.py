"""Twenty members hit a real gunicorn server at the same moment: every accepted write is stored,
the webinar never goes over capacity, no request fails, and the search index ends equal to the
database."""

import threading
from collections import Counter
from datetime import timedelta
from io import StringIO

import lxml.html
import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from haystack import connections

from forum import services as forum_services
from forum.models import Category, Post, Topic
from ressources.models import WebinarIndexPage, WebinarPage, WebinarRegistration
from tests.factories import PASSWORD
from tests.fiches.factories import fiche_index, make_fiche
from tests.forum.factories import SeasonedUserFactory
from tests.http_server import GunicornServer

CLIENTS = 20
CAPACITY = 7
REQUEST_TIMEOUT = 30  # seconds, for each HTTP request
BARRIER_TIMEOUT = 120  # seconds for every client to be ready
RUN_TIMEOUT = 300  # seconds for the whole run

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the server's worker processes share the test database: needs PostgreSQL "
        "(SQLite's test database lives in this process's memory)",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="the workers must share one cache (sessions, allauth's rate limits): needs "
        "REDIS_URL; a per-process LocMemCache would give each worker its own",
    ),
    # The server reads what the test wrote: it must be committed.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def server(tmp_path):
    server = GunicornServer(tmp_path / "gunicorn.log", workers=3, threads=4)
    try:
        yield server.start()
    finally:
        server.stop()
        # Shown by pytest only when the test fails.
        print("--- gunicorn log ---")
        print(server.output())


@pytest.fixture
def site(home_page):
    """A fiche, a forum topic and a webinar with fewer seats than there are clients."""
    connections["default"].get_backend().clear()
    fiche = make_fiche(fiche_index(home_page), "Restauration collective durable")
    index = home_page.add_child(instance=WebinarIndexPage(title="Webinaires", slug="webinaires"))
    webinar = index.add_child(
        instance=WebinarPage(
            title="Rédiger son SPASER",
            slug="rediger-son-spaser",
            start=timezone.now() + timedelta(days=10),
            duration=60,
            capacity=CAPACITY,
            summary="Un atelier en ligne.",
        )
    )
    webinar.save_revision().publish()
    category = Category.objects.create(name="Entraide", slug="entraide")
    topic = forum_services.create_topic(
        category, SeasonedUserFactory(), "Par où commencer ?", "Vos conseils ?"
    )
    comment = XtdComment.objects.create(
        content_object=fiche,
        site_id=settings.SITE_ID,
        user=SeasonedUserFactory(),
        comment="Qui a déjà alloti par famille ?",
    )
    return {"fiche": fiche, "webinar": webinar, "topic": topic, "comment": comment}


def form_values(html, xpath):
    """The (name, value) pairs a browser would submit for the form found by `xpath`."""
    forms = lxml.html.fromstring(html).xpath(xpath)
    assert len(forms) == 1, f"form {xpath} not found"
    return forms[0].action, dict(forms[0].form_values())


class Member:
    """One browser: logs in through allauth, then reads each form and submits it."""

    def __init__(self, base_url, user, number):
        self.base_url = base_url
        self.user = user
        self.number = number
        self.http = requests.Session()

    def get(self, path):
        response = self.http.get(self.base_url + path, timeout=REQUEST_TIMEOUT)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        return response.text

    def post(self, action, data):
        return self.http.post(
            self.base_url + action, data=data, timeout=REQUEST_TIMEOUT, allow_redirects=False
        )

    def log_in(self):
        action, data = form_values(self.get("/comptes/login/"), "//form[@action='/comptes/login/']")
        data.update(login=self.user.email, password=PASSWORD)
        response = self.post(action, data)
        assert response.status_code == 302, f"login: {response.status_code}"

    def comment_form(self, fiche, first_comment):
        """Half the members answer the first comment, the others start a thread."""
        action, data = form_values(self.get(fiche.url), "//form[@id='comment-form']")
        data["comment"] = f"Commentaire du membre {self.number}"
        if self.number % 2:
            data["reply_to"] = str(first_comment.pk)
        return action, data

    def reply_form(self, topic):
        path = f"/forum/sujet/{topic.pk}/repondre/"
        action, data = form_values(self.get(path), "//form[@id='repondre']")
        data["body"] = f"Réponse du membre {self.number}"
        return action, data

    def registration_form(self, webinar):
        html = self.get(webinar.url)
        return form_values(html, f"//form[@action='{webinar.url}inscription/']")


def run_clients(server, site, members):
    """Each client prepares a form, waits for all the others, then posts: three rounds."""
    barrier = threading.Barrier(len(members), timeout=BARRIER_TIMEOUT)
    statuses = {"comment": [], "reply": [], "registration": []}
    errors = []

    def client(member):
        try:
            member.log_in()
            rounds = [
                ("comment", lambda: member.comment_form(site["fiche"], site["comment"])),
                ("reply", lambda: member.reply_form(site["topic"])),
                ("registration", lambda: member.registration_form(site["webinar"])),
            ]
            for kind, prepare in rounds:
                action, data = prepare()
                barrier.wait()
                statuses[kind].append(member.post(action, data).status_code)
        except Exception as error:  # reported by the test
            errors.append(f"member {member.number}: {error!r}")
            barrier.abort()

    threads = [threading.Thread(target=client, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=RUN_TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "clients still running"
    return statuses, errors


def succeeded(codes):
    return sum(1 for code in codes if 200 <= code < 400)


def test_simultaneous_members_on_gunicorn(server, site):
    users = [SeasonedUserFactory() for _ in range(CLIENTS)]
    members = [Member(server.url, user, number) for number, user in enumerate(users)]

    statuses, errors = run_clients(server, site, members)

    assert errors == []
    all_codes = Counter(code for codes in statuses.values() for code in codes)
    assert sum(all_codes.values()) == 3 * CLIENTS
    assert not [code for code in all_codes if code >= 500], all_codes
    # Comments: every accepted one stored, each member's own text.
    fiche, topic, webinar = site["fiche"], site["topic"], site["webinar"]
    comments = XtdComment.objects.filter(object_pk=str(fiche.pk)).exclude(pk=site["comment"].pk)
    assert succeeded(statuses["comment"]) == comments.count() == CLIENTS
    assert set(comments.values_list("comment", flat=True)) == {
        f"Commentaire du membre {n}" for n in range(CLIENTS)
    }
    # Replies to the first comment: each at its own place in the thread.
    thread = XtdComment.objects.filter(thread_id=site["comment"].pk)
    assert thread.count() == 1 + CLIENTS // 2
    assert sorted(thread.values_list("order", flat=True)) == list(range(1, 2 + CLIENTS // 2))
    assert XtdComment.objects.get(pk=site["comment"].pk).nested_count == CLIENTS // 2
    # Forum replies and the topic's counters.
    replies = Post.objects.filter(topic=topic, is_first=False)
    assert succeeded(statuses["reply"]) == replies.count() == CLIENTS
    assert set(replies.values_list("body", flat=True)) == {
        f"Réponse du membre {n}" for n in range(CLIENTS)
    }
    topic = Topic.objects.get(pk=topic.pk)
    assert topic.reply_count == CLIENTS
    assert topic.last_activity_at == replies.aggregate(last=Max("created_at"))["last"]
    # Webinar: one registration per member, never more confirmed seats than the capacity.
    registrations = WebinarRegistration.objects.filter(webinar=webinar)
    assert succeeded(statuses["registration"]) == registrations.count() == CLIENTS
    Status = WebinarRegistration.Status
    confirmed = registrations.filter(status=Status.CONFIRMED)
    assert sorted(confirmed.values_list("seat", flat=True)) == list(range(1, CAPACITY + 1))
    assert registrations.filter(status=Status.WAITING).count() == CLIENTS - CAPACITY

    # Index updates that met a locked index were queued (portal.search): apply the queue as
    # cron would, then the index must match the database.
    call_command("process_search_queue", stdout=StringIO())
    report = StringIO()
    try:
        call_command("check_search_index", stdout=report, stderr=report)
    except SystemExit:
        pytest.fail(f"search index differs from the database:\n{report.getvalue()}")
