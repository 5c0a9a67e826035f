"""Saved self-assessments in the Wagtail admin (read and correct; members create them)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_display import people_related, person_column

from .models import Assessment


class AssessmentViewSet(ModelViewSet):
    model = Assessment
    menu_label = _("Autodiagnostics")
    icon = "tasks"
    add_to_admin_menu = True
    menu_order = 700
    list_display = [
        "organisation",
        "year",
        "version",
        "score",
        BooleanColumn("obliged", label=_("Soumis à l'obligation")),
        "source",
        person_column("created_by", label=_("Enregistré par")),
    ]
    list_filter = ["year", "obliged", "source"]
    search_fields = ["organisation__name", "organisation__siren"]
    form_fields = ["organisation", "year", "source"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return Assessment.objects.select_related("organisation", *people_related("created_by"))


assessment_viewset = AssessmentViewSet("diagnostic_assessments")


@hooks.register("register_admin_viewset")
def register_assessment_viewset():
    return assessment_viewset
