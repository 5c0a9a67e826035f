"""Wagtail admin: the promotion models as snippets, and bulk decisions on applications."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import Application, Promotion, PromotionDocument, Recap, Session, SurveyResponse


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "group"
    menu_label = _("Promotions")
    list_display = ["name", "state", "start_date", "end_date", "capacity", "sponsor"]
    list_filter = ["state"]
    search_fields = ["name", "description"]
    ordering = ["-start_date"]


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = _("Candidatures")
    list_display = [
        "user",
        Column("organisation", label=_("Organisation")),
        "promotion",
        Column("status", label=_("Statut"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Déposée le")),
    ]
    list_filter = ["status", "promotion"]
    search_fields = ["motivation", "user__last_name", "user__email", "organisation__name"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("Séances")
    list_display = ["title", "promotion", "kind", "starts_at"]
    list_filter = ["promotion", "kind"]
    ordering = ["-starts_at"]


class RecapViewSet(SnippetViewSet):
    model = Recap
    icon = "doc-full"
    menu_label = _("Fiches récapitulatives")
    list_display = ["__str__", "status", "author", "published_at"]
    list_filter = ["status"]
    copy_view_enabled = False


class PromotionDocumentViewSet(SnippetViewSet):
    model = PromotionDocument
    icon = "doc-full-inverse"
    menu_label = _("Documents de promotion")
    list_display = ["title", "promotion", "session", "uploaded_at"]
    list_filter = ["promotion"]
    copy_view_enabled = False


class SurveyResponseViewSet(SnippetViewSet):
    model = SurveyResponse
    icon = "list-ul"
    menu_label = _("Questionnaire")
    list_display = ["user", "promotion", "more_able", "publish_plan", "created_at"]
    list_filter = ["promotion", "more_able", "publish_plan"]
    copy_view_enabled = False


class PromotionsGroup(SnippetViewSetGroup):
    menu_label = _("Promotions")
    menu_icon = "group"
    menu_order = 250
    items = (
        PromotionViewSet,
        ApplicationViewSet,
        SessionViewSet,
        RecapViewSet,
        PromotionDocumentViewSet,
        SurveyResponseViewSet,
    )


register_snippet(PromotionsGroup)


# --- Bulk decisions on applications ---------------------------------------------------------


class ApplicationStatusBulkAction(SnippetBulkAction):
    """Accept, waiting-list or decline the selected applications; each applicant gets an email."""

    models = [Application]
    template_name = "promotions/admin/confirm_bulk_status.html"
    status = None
    confirm_label = ""

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "confirm_label": self.confirm_label,
            "status_label": Application.Status(self.status).label,
        }

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = sum(
            services.set_application_status(application, cls.status, by=user)
            for application in objects
        )
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d candidature passée à « %(status)s » ; le candidat a été prévenu.",
            "%(count)d candidatures passées à « %(status)s » ; les candidats ont été prévenus.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": Application.Status(self.status).label}


@hooks.register("register_bulk_action")
class AcceptApplicationsBulkAction(ApplicationStatusBulkAction):
    display_name = _("Accepter")
    action_type = "accept"
    aria_label = _("Accepter les candidatures sélectionnées")
    confirm_label = _("Oui, accepter")
    action_priority = 10
    status = Application.Status.ACCEPTED

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = super().get_success_message(num_parent_objects, num_child_objects)
        promotions = {application.promotion for application in self.actionable_objects}
        for promotion in promotions:
            count = promotion.participants().count()
            if count > promotion.capacity:
                message += " " + _(
                    "Attention : %(name)s compte %(count)d participants pour %(capacity)d places."
                ) % {"name": promotion.name, "count": count, "capacity": promotion.capacity}
        return message


@hooks.register("register_bulk_action")
class WaitlistApplicationsBulkAction(ApplicationStatusBulkAction):
    display_name = _("Liste d'attente")
    action_type = "waitlist"
    aria_label = _("Mettre les candidatures sélectionnées sur liste d'attente")
    confirm_label = _("Oui, mettre sur liste d'attente")
    action_priority = 20
    status = Application.Status.WAITLISTED


@hooks.register("register_bulk_action")
class DeclineApplicationsBulkAction(ApplicationStatusBulkAction):
    display_name = _("Refuser")
    action_type = "decline"
    aria_label = _("Refuser les candidatures sélectionnées")
    confirm_label = _("Oui, refuser")
    action_priority = 30
    classes = {"serious"}
    status = Application.Status.DECLINED


# --- Recaps published from the admin also reach the participants ----------------------------


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def notify_recap_published(request, instance):
    if isinstance(instance, Recap):
        services.notify_recap_published(instance)
