from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import WebinarRegistration


class WebinarRegistrationViewSet(SnippetViewSet):
    model = WebinarRegistration
    icon = "group"
    menu_label = _("Inscriptions aux webinaires")
    add_to_admin_menu = True
    list_display = ["user", "webinar", "status", "seat", "created", "reminder_sent"]
    list_filter = ["status", "reminder_sent"]
    list_export = ["user", "webinar", "status", "created"]
    ordering = ["-created"]
    inspect_view_enabled = True


register_snippet(WebinarRegistrationViewSet)
