"""comments-xtd's own views show only public comments of live, public pages (issue 12,
reproductions 2 to 4): flag, reply, the content-type shortcut and the API."""

import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory
from tests.fiches.factories import make_fiche
from tests.promotions.factories import SessionFactory

pytestmark = pytest.mark.django_db

SECRET = "Texte qui ne doit jamais sortir"


@pytest.fixture
def fiche(index_page):
    return make_fiche(index_page, "Restauration collective")


def comment_on(target, text=SECRET, user=None, **fields):
    return XtdComment.objects.create(
        content_object=target,
        site=Site.objects.get_current(),
        user=user or UserFactory(),
        comment=text,
        **fields,
    )


@pytest.mark.parametrize(
    "state", [{"is_removed": True}, {"is_public": False}], ids=["removed", "not-public"]
)
def test_flag_page_hides_removed_and_unpublished_comments(member_client, fiche, state):
    """Reproduction 2."""
    comment = comment_on(fiche, **state)
    response = member_client.get(f"/commentaires/flag/{comment.pk}/")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert member_client.post(f"/commentaires/flag/{comment.pk}/").status_code == 404
    assert not CommentFlag.objects.exists()
    assert member_client.get(f"/commentaires/reply/{comment.pk}/").status_code == 404


def test_flag_and_reply_of_a_comment_on_an_unpublished_or_private_page(member_client, fiche):
    comment = comment_on(fiche)
    assert SECRET in member_client.get(f"/commentaires/flag/{comment.pk}/").content.decode()
    PageViewRestriction.objects.create(page=fiche, restriction_type="login")
    assert member_client.get(f"/commentaires/flag/{comment.pk}/").status_code == 404
    PageViewRestriction.objects.all().delete()
    fiche.unpublish()
    assert member_client.get(f"/commentaires/flag/{comment.pk}/").status_code == 404
    assert member_client.get(f"/commentaires/reply/{comment.pk}/").status_code == 404
    assert member_client.get("/commentaires/flag/999999/").status_code == 404


def test_content_type_shortcut_names_no_private_object(client, fiche):
    """Reproduction 3: anonymous `cr/<ct>/<id>/` on a private session, an unknown object."""
    session = SessionFactory()
    session_type = ContentType.objects.get_for_model(session)
    response = client.get(f"/commentaires/cr/{session_type.pk}/{session.pk}/")
    assert response.status_code == 404
    assert session.get_absolute_url() not in response.content.decode()
    assert client.get(f"/commentaires/cr/{session_type.pk}/99999/").status_code == 404
    assert client.get("/commentaires/cr/999999/1/").status_code == 404
    assert client.get(f"/commentaires/cr/{session_type.pk}/x/").status_code == 404


def test_content_type_shortcut_goes_to_a_public_page_on_the_site_s_host(client, fiche):
    fiche_type = ContentType.objects.get_for_model(fiche.specific_class)
    response = client.get(f"/commentaires/cr/{fiche_type.pk}/{fiche.pk}/")
    assert response.status_code == 302
    assert response["Location"] == fiche.url
    assert "example.com" not in response["Location"]
    comment = comment_on(fiche)
    assert client.get(comment.get_absolute_url()).status_code == 302
    PageViewRestriction.objects.create(page=fiche, restriction_type="login")
    assert client.get(f"/commentaires/cr/{fiche_type.pk}/{fiche.pk}/").status_code == 404


def test_the_api_that_sent_email_hashes_is_not_served(client, member_client, fiche):
    """Reproduction 4: the API listed comments with the Gravatar MD5 of each author's address,
    without checking that the page is live or public. Nothing uses it: it is not served."""
    author = UserFactory(email="participant@gpsea.fr")
    comment = comment_on(fiche, text="Bonne pratique partagée", user=author)
    digest = hashlib.md5(b"participant@gpsea.fr", usedforsecurity=False).hexdigest()
    for url in (
        f"/commentaires/api/fiches-fichepage/{fiche.pk}/",
        f"/commentaires/api/fiches-fichepage/{fiche.pk}/count/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert digest not in response.content.decode()
    response = member_client.post(
        "/commentaires/api/flag/", {"comment": comment.pk, "flag": "report"}
    )
    assert response.status_code == 404
    assert not CommentFlag.objects.exists()
    # the page itself shows no avatar hash either
    assert digest not in client.get(fiche.url).content.decode()


@pytest.mark.parametrize("action", ["flag", "reply", "like", "dislike", "delete", "approve"])
@pytest.mark.parametrize("number", ["9" * 19, "9" * 40], ids=["19-digits", "40-digits"])
def test_a_comment_number_too_long_for_an_id_is_a_404(member_client, fiche, action, number):
    """comments-xtd looks a comment up through its link to the base comment, where Django does
    not bound the number: 40 digits reached the database (a 500 on SQLite)."""
    comment_on(fiche)
    assert member_client.get(f"/commentaires/{action}/{number}/").status_code == 404
    assert member_client.post(f"/commentaires/{action}/{number}/").status_code == 404
