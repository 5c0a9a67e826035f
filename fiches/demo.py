"""Demo content: the "Fiches SPASER" index and one fiche per purchase family, with comments.

The texts live in `fiches/demo_content/`: `fiches.toml` (the fiches, their comments and related
fiches) and `index.toml` (the index page, its home tile and the indicators template). This module
builds the pages from them: legal references from `portal.legal`, organisations, accounts, dates.

Idempotent: pages are looked up by slug, comments by author and text.
"""

import datetime
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.documents import get_document_model

from portal import legal
from portal.demo import (
    RESOURCES_MENU,
    add_home_section,
    add_nav_link,
    demo_content,
    home_page,
    organisation,
)
from portal.models import CollectiviteType, FamilleAchat, Theme

from .models import FicheIndexPage, FichePage

FICHES = demo_content(__file__, "fiches")
INDEX = demo_content(__file__, "index")

OBJECTIVE_HEADING = "Objectif"
ENCADRE_TITLE = "Bonne pratique"


def _ref(article):
    """A legal reference block value, from the portal's references (one wording, one link)."""
    ref = legal.reference(article)
    return {
        "article": ref.article,
        "source": ref.text,
        "summary": f"{ref.title} Depuis le {ref.since}.",
        "url": ref.url,
    }


def _body(data, document):
    """The fiche's StreamField blocks, in the order `fiches.toml` describes."""
    blocks = [
        {
            "type": "objective",
            "value": {"heading": OBJECTIVE_HEADING, "text": f"<p>{data['objective']}</p>"},
        },
        {"type": "legal_references", "value": [_ref(a) for a in data["legal_references"]]},
    ]
    if "paragraph" in data:
        blocks.append({"type": "paragraph", "value": f"<p>{data['paragraph']}</p>"})
    encadre = data["encadre"]
    download = {"document": document.pk, "title": INDEX["indicators_document"]["download_title"]}
    blocks += [
        {
            "type": "steps",
            "value": [
                {"title": step["title"], "text": f"<p>{step['text']}</p>"} for step in data["steps"]
            ],
        },
        {
            "type": "encadre",
            "value": {
                "title": ENCADRE_TITLE,
                "quote": encadre["quote"],
                "person": encadre.get("person", ""),
                "organisation": encadre["organisation"],
            },
        },
        {
            "type": "indicators",
            "value": [
                {"name": row["name"], "unit": row["unit"], "target": row["target"]}
                for row in data["indicators"]
            ],
        },
        {"type": "downloads", "value": [download]},
    ]
    return blocks


def _indicators_document():
    Document = get_document_model()
    data = INDEX["indicators_document"]
    document = Document.objects.filter(title=data["title"]).first()
    if document:
        return document
    document = Document(title=data["title"])
    document.file.save(data["file_name"], ContentFile(data["content"].encode("utf-8")))
    document.save()
    return document


def _index_page(home):
    data = INDEX["index"]
    index = FicheIndexPage.objects.filter(slug=data["slug"]).first()
    if index:
        return index
    index = home.add_child(
        instance=FicheIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"])
    )
    index.save_revision().publish()
    return index


def _fiche(index, data, document):
    existing = FichePage.objects.filter(slug=data["slug"]).first()
    if existing:
        return existing
    fiche = FichePage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        last_reviewed=legal.REVIEWED_ON,
        author_organisation=organisation(data["author_siren"]),
        body=json.dumps(_body(data, document)),
        live=False,
    )
    fiche.themes = list(Theme.objects.filter(name__in=data["themes"]))
    fiche.familles = list(FamilleAchat.objects.filter(name=data["famille"]))
    fiche.collectivite_types = list(CollectiviteType.objects.filter(name__in=data["types"]))
    index.add_child(instance=fiche)
    fiche.save_revision().publish()
    return fiche


def _related(fiches):
    for slug, related_slugs in FICHES["related"].items():
        fiche = fiches[slug]
        if len(fiche.related_pages):
            continue
        fiche.related_pages = json.dumps(
            [{"type": "page", "value": fiches[other].pk} for other in related_slugs]
        )
        fiche.save_revision().publish()


def _comments(fiche, comments):
    content_type = ContentType.objects.get_for_model(FichePage)
    users = get_user_model().objects
    posted = []
    for data in comments:
        user = users.get(email=data["author"])
        parent = posted[data["reply_to"] - 1] if "reply_to" in data else None
        existing = XtdComment.objects.filter(
            content_type=content_type, object_pk=str(fiche.pk), user=user, comment=data["text"]
        ).first()
        posted.append(
            existing
            or XtdComment.objects.create(
                content_type=content_type,
                object_pk=str(fiche.pk),
                site_id=settings.SITE_ID,
                user=user,
                user_name=user.get_full_name(),
                user_email=user.email,
                comment=data["text"],
                submit_date=timezone.now() - datetime.timedelta(hours=data["hours_ago"]),
                is_public=True,
                followup=True,
                parent_id=parent.pk if parent else 0,
            )
        )


def seed(password, stdout):
    home = home_page()
    index = _index_page(home)
    document = _indicators_document()
    fiches = {data["slug"]: _fiche(index, data, document) for data in FICHES["fiche"]}
    _related(fiches)
    for data in FICHES["fiche"]:
        if "comments" in data:
            _comments(fiches[data["slug"]], data["comments"])
    url = f"/{INDEX['index']['slug']}/"
    add_nav_link(INDEX["index"]["title"], url, menu=RESOURCES_MENU)
    add_home_section(INDEX["index"]["title"], INDEX["index"]["home_section"], url)
    stdout.write(f"  fiches: {len(fiches)} fiches SPASER")
