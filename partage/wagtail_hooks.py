from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import is_curator


class CuratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_curator(request.user)


@hooks.register("register_admin_menu_item")
def register_shared_documents_queue_menu_item():
    """Curators decide on the site's queue, which tells the contributor by e-mail."""
    return CuratorMenuItem(
        _("Documents partagés à relire"),
        reverse("partage:queue"),
        icon_name="doc-full",
        order=880,
    )
