from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import can_manage, outbox_index


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage(request.user)


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [path("courriels/", outbox_index, name="outbox_index")]


@hooks.register("register_settings_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Courriels sortants"), reverse("outbox_index"), icon_name="mail", order=900
    )
