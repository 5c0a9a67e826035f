"""The directory and the networks' rendez-vous in the Wagtail admin, for curators and
administrators (portal.roles.CURATOR holds the model permissions)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ExternalEvent, Facilitator


class FacilitatorViewSet(SnippetViewSet):
    model = Facilitator
    icon = "group"
    menu_label = _("Facilitateurs et réseaux")
    list_display = ["name", "structure", "kind", "departements", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "structure", "departements"]
    ordering = ["kind", "name"]


class ExternalEventViewSet(SnippetViewSet):
    model = ExternalEvent
    icon = "date"
    menu_label = _("Rendez-vous des réseaux")
    list_display = ["title", "start", "region", "organiser", "kind"]
    list_filter = ["region", "kind"]
    search_fields = ["title", "organiser", "place"]
    ordering = ["-start"]


class TerritoiresViewSetGroup(SnippetViewSetGroup):
    items = (FacilitatorViewSet, ExternalEventViewSet)
    menu_label = _("Territoires")
    menu_icon = "site"
    menu_order = 350


register_snippet(TerritoiresViewSetGroup)
