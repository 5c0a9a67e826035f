"""Numbers read from a request are ASCII digits, bounded (issue case 5)."""

import pytest
from django.urls import reverse

from portal.numbers import digits_only, is_ascii_digits, page_number, parse_int
from tests.forum.factories import PostFactory, TopicFactory

HOSTILE = ["²", "٣", "१२", "1_000", " 7", "7\n", "-1", "+1", "1e3", "", "0x10", "9" * 19, "³²"]


@pytest.mark.parametrize("value", HOSTILE)
def test_only_ascii_digits_are_numbers(value):
    assert parse_int(value) is None
    assert page_number(value) == 1


def test_bounds_and_ordinary_numbers():
    assert is_ascii_digits("0123456789") and not is_ascii_digits(None)
    assert parse_int("42", maximum=100) == 42
    assert parse_int("142", maximum=100) is None and parse_int("0", minimum=1) is None
    assert page_number("3") == 3 and page_number(None) == 1 and page_number("0") == 1
    assert page_number("20000") == 1 and page_number("20000", maximum=50_000) == 20000
    assert digits_only("200 054 807") == "200054807" and digits_only("²²²²²²²²²") == ""


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", "1_000", "9" * 30])
def test_forum_quote_parameter_is_ignored_unless_ascii_digits(client, value):
    topic = TopicFactory()
    post = PostFactory(topic=topic, body="Texte cité")
    client.force_login(post.author)
    for path in (f"/forum/sujet/{topic.pk}/", f"/forum/sujet/{topic.pk}/repondre/"):
        response = client.get(path, {"citer": value})
        assert response.status_code == 200, path
        assert "&gt; Texte cité" not in response.content.decode()
    response = client.get(f"/forum/sujet/{topic.pk}/", {"citer": str(post.pk)})
    assert "Texte cité" in response.content.decode()


@pytest.mark.parametrize("siren", ["²²²²²²²²²", "٢٠٠٠٥٤٨٠٧", "200_054_8"])
def test_profile_siren_with_non_ascii_digits_gets_a_french_message(member_client, siren):
    response = member_client.post(
        reverse("portal:profile"), {"first_name": "A", "last_name": "B", "siren": siren}
    )
    assert response.status_code == 200
    assert "Le SIREN doit comporter exactement 9 chiffres." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["٣", "1_000", "²", "9" * 40])
def test_page_parameters_never_fail(client, value):
    topic = TopicFactory()
    for path in ("/forum/", f"/forum/sujet/{topic.pk}/", "/recherche/", "/annuaire/"):
        response = client.get(path, {"page": value, "q": "spaser"})
        assert response.status_code in (200, 302, 403, 404), (path, response.status_code)
