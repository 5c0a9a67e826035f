from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .roles import is_moderator


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_comments_moderation_menu_item():
    return ModeratorMenuItem(
        _("Commentaires à modérer"),
        reverse("comments_moderation"),
        icon_name="comment",
        order=900,
    )


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_membership_requests_menu_item():
    """Staff decide join requests on the site's queue, which logs and tells the requester."""
    return StaffMenuItem(
        _("Demandes de rattachement"),
        reverse("portal:membership_requests"),
        icon_name="group",
        order=890,
    )
