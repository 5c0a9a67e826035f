"""Roles that fit the job (issue 21, reproduction 2): the permission matrix of the admin views."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from portal.roles import ROLES, install_roles, is_moderator
from tests.factories import AdminFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

ROLE_NAMES = ["member", "staff", "moderator", "editor", "promotion_manager", "curator", "superuser"]

# 200 = the view opens; 302 = refused (Wagtail sends the user to its dashboard, or to the login
# door, which tells a logged-in member their account has no access); 403 / 404 = refused by
# the portal's own views.
MATRIX = {
    #                        member staff moder. editor promo. curator superuser
    "admin_home": (302, 302, 200, 200, 200, 200, 200),
    "pages": (302, 302, 302, 200, 302, 302, 200),
    "page_edit": (302, 302, 302, 200, 302, 302, 200),
    "documents": (302, 302, 302, 200, 302, 302, 200),
    "images": (302, 302, 302, 200, 302, 302, 200),
    "applications": (302, 302, 302, 302, 200, 302, 200),
    "sessions": (302, 302, 302, 302, 200, 302, 200),
    "forum_topics": (302, 302, 200, 302, 302, 302, 200),
    "forum_reports": (302, 302, 200, 302, 302, 302, 200),
    "registrations": (302, 302, 302, 200, 302, 302, 200),
    "users": (302, 302, 302, 302, 302, 302, 200),
    "groups": (302, 302, 302, 302, 302, 302, 200),
    "assessments": (302, 302, 302, 302, 302, 302, 200),
    "comments_queue": (403, 403, 200, 403, 403, 403, 200),
    "forum_queue": (404, 404, 200, 404, 404, 404, 200),
    "shared_documents_queue": (403, 403, 403, 403, 403, 200, 200),
    "django_admin": (302, 302, 302, 302, 302, 302, 200),
    "adopted_schemes": (302, 302, 302, 302, 302, 200, 200),
}


@pytest.fixture
def urls(home_page):
    return {
        "admin_home": "/admin/",
        "pages": "/admin/pages/",
        "page_edit": f"/admin/pages/{home_page.pk}/edit/",
        "documents": "/admin/documents/",
        "images": "/admin/images/",
        "applications": "/admin/snippets/promotions/application/",
        "sessions": "/admin/snippets/promotions/session/",
        "forum_topics": "/admin/snippets/forum/topic/",
        "forum_reports": "/admin/snippets/forum/report/",
        "registrations": "/admin/snippets/ressources/webinarregistration/",
        "users": "/admin/users/",
        "groups": "/admin/groups/",
        "assessments": "/admin/diagnostic_assessments/",
        "comments_queue": "/commentaires/moderation/",
        "forum_queue": "/forum/moderation/",
        "shared_documents_queue": "/documents-partages/a-relire/",
        "django_admin": "/django-admin/",
        "adopted_schemes": "/admin/snippets/registre/adoptedscheme/",
    }


def _user(role):
    if role == "superuser":
        return AdminFactory()
    user = UserFactory(is_staff=role == "staff")
    if role in ROLES:
        give_role(user, role)
    return user


@pytest.mark.parametrize("index,role", list(enumerate(ROLE_NAMES)))
def test_admin_permission_matrix(client, urls, index, role):
    client.force_login(_user(role))
    observed = {key: client.get(url).status_code for key, url in urls.items()}
    expected = {key: codes[index] for key, codes in MATRIX.items()}
    assert observed == expected


def test_roles_are_groups_created_by_the_migration():
    names = set(Group.objects.values_list("name", flat=True))
    assert {role.group for role in ROLES.values()} <= names
    # Wagtail's default « Moderators » held page, document and image rights: it is gone.
    assert "Moderators" not in names


def test_the_moderators_group_holds_no_page_document_or_image_right():
    group = Group.objects.get(name=ROLES["moderator"].group)
    assert not group.page_permissions.exists()
    assert not group.collection_permissions.exists()
    codenames = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert codenames <= {"portal", "forum", "wagtailadmin"}


def test_staff_status_is_not_moderation():
    assert not is_moderator(UserFactory(is_staff=True))
    assert is_moderator(give_role(UserFactory(), "moderator"))
    assert is_moderator(AdminFactory())
    assert not is_moderator(give_role(UserFactory(is_active=False), "moderator"))


def test_members_of_wagtails_old_moderators_group_become_forum_moderators_only():
    """What the migration does on a site where the moderator was in Wagtail's « Moderators »."""
    old = Group.objects.create(name="Moderators")
    GroupPagePermission.objects.create(
        group=old, page=Page.get_first_root_node(), permission_type="publish"
    )
    GroupCollectionPermission.objects.create(
        group=old,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="change_document"),
    )
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(old)
    install_roles(apps)
    assert not Group.objects.filter(name="Moderators").exists()
    assert list(moderator.groups.values_list("name", flat=True)) == [ROLES["moderator"].group]
    moderator = type(moderator).objects.get(pk=moderator.pk)
    assert is_moderator(moderator)
    assert not moderator.has_perm("wagtailcore.publish_page")
