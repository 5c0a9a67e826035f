"""The permission matrix: every promotion URL × every role, with the expected status."""

import pytest
from django.urls import reverse
from haystack import connections

from promotions.models import CalendarToken
from tests.factories import give_role

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "participant_b", "participant_a", "mentor_a", "admin"]

# Expected status per kind of page, in the order of ROLES.
EXPECTED = {
    "public": [200, 200, 200, 200, 200, 200],
    "logged_in": [302, 200, 200, 200, 200, 200],
    "private": [302, 404, 404, 200, 200, 200],
    "draft": [302, 404, 404, 404, 200, 200],
    "manage": [302, 404, 404, 403, 200, 200],
    "participant": [302, 404, 404, 200, 403, 403],
}


def _url(name, *args):
    return reverse(f"promotions:{name}", args=args)


URLS = {
    # name: (kind, url builder)
    "index": ("public", lambda w: _url("index")),
    "detail": ("public", lambda w: _url("detail", w.promotion_a.slug)),
    "mine": ("logged_in", lambda w: _url("mine")),
    "space": ("private", lambda w: _url("space", w.promotion_a.slug)),
    "members": ("private", lambda w: _url("members", w.promotion_a.slug)),
    "session": ("private", lambda w: _url("session", w.promotion_a.slug, w.session_a.pk)),
    "session_ics": (
        "private",
        lambda w: _url("session_ics", w.promotion_a.slug, w.session_a.pk),
    ),
    "recaps": ("private", lambda w: _url("recaps", w.promotion_a.slug)),
    "recap": ("private", lambda w: _url("recap", w.promotion_a.slug, w.past_session_a.pk)),
    "draft_recap": (
        "draft",
        lambda w: _url("recap", w.promotion_a.slug, w.draft_session_a.pk),
    ),
    "documents": ("private", lambda w: _url("documents", w.promotion_a.slug)),
    "document": ("private", lambda w: _url("document", w.promotion_a.slug, w.document_a.pk)),
    "attendance": (
        "manage",
        lambda w: _url("attendance", w.promotion_a.slug, w.session_a.pk),
    ),
    "recap_edit": (
        "manage",
        lambda w: _url("recap_edit", w.promotion_a.slug, w.past_session_a.pk),
    ),
    "survey_results": ("manage", lambda w: _url("survey_results", w.promotion_a.slug)),
    "survey_csv": ("manage", lambda w: _url("survey_csv", w.promotion_a.slug)),
    "survey": ("participant", lambda w: _url("survey", w.promotion_a.slug)),
}

CASES = [
    pytest.param(name, role, EXPECTED[kind][index], id=f"{name}-{role}")
    for name, (kind, _builder) in URLS.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "role", "expected"), CASES)
def test_get_matrix(client, world, name, role, expected):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    url = URLS[name][1](world)
    response = client.get(url)
    assert response.status_code == expected, f"{role} GET {url}"
    if expected == 302:
        assert response["Location"].startswith(reverse("account_login"))


POST_URLS = {
    "attendance": (
        "manage",
        lambda w: _url("attendance", w.promotion_a.slug, w.session_a.pk),
        lambda w: {"attendees": [w.participant_a.pk]},
    ),
    "recap_edit": (
        "manage",
        lambda w: _url("recap_edit", w.promotion_a.slug, w.session_a.pk),
        lambda w: {"key_points": "Un point", "action": "draft"},
    ),
    "survey": (
        "participant",
        lambda w: _url("survey", w.promotion_a.slug),
        lambda w: {"more_able": "oui", "publish_plan": "nsp"},
    ),
}
POST_EXPECTED = {
    # A successful POST redirects (302) to the object: visitors are told apart by the Location.
    "manage": ["login", 404, 404, 403, 302, 302],
    "participant": ["login", 404, 404, 302, 403, 403],
}
POST_CASES = [
    pytest.param(name, role, POST_EXPECTED[kind][index], id=f"POST-{name}-{role}")
    for name, (kind, _u, _d) in POST_URLS.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "role", "expected"), POST_CASES)
def test_post_matrix(client, world, name, role, expected):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    _kind, url_builder, data_builder = POST_URLS[name]
    response = client.post(url_builder(world), data_builder(world))
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
        if expected == 302:
            assert not response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "url",
    [
        lambda w: _url("session", w.promotion_a.slug, w.session_b.pk),
        lambda w: _url("session_ics", w.promotion_a.slug, w.session_b.pk),
        lambda w: _url("recap", w.promotion_a.slug, w.session_b.pk),
        lambda w: _url("document", w.promotion_a.slug, w.document_b.pk),
        lambda w: _url("space", "promotion-inconnue"),
    ],
    ids=["session", "session_ics", "recap", "document", "unknown"],
)
@pytest.mark.parametrize("role", ["participant_a", "mentor_a"])
def test_objects_of_another_promotion_are_not_reachable_through_mine(client, world, url, role):
    client.force_login(world.user(role))
    assert client.get(url(world)).status_code == 404


def test_a_mentor_cannot_manage_another_promotion_s_session(client, world):
    client.force_login(world.mentor_a)
    for name in ("attendance", "recap_edit"):
        assert client.get(_url(name, world.promotion_a.slug, world.session_b.pk)).status_code == 404
        assert client.get(_url(name, world.promotion_b.slug, world.session_b.pk)).status_code == 404


def test_public_page_shows_no_private_content(client, world):
    client.force_login(world.member)
    content = client.get(_url("detail", world.promotion_a.slug)).content.decode()
    assert world.promotion_a.name in content
    assert world.session_a.visio_url not in content
    assert world.session_a.title not in content
    assert "Associer les élus" not in content
    assert world.document_a.title not in content
    assert world.participant_a.last_name not in content


def test_private_pages_show_their_content_to_participants(client, world):
    client.force_login(world.participant_a)
    session_page = client.get(_url("session", world.promotion_a.slug, world.session_a.pk))
    assert world.session_a.visio_url in session_page.content.decode()
    recap_page = client.get(_url("recap", world.promotion_a.slug, world.past_session_a.pk))
    assert "Associer les élus dès le lancement." in recap_page.content.decode()
    document = client.get(_url("document", world.promotion_a.slug, world.document_a.pk))
    assert b"".join(document.streaming_content) == b"Support A"
    recaps = client.get(_url("recaps", world.promotion_a.slug)).content.decode()
    assert world.past_session_a.title in recaps
    assert world.draft_session_a.title not in recaps  # drafts are for mentors only


def test_private_feed_lists_only_own_promotions(client, world):
    token = CalendarToken.objects.create(user=world.participant_a)
    content = client.get(token.get_absolute_url()).content.decode()
    assert world.session_a.visio_url in content
    assert world.session_b.visio_url not in content
    assert world.session_b.title not in content


def test_an_outsider_feed_is_empty_even_for_admins(client, world):
    """Admins see every private space, but their feed lists only their own promotions."""
    token = CalendarToken.objects.create(user=world.admin)
    content = client.get(token.get_absolute_url()).content.decode()
    assert "VEVENT" not in content


def test_unknown_feed_token_is_404(client, world):
    assert client.get(_url("feed", "nimporte-quoi")).status_code == 404


def test_no_promotion_content_is_indexed_for_search(world):
    indexed = connections["default"].get_unified_index().get_indexed_models()
    assert not [model for model in indexed if model._meta.app_label == "promotions"]


def test_private_document_files_are_outside_media_root(world, settings):
    path = world.document_a.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.PROMOTIONS_PRIVATE_ROOT.resolve()))


def test_only_promotion_managers_see_private_spaces_staff_status_alone_does_not(client, world):
    staff = world.member
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    url = _url("space", world.promotion_a.slug)
    assert client.get(url).status_code == 404
    give_role(staff, "moderator")
    assert client.get(url).status_code == 404
    give_role(staff, "promotion_manager")
    assert client.get(url).status_code == 200
