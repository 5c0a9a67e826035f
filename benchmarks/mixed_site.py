"""Inside a benchmark deployment, for benchmarks/mixed.py.

    mixed_site.py urls N     prints {"urls": [...N distinct paths...], "member_cookie": "..."}
    mixed_site.py writes S   writes about once a second for S seconds (forum replies, comments on
                             fiches, webinar registrations), through the portal's own services,
                             then prints {"writes": count}

The URLs are what visitors browse: every live public page, forum topics and categories, filtered
listings and their pages, searches built from the content's own words, the self-assessment; the
list is cut at N, most visited first (the home page and listings lead, long-tail pages follow).
"""

import itertools
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django

django.setup()

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from fiches.models import FichePage
from forum import services as forum_services
from forum.models import Category, Topic
from portal.models import FamilleAchat, Theme
from ressources import registration
from ressources.models import WebinarPage

MEMBER_EMAIL = "participant@ampmetropole.fr"


def public_topics():
    return Topic.objects.filter(category__restricted_to__isnull=True).order_by("pk")


def urls(count):
    pages = [page.url for page in Page.objects.live().public().filter(depth__gt=1).order_by("path")]
    listings = [page for page in pages if page.count("/") == 2]
    themes = list(Theme.objects.values_list("slug", flat=True))
    familles = list(FamilleAchat.objects.values_list("slug", flat=True))
    words = sorted(
        {
            word.lower()
            for title in Page.objects.live().public().values_list("title", flat=True)
            for word in title.split()
            if len(word) > 4 and word.isalpha()
        }
    )
    candidates = ["/", *listings, "/forum/", "/recherche/?q=clause+d%27insertion", "/diagnostic/"]
    candidates += [f"/forum/sujet/{pk}/" for pk in public_topics().values_list("pk", flat=True)]
    candidates += [
        f"/forum/{slug}/"
        for slug in Category.objects.filter(restricted_to__isnull=True).values_list(
            "slug", flat=True
        )
    ]
    candidates += pages
    for listing, theme, famille in itertools.product(listings, themes, [""] + familles):
        candidates.append(f"{listing}?theme={theme}" + (f"&famille={famille}" if famille else ""))
    candidates += [f"/recherche/?q={quote_plus(word)}" for word in words]
    candidates += [
        f"/recherche/?q={quote_plus(f'{a} {b}')}"
        for a, b in zip(words, reversed(words), strict=True)
    ]
    distinct = list(dict.fromkeys(candidates))
    client = Client(HTTP_HOST="127.0.0.1")
    answering = []
    for path in distinct:
        if client.get(path).status_code == 200:
            answering.append(path)
        if len(answering) == count:
            break
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    # As in a browser: the logout form of the first page leaves the CSRF cookie beside the
    # session's, and later pages are sent both (without it, no member page could be kept).
    member.get("/")
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    cookie = "; ".join(f"{name}={member.cookies[name].value}" for name in names)
    return {"urls": answering, "member_cookie": cookie}


def writes(seconds):
    # The deployment has no mail server: what is measured is the pages the writes invalidate.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users = list(get_user_model().objects.filter(is_active=True, is_staff=False)[:20])
    topics = list(public_topics()[:10])
    fiches = list(FichePage.objects.live().public()[:10])
    webinars = list(WebinarPage.objects.live().public()[:5])
    done, deadline = 0, time.monotonic() + seconds
    for n in itertools.count():
        if time.monotonic() >= deadline:
            break
        started = time.monotonic()
        user = users[n % len(users)]
        kind = n % 3
        if kind == 0 and topics:
            forum_services.add_reply(topics[n % len(topics)], user, f"Réponse n° {n}.", hold=False)
        elif kind == 1 and fiches:
            XtdComment.objects.create(
                content_object=fiches[n % len(fiches)],
                site_id=settings.SITE_ID,
                user=user,
                comment=f"Commentaire n° {n}.",
            )
        elif webinars:
            try:
                registration.register(webinars[n % len(webinars)], user)
            except registration.RegistrationClosed:
                pass
        done += 1
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
    return {"writes": done}


if __name__ == "__main__":
    command, number = sys.argv[1], int(sys.argv[2])
    print(json.dumps(urls(number) if command == "urls" else writes(number)))
