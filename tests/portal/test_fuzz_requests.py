"""Hostile requests on every URL pattern never get a 5xx (issue 11, « How we will know »).

Every URL pattern of the site (the Wagtail and Django admins excepted: staff only) is requested
as a visitor, a member of an organisation and a participant of a promotion: GET with every query
parameter the views read, GET with hostile values in the path, POST of every field of the forms
the page shows, and an odd method; values are non-ASCII digits, NUL, lone surrogates, RTL marks,
100 KB strings and deeply nested brackets. A Hypothesis test then draws further combinations.
"""

import re
from urllib.parse import quote

import pytest
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django_comments_xtd.models import XtdComment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum import services
from tests.factories import OrganisationFactory, UserFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.forum.factories import CategoryFactory, SeasonedUserFactory
from tests.promotions.factories import MembershipFactory, PromotionFactory, SessionFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²³",
    "٣٤",
    "१२",
    "1_000",
    "9" * 40,
    "-1",
    "a\x00b",
    "\ud800x",
    "\u202eevil\u202c",
    "x" * 100_000,
    "[" * 5_000,
    "{" * 3_000 + "}" * 3_000,
    "1e308",
    "NaN",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%00%ff",
    "../../etc/passwd",
    "",
]
QUERY_PARAMS = ["page", "q", "kind", "theme", "famille", "collectivite", "moment", "type"]
QUERY_PARAMS += ["etat", "citer", "next", "format", "consideration", "fiabilite"]
ODD_METHODS = ["put", "patch", "delete", "options"]
SKIPPED = ("admin/", "django-admin/", "comptes/")  # staff only; allauth is fuzzed through forms
FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
FORM = re.compile(r'<form[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)


def encode(value):
    """Percent-encoded UTF-8, lone surrogates included (as a client may send them)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [route for route in walk(get_resolver().url_patterns) if not route.startswith(SKIPPED)]


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\((?:\\d\+|\.\+|\\w\+)\)")


def build(route, values, hostile=None):
    """A path for `route`, its parameters from `values` (by name), or `hostile` for all of them."""
    numbered = iter(["ordinary", "ordinary", "ordinary"])

    def value(match):
        converter, name, regex_name = match.group(1), match.group(2), match.group(3)
        key = name or regex_name or next(numbered)
        if hostile is not None and key not in ("format", "fmt"):
            return encode(hostile)
        if converter in ("int", "id") or key in ("pk", "cid", "comment_id"):
            return str(values.get(key, values["pk"]))
        if key == "index_path":
            return values[key]
        return encode(str(values.get(key, "x")))

    path = route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\.", ".")
    path = path.replace("(?P<index_path>(?:[\\w\\-]+/)+)", "<index_path>")
    path = path.replace("((?:[\\w\\-]+/)*)", "<index_path>")  # Wagtail's pages
    return "/" + PARAM.sub(value, path)


@pytest.fixture
def world(home_page, settings, tmp_path):
    settings.PROMOTIONS_PRIVATE_ROOT = tmp_path / "private"
    settings.FORUM_POST_RATE = (1000, 60)
    organisation = OrganisationFactory(siren="200054807")
    member = UserFactory()
    member.profile.organisation = organisation
    member.profile.save()
    participant = UserFactory()
    promotion = PromotionFactory(slug="promotion-alpha", survey_open=True)
    MembershipFactory(promotion=promotion, user=participant)
    session = SessionFactory(promotion=promotion)
    category = CategoryFactory(slug="entraide")
    author = SeasonedUserFactory()
    topic = services.create_topic(category, author, "Un sujet ordinaire", "Un texte **ordinaire**")
    post = services.add_reply(topic, author, "Une réponse", hold=False)
    fiche = make_fiche(fiche_index(home_page), "Clauses d'insertion")
    comment = XtdComment.objects.create(
        content_object=fiche, site=Site.objects.get_current(), user=member, comment="Retour"
    )
    values = {
        "pk": topic.pk,
        "slug": "entraide",
        "cid": comment.pk,
        "comment_id": comment.pk,
        "ordinary": comment.pk,
        "key": "x",
        "format": "json",
        "fmt": "csv",
        "token": "x",
        "action": "verrouiller",
        "index_path": "fiches-spaser/",
        "content_type": "fiches-fichepage",
        "object_pk": fiche.pk,
        "page_id": fiche.pk,
        "page_view_restriction_id": 1,
    }
    overrides = {
        "forum/message/": {"pk": post.pk},
        "promotions/": {"slug": promotion.slug, "pk": session.pk},
        "diagnostic/etape/": {"slug": "organisation"},
    }
    clients = {"visitor": Client(raise_request_exception=False)}
    for name, user in (("member", member), ("participant", participant)):
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(user)
    return values, overrides, clients


def values_for(route, values, overrides):
    merged = dict(values)
    for prefix, extra in overrides.items():
        if route.startswith(prefix):
            merged.update(extra)
    return merged


def check(failures, label, response):
    if response.status_code >= 500:
        failures.append(f"{label} → {response.status_code}")


def query(names, value):
    return "&".join(f"{name}={encode(value)}" for name in names)


def form_fields(html):
    names = set()
    for form in FORM.findall(html):
        names |= set(FIELD.findall(form))
    return sorted(names - {"csrfmiddlewaretoken"})


def test_every_url_pattern_survives_hostile_requests(world):
    values, overrides, clients = world
    failures = []
    counter = 0
    for route in routes():
        path = build(route, values_for(route, values, overrides))
        try:
            match = resolve(path.split("?")[0])
        except Resolver404:
            failures.append(f"{route}: built path {path} does not resolve")
            continue
        if match.route != route.replace("/^", "/"):
            # Wagtail's pages take any path: a parameter built wrong would fuzz a 404.
            failures.append(f"{route}: built path {path} is served by {match.route}")
            continue
        for role, client in clients.items():
            counter += 1
            value = HOSTILE[counter % len(HOSTILE)]
            response = client.get(f"{path}?{query(QUERY_PARAMS, value)}")
            check(failures, f"{role} GET {route} [{value[:12]!r}]", response)
            if role != "participant" and PARAM.search(route):
                hostile = HOSTILE[(counter + 7) % len(HOSTILE)]
                bad = client.get(build(route, values, hostile=hostile))
                check(failures, f"{role} GET {route} path={hostile[:12]!r}", bad)
            page = client.get(path)
            html = page.content.decode(errors="replace") if page.status_code == 200 else ""
            fields = form_fields(html) or ["body", "title", "q", "siren"]
            body = query(fields, HOSTILE[(counter + 3) % len(HOSTILE)])
            posted = client.post(path, body, content_type="application/x-www-form-urlencoded")
            check(failures, f"{role} POST {route} {fields[:4]}", posted)
        method = ODD_METHODS[counter % len(ODD_METHODS)]
        check(failures, f"{method} {route}", getattr(clients["visitor"], method)(path))
    assert not failures, "\n".join(failures)


NUMBERS = ["9" * 19, "9" * 40, "²³", "٣٤", "-1", "1_000"]


def test_every_number_in_a_path_is_a_page_or_a_404(world):
    """Every path parameter, for every role, with the numbers the rotation above hands to only
    some routes: a 40-digit comment id once reached the database (a 500)."""
    values, _overrides, clients = world
    failures = []
    for route in filter(PARAM.search, routes()):
        for role, client in clients.items():
            for number in NUMBERS:
                response = client.get(build(route, values, hostile=number))
                check(failures, f"{role} GET {route} path={number[:12]!r}", response)
    assert not failures, "\n".join(failures)


HOSTILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(["٣", "²", "\x00", "\ud800", "\u202e", "[", "{", "9", "_", "%"]),
        ),
        max_size=40,
    ),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_hostile_requests(world, data):
    values, overrides, clients = world
    route = data.draw(st.sampled_from(routes()))
    role = data.draw(st.sampled_from(sorted(clients)))
    value = data.draw(HOSTILE_TEXT)
    names = data.draw(st.lists(st.sampled_from(QUERY_PARAMS + ["siren", "body"]), min_size=1))
    in_path = data.draw(st.booleans())
    path = build(route, values_for(route, values, overrides), hostile=value if in_path else None)
    client = clients[role]
    response = client.get(f"{path}?{query(names, value)}")
    assert response.status_code < 500, (role, route, path[:200], value)
    response = client.post(
        path, query(names, value), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500, (role, "POST", route, path[:200], value)
