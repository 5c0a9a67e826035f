"""Demo content of the resource library: four webinars and ten model clauses.

The texts live in `ressources/demo_content/`: `webinars.toml` (the webinars, their speakers,
chapters and registrations) and `clauses.toml` (the model clauses), each with its index page.
This module places the webinars around the day of seeding and resolves members and pages.

Idempotent: pages are looked up by slug, registrations by (webinar, member).
"""

import io
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from portal import legal
from portal.demo import RESOURCES_MENU, add_home_section, add_nav_link, demo_content, home_page
from portal.models import CollectiviteType, FamilleAchat, Theme

from .models import ClauseIndexPage, ClausePage, WebinarIndexPage, WebinarPage, WebinarRegistration

WEBINARS = demo_content(__file__, "webinars")
CLAUSES = demo_content(__file__, "clauses")

#: The clauses follow the texts in force at the date the legal content was last reviewed.
LEGAL_DATE = legal.REVIEWED_ON


def _terms(model, names):
    return list(model.objects.filter(name__in=names))


def _tag(page, spec):
    page.themes.set(_terms(Theme, spec.get("themes", [])))
    page.familles.set(_terms(FamilleAchat, spec.get("familles", [])))
    page.collectivite_types.set(_terms(CollectiviteType, spec.get("types", [])))


def _index(model, home, spec):
    existing = model.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    return home.add_child(
        instance=model(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
    )


def _slides(title, spec):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=spec["title"]))
    document.text.addElement(P(text=spec["summary"]))
    for chapter in spec.get("chapters", []):
        document.text.addElement(H(outlinelevel=2, text=chapter["title"]))
        document.text.addElement(P(text=f"Dans la vidéo à {chapter['timecode']}."))
    buffer = io.BytesIO()
    document.write(buffer)
    return Document.objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name=f"{spec['slug']}.odt")
    )


def on_a_weekday(day, later=True):
    """Webinars are held Monday to Friday: a weekend day moves to the next Monday (upcoming
    webinars) or back to the Friday before (past ones)."""
    while day.weekday() >= 5:
        day += timedelta(days=1 if later else -1)
    return day


def _webinar(index, spec):
    existing = WebinarPage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    in_days = spec["in_days"]
    day = on_a_weekday(timezone.localdate() + timedelta(days=in_days), later=in_days >= 0)
    start = timezone.make_aware(datetime.combine(day, time(spec["hour"], 0)))
    page = WebinarPage(
        title=spec["title"],
        slug=spec["slug"],
        start=start,
        duration=spec["duration"],
        capacity=spec["capacity"],
        summary=spec["summary"],
        description=spec["description"],
        speakers=[
            (
                "speaker",
                {
                    "name": speaker["name"],
                    "role": speaker["role"],
                    "organisation": speaker["organisation"],
                },
            )
            for speaker in spec["speakers"]
        ],
        chapters=[
            ("chapter", {"timecode": chapter["timecode"], "title": chapter["title"]})
            for chapter in spec.get("chapters", [])
        ],
        transcript=spec.get("transcript", ""),
    )
    if spec.get("slides"):
        page.slides = _slides(spec["slides"], spec)
    index.add_child(instance=page)
    _tag(page, spec)
    page.save_revision().publish()
    return page


def _clause(index, spec):
    existing = ClausePage.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    page = ClausePage(
        title=spec["title"],
        slug=spec["slug"],
        clause_type=spec["clause_type"],
        kind=spec["kind"],
        legal_basis=spec["legal_basis"],
        summary=spec["summary"],
        clause_text=spec["text"],
        usage_notes=spec.get("notes", ""),
        legal_text_date=LEGAL_DATE,
        cpv_codes="\n".join(spec["cpv"]),
        examples=[
            (
                "example",
                {
                    "collectivite": example["collectivite"],
                    "year": example["year"],
                    "description": example["description"],
                },
            )
            for example in spec.get("examples", [])
        ],
    )
    page.full_clean(exclude=["path", "depth"])
    index.add_child(instance=page)
    _tag(page, spec)
    page.save_revision().publish()
    return page


def _register(webinar, email, status):
    user = get_user_model().objects.filter(email=email).first()
    if user is None or WebinarRegistration.objects.filter(webinar=webinar, user=user).exists():
        return
    seat = None
    if status == WebinarRegistration.Status.CONFIRMED:
        taken = set(webinar.confirmed_registrations().values_list("seat", flat=True))
        seat = min(set(range(1, webinar.capacity + 1)) - taken)
    WebinarRegistration.objects.create(webinar=webinar, user=user, status=status, seat=seat)


def _related(spec, webinars):
    clause = ClausePage.objects.get(slug=spec["slug"])
    if clause.related:
        return
    clause.related = [
        ("related", {"page": webinars[related["webinar"]], "note": related["note"]})
        for related in spec["related"]
    ]
    clause.save_revision().publish()


def seed(password, stdout):
    home = home_page()
    webinar_index = _index(WebinarIndexPage, home, WEBINARS["index"])
    clause_index = _index(ClauseIndexPage, home, CLAUSES["index"])
    webinars = {spec["slug"]: _webinar(webinar_index, spec) for spec in WEBINARS["webinar"]}
    for spec in CLAUSES["clause"]:
        _clause(clause_index, spec)

    # Clauses point to the replays that explain them.
    for spec in CLAUSES["clause"]:
        if "related" in spec:
            _related(spec, webinars)

    for spec in WEBINARS["webinar"]:
        for registration in spec.get("registrations", []):
            _register(webinars[spec["slug"]], registration["email"], registration["status"])

    webinar_spec, clause_spec = WEBINARS["index"], CLAUSES["index"]
    add_nav_link(webinar_spec["title"], webinar_index.url, menu=RESOURCES_MENU)
    add_nav_link(clause_spec["title"], clause_index.url, menu=RESOURCES_MENU)
    add_home_section(webinar_spec["title"], webinar_spec["home_section"], webinar_index.url)
    add_home_section(clause_spec["title"], clause_spec["home_section"], clause_index.url)
    stdout.write(
        f"  ressources: {WebinarPage.objects.count()} webinaires, "
        f"{ClausePage.objects.count()} clauses types, "
        f"{WebinarRegistration.objects.count()} inscriptions"
    )
