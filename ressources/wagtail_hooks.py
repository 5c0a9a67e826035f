from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from portal.admin_display import people_related, person_column
from portal.csv_safe import NeutralisedSpreadsheetExportMixin

from .models import WebinarRegistration


class WebinarRegistrationIndexView(NeutralisedSpreadsheetExportMixin, IndexView):
    pass


class WebinarRegistrationViewSet(SnippetViewSet):
    model = WebinarRegistration
    index_view_class = WebinarRegistrationIndexView
    icon = "group"
    menu_label = _("Inscriptions aux webinaires")
    add_to_admin_menu = True
    list_display = [
        person_column("user", label=_("Inscrit·e")),
        "webinar",
        "status",
        "seat",
        "created",
        BooleanColumn("reminder_sent", label=_("Rappel envoyé")),
    ]
    list_filter = ["webinar", "status", "reminder_sent"]
    # Filter by webinar, then export its registrants (CSV or Excel) with names and organisations.
    list_export = [
        "user.first_name",
        "user.last_name",
        "user.email",
        "user.profile.organisation",
        "webinar",
        "get_status_display",
        "created",
    ]
    export_headings = {
        "user.first_name": _("Prénom"),
        "user.last_name": _("Nom"),
        "user.email": _("Courriel"),
        "user.profile.organisation": _("Organisation"),
        "get_status_display": _("Statut"),
    }
    export_filename = "inscrits-webinaire"
    ordering = ["-created"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return WebinarRegistration.objects.select_related("webinar", *people_related("user"))


register_snippet(WebinarRegistrationViewSet)
