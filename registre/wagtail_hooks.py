"""The registry in the Wagtail admin: curators list every entry (published, withdrawn,
unpublished) and open its public page, where they unpublish one with a reason. Entries are
published on the site by the organisations' verified members, never created here."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AdoptedScheme


class NoCreatePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(AdoptedScheme, NoCreatePermissionPolicy(AdoptedScheme))


class AdoptedSchemeViewSet(SnippetViewSet):
    model = AdoptedScheme
    icon = "doc-full"
    menu_label = _("SPASER adoptés")
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        "title",
        "organisation",
        "adopted_on",
        Column("period_label", label=_("Période")),
        "status",
    ]
    list_filter = ["status", "obligation"]
    ordering = ["-adopted_on", "-pk"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "organisation",
        "title",
        "adopted_on",
        "deliberation",
        "period_start",
        "period_end",
        "obligation",
        "website_url",
        "env_target",
        "social_target",
        "esus_target",
        "status",
        "status_reason",
        "published_at",
        "updated_at",
        "status_changed_at",
    ]
    panels = [FieldPanel("status"), FieldPanel("status_reason")]


register_snippet(AdoptedSchemeViewSet)
