"""Roles that fit the job: each is a group holding what the job needs in the Wagtail admin.

| role | group | Wagtail admin |
|---|---|---|
| editor | « Éditeurs » | pages (add, edit, publish, lock), documents and images, taxonomy, webinar registrations |
| promotion manager | « Gestion des promotions » | promotions, applications, sessions, memberships, recaps, documents and survey answers of promotions |
| forum moderator | « Modérateurs du forum » | forum topics and reports, comments to moderate; no page, document, image or setting |
| curator | « Curateurs des réseaux » | what members contribute to the community (shared documents, registry, facilitators, external events) |

Staff status opens nothing by itself: forum moderation is the `portal.moderate_forum` permission
(`is_moderator`, the one test used by the forum, the comments and the admin menu), which only the moderators' group and superusers hold. Administrators are
superusers, the only accounts allowed in the Django admin (`portal.admin_site`).

The groups are created by a data migration (`portal/migrations/0003_roles.py`), which calls
`install_roles` with the historical models; `install_roles(django_apps)` puts them back after a
test flushed the database (`tests.factories.give_role`).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MODERATE_FORUM = "portal.moderate_forum"

ACCESS_ADMIN = "wagtailadmin.access_admin"

CRUD = ("add", "change", "delete", "view")

# The model that carries each permission that is not one of Django's model permissions.
OWN_PERMISSION_MODELS = {MODERATE_FORUM: "profile", ACCESS_ADMIN: "admin"}


def _model_perms(app_label, models, actions=CRUD):
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions)


@dataclass(frozen=True)
class Role:
    key: str
    group: str
    label: str
    permissions: tuple = ()
    page_permissions: tuple = ()  # on the root page, so on every page
    collection_permissions: tuple = ()  # on the root collection, so on every collection
    replaces: tuple = field(default=())  # older groups whose members take this role


EDITOR = Role(
    key="editor",
    group="Éditeurs",
    label=_("Éditeur"),
    permissions=(
        ACCESS_ADMIN,
        *_model_perms("portal", ("theme", "familleachat", "collectivitetype")),
        "ressources.view_webinarregistration",
        "ressources.change_webinarregistration",
    ),
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    collection_permissions=(
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtaildocs.delete_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtailimages.delete_image",
    ),
    replaces=("Editors",),
)

PROMOTION_MANAGER = Role(
    key="promotion_manager",
    group="Gestion des promotions",
    label=_("Gestionnaire des promotions"),
    permissions=(
        ACCESS_ADMIN,
        *_model_perms(
            "promotions",
            (
                "promotion",
                "application",
                "session",
                "membership",
                "recap",
                "promotiondocument",
                "surveyresponse",
            ),
        ),
    ),
)

MODERATOR = Role(
    key="moderator",
    group="Modérateurs du forum",
    label=_("Modérateur du forum"),
    permissions=(
        ACCESS_ADMIN,
        MODERATE_FORUM,
        "forum.view_category",
        "forum.view_topic",
        "forum.change_topic",
        "forum.view_report",
        "forum.change_report",
    ),
    replaces=("Moderators",),
)

# A regional purchasing network's facilitator, or a member of staff, who reviews what members
# contribute: each community app adds the permissions on its models here, and a migration of its
# own that runs install_roles.
CURATOR = Role(
    key="curator",
    group="Curateurs des réseaux",
    label=_("Curateur (réseau d'acheteurs)"),
    permissions=(
        ACCESS_ADMIN,
        *_model_perms("territoires", ("facilitator", "externalevent")),
        # partage: publish or refuse the documents members share
        "partage.moderate_shareddocument",
        "partage.view_shareddocument",
        # registre: read every entry, unpublish one with a reason
        "registre.view_adoptedscheme",
        "registre.unpublish_adoptedscheme",
    ),
)

ROLES = {role.key: role for role in (EDITOR, PROMOTION_MANAGER, MODERATOR, CURATOR)}


def is_moderator(user):
    """Moderates the forum and the comments: the moderators' group, or a superuser; never staff
    status alone. The one definition every view, feed, index and menu asks."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm(MODERATE_FORUM)


def forum_moderators_q():
    """A filter of users on `is_moderator` (the permission, by group or by user)."""
    from django.db.models import Q

    app_label, codename = MODERATE_FORUM.split(".")
    by_group = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    by_user = Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return Q(is_superuser=True) | by_group | by_user


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    app_label, codename = dotted.split(".")
    existing = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if existing is not None:
        return existing
    # Before the first post_migrate of a new database, permissions do not exist yet: create the
    # row Django would create (Django keeps it, matching content type and codename).
    model = OWN_PERMISSION_MODELS.get(dotted) or codename.partition("_")[2]
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.create(
        content_type=content_type, codename=codename, name=f"Can {codename.replace('_', ' ')}"
    )


def install_roles(apps):
    """Creates or updates each role's group; members of the groups a role replaces join it."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    for role in ROLES.values():
        group, _created = Group.objects.get_or_create(name=role.group)
        group.permissions.set([_permission(apps, dotted) for dotted in role.permissions])
        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            for codename in role.page_permissions:
                GroupPagePermission.objects.create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, f"wagtailcore.{codename}"),
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for dotted in role.collection_permissions:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(apps, dotted)
                )
        for old in Group.objects.filter(name__in=role.replaces):
            for user in old.user_set.all():
                user.groups.add(group)
            old.delete()
    return {key: Group.objects.get(name=role.group) for key, role in ROLES.items()}


def role_group(key):
    """The group of a role, created (with the others) if a flushed database lost it."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=ROLES[key].group).first()
    return group if group is not None else install_roles(apps)[key]
