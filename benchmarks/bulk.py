"""Inside a benchmark deployment: add generated content on top of the demo, then rebuild the
search index once.

    python benchmarks/bulk.py <pages> <posts>

Pages are model clauses under the clause listing (half of them social, like the measured filter);
posts are forum replies spread over public topics of 30 posts. Prints one JSON line with the
counts of pages, model clauses and posts now in the database.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from forum.markup import render_markdown
from forum.models import Category, Post, Topic
from portal.search import rebuilt_afterwards
from ressources.models import ClauseIndexPage, ClauseKind, ClausePage, ClauseType

POSTS_PER_TOPIC = 30
SUBJECTS = [
    "clause d'insertion",
    "restauration collective",
    "travaux de voirie",
    "réemploi du mobilier",
    "marché réservé",
    "critère environnemental",
]


def add_clauses(count):
    index = ClauseIndexPage.objects.live().first()
    types = [ClauseType.SOCIALE, ClauseType.ENVIRONNEMENTALE]
    first = ClausePage.objects.count()  # the script may run again on the same database
    for number in range(first, first + count):
        subject = SUBJECTS[number % len(SUBJECTS)]
        index.add_child(
            instance=ClausePage(
                title=f"Clause type {number:05d} : {subject}",
                slug=f"clause-generee-{number:05d}",
                clause_type=types[number % 2],
                kind=ClauseKind.CONDITION,
                legal_basis="L2112-2",
                summary=f"Une clause pour {subject}.",
                clause_text=f"Le titulaire s'engage à respecter les exigences relatives à {subject}.",
                live=True,
            )
        )


def add_posts(count):
    category = Category.objects.filter(restricted_to__isnull=True).order_by("position").first()
    authors = list(get_user_model().objects.filter(is_active=True)[:10])
    start = timezone.now() - timedelta(days=365)
    for first in range(0, count, POSTS_PER_TOPIC):
        size = min(POSTS_PER_TOPIC, count - first)
        subject = SUBJECTS[(first // POSTS_PER_TOPIC) % len(SUBJECTS)]
        with transaction.atomic():
            topic = Topic.objects.create(
                category=category,
                author=authors[0],
                title=f"Retour d'expérience n° {first // POSTS_PER_TOPIC} : {subject}",
                reply_count=size - 1,
                last_activity_at=start + timedelta(minutes=first + size),
                last_poster=authors[(size - 1) % len(authors)],
            )
            Post.objects.bulk_create(
                Post(
                    topic=topic,
                    author=authors[number % len(authors)],
                    is_first=number == 0,
                    body=f"Message {number} sur **{subject}**.",
                    body_html=render_markdown(f"Message {number} sur **{subject}**."),
                    created_at=start + timedelta(minutes=first + number),
                )
                for number in range(size)
            )


def main():
    pages, posts = (int(value) for value in sys.argv[1:3])
    with rebuilt_afterwards():
        add_clauses(pages)
        add_posts(posts)
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of such a burst: plans follow the new sizes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts = {"pages": Page.objects.count(), "clauses": ClausePage.objects.count()}
    print(json.dumps({**counts, "posts": Post.objects.count()}))


if __name__ == "__main__":
    main()
