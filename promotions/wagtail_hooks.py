"""Wagtail admin: the promotion models as snippets, and bulk decisions on applications."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from portal.account_adapter import user_display
from portal.admin_display import people_related, person, person_column
from portal.csv_safe import NeutralisedSpreadsheetExportMixin
from portal.numbers import parse_int

from . import services, tasks
from .models import (
    Application,
    Membership,
    Promotion,
    PromotionDocument,
    Recap,
    Session,
    SurveyResponse,
)


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "group"
    menu_label = _("Promotions")
    list_display = ["name", "state", "start_date", "end_date", "capacity", "sponsor"]
    list_filter = ["state"]
    search_fields = ["name", "description"]
    ordering = ["-start_date"]


class ApplicationAdminForm(WagtailAdminModelForm):
    """The status can be changed from the edit form too: the change goes through
    services.set_application_status, so the membership and the applicant's email follow."""

    def save(self, commit=True):
        status = self.cleaned_data.get("status")
        application = super().save(commit=False)
        if application.pk is None or not commit:
            if commit:
                application.save()
                self.save_m2m()
            return application
        application.status = (
            Application.objects.filter(pk=application.pk).values_list("status", flat=True).get()
        )
        application.save()
        self.save_m2m()
        if status:
            services.set_application_status(application, status, by=getattr(self, "for_user", None))
        return application


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = _("Candidatures")
    list_display = [
        Column(
            "user",
            label=_("Candidat·e"),
            accessor=lambda application: user_display(application.user),
        ),
        Column("organisation", label=_("Organisation")),
        "promotion",
        Column("status", label=_("Statut"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Déposée le")),
    ]
    list_filter = ["status", "promotion"]
    search_fields = ["motivation", "user__last_name", "user__email", "organisation__name"]
    edit_handler = ObjectList(
        [
            FieldPanel("promotion"),
            FieldPanel("user"),
            FieldPanel("organisation"),
            FieldPanel("motivation"),
            FieldPanel(
                "status",
                help_text=_("Changer le statut prévient le candidat par courriel."),
            ),
        ],
        base_form_class=ApplicationAdminForm,
    )
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Application.objects.select_related("user", "organisation", "promotion")


class SessionAdminForm(WagtailAdminModelForm):
    """« Porteur de cas » offers the participants of the session's promotion only, named with
    their organisation; before a promotion is chosen (a new session) they are grouped by
    promotion. Any participant passes the field; the model's clean() then refuses one from
    another promotion with its own message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("case_holder")
        if field is None:
            return
        participants = Membership.objects.filter(role=Membership.Role.PARTICIPANT)
        field.queryset = field.queryset.filter(pk__in=participants.values("user_id"))
        promotion_id = self._chosen_promotion_id()
        if promotion_id is not None:
            participants = participants.filter(promotion_id=promotion_id)
        groups = {}
        for membership in participants.select_related(
            "promotion", "user__profile__organisation"
        ).order_by("-promotion__start_date", "promotion_id", "user__last_name", "user__first_name"):
            groups.setdefault(str(membership.promotion), []).append(
                (membership.user_id, person(membership.user))
            )
        empty = [("", field.empty_label)]
        if promotion_id is not None:
            field.choices = empty + next(iter(groups.values()), [])
        else:
            field.choices = empty + list(groups.items())

    def _chosen_promotion_id(self):
        if self.is_bound:
            return parse_int(self.data.get(self.add_prefix("promotion"), ""))
        return self.instance.promotion_id


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("Séances")
    edit_handler = ObjectList(Session.panels, base_form_class=SessionAdminForm)
    list_display = ["title", "promotion", "kind", "starts_at"]
    list_filter = ["promotion", "kind"]
    ordering = ["-starts_at"]


class RecapViewSet(SnippetViewSet):
    model = Recap
    icon = "doc-full"
    menu_label = _("Fiches récapitulatives")
    list_display = [
        "__str__",
        "status",
        person_column("author", label=_("Auteur·rice")),
        "published_at",
    ]
    list_filter = ["status"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Recap.objects.select_related("session__promotion", *people_related("author"))


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
    list_display = [
        person_column("user", label=_("Participant·e")),
        "promotion",
        "more_able",
        "publish_plan",
        "created_at",
    ]
    list_filter = ["promotion", "more_able", "publish_plan"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return SurveyResponse.objects.select_related("promotion", *people_related("user"))


PERSON_EXPORT = ["user.first_name", "user.last_name", "user.email", "user.profile.organisation"]
PERSON_HEADINGS = {
    "user.first_name": _("Prénom"),
    "user.last_name": _("Nom"),
    "user.email": _("Courriel"),
    "user.profile.organisation": _("Organisation"),
}


class MembershipIndexView(NeutralisedSpreadsheetExportMixin, IndexView):
    pass


class MembershipViewSet(SnippetViewSet):
    """Participants and mentors of each promotion, filtered by promotion, exported as CSV."""

    model = Membership
    index_view_class = MembershipIndexView
    icon = "user"
    menu_label = _("Participants et mentors")
    list_display = [
        person_column("user", label=_("Membre")),
        "promotion",
        Column("role", label=_("Rôle"), accessor="get_role_display"),
        DateColumn("joined_at", label=_("Depuis le")),
    ]
    list_filter = ["promotion", "role"]
    list_export = [*PERSON_EXPORT, "promotion", "get_role_display", "joined_at"]
    export_headings = {**PERSON_HEADINGS, "get_role_display": _("Rôle")}
    export_filename = "participants-promotion"
    search_fields = ["user__last_name", "user__email"]
    copy_view_enabled = False
    panels = [FieldPanel("promotion"), FieldPanel("user"), FieldPanel("role")]

    def get_queryset(self, request):
        return Membership.objects.select_related("promotion", *people_related("user"))


class PromotionsGroup(SnippetViewSetGroup):
    menu_label = _("Promotions")
    menu_icon = "group"
    menu_order = 250
    items = (
        PromotionViewSet,
        ApplicationViewSet,
        MembershipViewSet,
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
        tasks.notify_recap_published(instance)
