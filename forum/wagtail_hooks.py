"""The forum in the Wagtail admin: categories are edited there; topics and reports are listed."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.admin_display import people_related, person_column

from .models import Category, Report, Topic


class NoCreatePermissionPolicy(ModelPermissionPolicy):
    """Topics and reports are written on the site (they need an author), never created here."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Topic, NoCreatePermissionPolicy(Topic))
register_permission_policy(Report, NoCreatePermissionPolicy(Report))


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Catégories")
    list_display = ["name", "slug", "restricted_to", "position"]
    search_fields = ["name", "description"]
    ordering = ["position", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "comment"
    menu_label = _("Sujets")
    list_display = [
        "title",
        "category",
        person_column("author", label=_("Auteur")),
        "reply_count",
        "status",
        "last_activity_at",
    ]
    list_filter = ["category", "status", "is_locked", "is_pinned"]
    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("is_locked"),
        FieldPanel("is_pinned"),
    ]
    search_fields = ["title"]
    ordering = ["-last_activity_at"]

    def get_queryset(self, request):
        return Topic.objects.select_related("category", *people_related("author"))


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = _("Signalements")
    list_display = [
        "post",
        "reason",
        person_column("reporter", label=_("Signalé par")),
        "created_at",
        "resolved_at",
    ]
    list_filter = ["reason"]
    ordering = ["-created_at"]
    panels = [FieldPanel("reason"), FieldPanel("comment"), FieldPanel("resolved_at")]

    def get_queryset(self, request):
        return Report.objects.select_related("post__topic", *people_related("reporter"))


class ForumViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, TopicViewSet, ReportViewSet)
    menu_label = _("Forum")
    menu_icon = "comment"
    menu_order = 300


register_snippet(ForumViewSetGroup)
