from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .comments_moderation import is_moderator


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
