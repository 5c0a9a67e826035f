"""Permission matrix: each role × each forum URL (GET)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "participant", "moderator"]
# url key → expected status per role, in ROLES order (302 = sent to the login page)
MATRIX = {
    "index": (200, 200, 200, 200),
    "category": (200, 200, 200, 200),
    "topic": (200, 200, 200, 200),
    "topic_create": (302, 200, 200, 200),
    "reply": (302, 200, 200, 200),
    "report": (302, 200, 200, 200),
    "private_category": (404, 404, 200, 200),
    "private_topic": (404, 404, 200, 200),
    "private_topic_create": (302, 404, 200, 200),
    "private_reply": (302, 404, 200, 200),
    "private_post": (404, 404, 302, 302),
    "moderation": (404, 404, 404, 200),
}


@pytest.fixture
def urls(topic, private_topic):
    first = topic.posts.get()
    private_first = private_topic.posts.get()
    return {
        "index": reverse("forum:index"),
        "category": topic.category.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "topic_create": reverse("forum:topic_create", args=[topic.category.slug]),
        "reply": reverse("forum:reply", args=[topic.pk]),
        "report": reverse("forum:report", args=[first.pk]),
        "private_category": private_topic.category.get_absolute_url(),
        "private_topic": private_topic.get_absolute_url(),
        "private_topic_create": reverse("forum:topic_create", args=[private_topic.category.slug]),
        "private_reply": reverse("forum:reply", args=[private_topic.pk]),
        "private_post": reverse("forum:post", args=[private_first.pk]),
        "moderation": reverse("forum:moderation"),
    }


@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_permission_matrix(client, request, urls, role_index, role):
    users = {"member": "other", "participant": "participant", "moderator": "moderator"}
    if role in users:
        client.force_login(request.getfixturevalue(users[role]))
    observed = {key: client.get(url).status_code for key, url in urls.items()}
    expected = {key: codes[role_index] for key, codes in MATRIX.items()}
    assert observed == expected
