"""What the portal holds about each member, what leaves with them, and what stays (RGPD).

Every model of the project that points to a user declares itself here, field by field: what the
member's export contains (articles 15 and 20) and what happens when they delete their account
(article 17). `tests/portal/test_personal_data.py` fails when a user-related model of the
project is left out, so a new model cannot be forgotten: declare it with `Holding` below.

Actions on account deletion:
- DELETE: the rows go with the account (registrations, applications, subscriptions…);
- FORMER_MEMBER: the rows stay, signed by the shared « Ancien membre » account (forum posts);
- NULL: the rows stay without their author (assessments saved for an organisation, recaps);
- a dotted path to a function `(queryset, user, choices)` for anything else (comments, where the
  member chooses between keeping them anonymised and removing them).

Models are named by their label and handlers by their dotted path, so this module imports no
feature app (README, « Organisation du code »: `portal` imports no feature app).
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .csv_safe import SafeWriter

DELETE = "delete"
FORMER_MEMBER = "former_member"
NULL = "null"

FORMER_MEMBER_USERNAME = "ancien-membre"
FORMER_MEMBER_NAME = ("Ancien", "membre")

# Apps whose user-related models must be declared: every app of the project (any app whose code
# lives in this repository, new ones included), and the ones it relies on for what members write
# (comments) and who they are (email addresses).
THIRD_PARTY_DECLARING_APPS = ("django_comments", "django_comments_xtd", "account")


def _is_project_app(config):
    """An app whose code is in this repository (not an installed package, even in .venv)."""
    path = Path(config.path).resolve()
    installed = {"site-packages", "dist-packages"} & set(path.parts)
    return not installed and path.is_relative_to(Path(settings.BASE_DIR).resolve())


def declaring_apps():
    return {
        config.label
        for config in apps.get_app_configs()
        if _is_project_app(config) or config.label in THIRD_PARTY_DECLARING_APPS
    }


@dataclass(frozen=True)
class Holding:
    model: str  # "app_label.ModelName"
    user_field: str
    on_delete: str  # DELETE, FORMER_MEMBER, NULL, or the dotted path of a handler
    section: str = ""  # heading of the export; empty: not exported (e.g. "who decided")
    export: tuple = ()
    retention: str = field(default="", compare=False)

    def model_class(self):
        return apps.get_model(self.model)

    def queryset(self, user):
        return self.model_class()._default_manager.filter(**{self.user_field: user})


HOLDINGS = [
    # --- portal ---
    Holding(
        "portal.Profile",
        "user",
        DELETE,
        gettext_lazy("Profil"),
        ("organisation", "job_title", "in_directory"),
    ),
    Holding(
        "portal.OrganisationMembership",
        "user",
        DELETE,
        gettext_lazy("Rattachements aux organisations"),
        ("organisation", "status", "is_referent", "requested_at", "decided_at"),
    ),
    Holding("portal.OrganisationMembership", "verified_by", NULL),
    # the organisation's log keeps the change, without the departed member's name
    Holding("portal.MembershipEvent", "member", NULL),
    Holding("portal.MembershipEvent", "actor", NULL),
    Holding(
        "account.EmailAddress",
        "user",
        DELETE,
        gettext_lazy("Adresses électroniques"),
        ("email", "verified", "primary"),
    ),
    # --- ressources ---
    Holding(
        "ressources.WebinarRegistration",
        "user",
        "portal.personal_data.cancel_registrations",
        gettext_lazy("Inscriptions aux webinaires"),
        ("webinar", "status", "seat", "created"),
    ),
    # --- promotions ---
    Holding(
        "promotions.Application",
        "user",
        DELETE,
        gettext_lazy("Candidatures aux promotions"),
        ("promotion", "organisation", "motivation", "status", "created_at", "decided_at"),
    ),
    Holding("promotions.Application", "decided_by", NULL),
    Holding(
        "promotions.Membership",
        "user",
        DELETE,
        gettext_lazy("Participation aux promotions"),
        ("promotion", "role", "joined_at"),
    ),
    Holding("promotions.CalendarToken", "user", DELETE),
    Holding(
        "promotions.Session",
        "attendees",
        "portal.personal_data.leave_sessions",
        gettext_lazy("Séances suivies"),
        ("promotion", "title", "starts_at"),
    ),
    Holding(
        "promotions.Session",
        "case_holder",
        NULL,
        gettext_lazy("Séances où vous avez présenté un cas"),
        ("promotion", "title", "starts_at"),
    ),
    Holding(
        "promotions.Recap",
        "author",
        NULL,
        gettext_lazy("Fiches récapitulatives écrites"),
        ("session", "key_points", "resources", "actions", "status", "published_at"),
    ),
    Holding(
        "promotions.SurveyResponse",
        "user",
        DELETE,
        gettext_lazy("Réponses au questionnaire de fin de promotion"),
        ("promotion", "more_able", "publish_plan", "comment", "created_at"),
    ),
    # --- forum ---
    Holding(
        "forum.Topic",
        "author",
        FORMER_MEMBER,
        gettext_lazy("Sujets ouverts au forum"),
        ("category", "title", "created_at", "status"),
    ),
    Holding("forum.Topic", "last_poster", FORMER_MEMBER),
    Holding(
        "forum.Post",
        "author",
        FORMER_MEMBER,
        gettext_lazy("Messages du forum"),
        ("topic", "body", "created_at", "edited_at", "status"),
    ),
    Holding("forum.Post", "deleted_by", NULL),
    Holding(
        "forum.Subscription",
        "user",
        DELETE,
        gettext_lazy("Abonnements au forum"),
        ("topic", "category", "created_at"),
    ),
    Holding(
        "forum.TopicReadState",
        "user",
        DELETE,
        gettext_lazy("Sujets lus"),
        ("topic", "last_read_at"),
    ),
    Holding(
        "forum.Report",
        "reporter",
        DELETE,
        gettext_lazy("Signalements envoyés"),
        ("post", "reason", "comment", "created_at", "resolved_at"),
    ),
    Holding("forum.Report", "resolved_by", NULL),
    # --- comments ---
    Holding(
        "django_comments_xtd.XtdComment",
        "user",
        "portal.personal_data.handle_comments",
        gettext_lazy("Commentaires"),
        ("content_object", "comment", "submit_date", "is_public", "is_removed"),
    ),
    Holding("django_comments.Comment", "user", "portal.personal_data.handle_comments"),
    Holding(
        "django_comments.CommentFlag",
        "user",
        DELETE,
        gettext_lazy("Commentaires signalés"),
        ("comment", "flag", "flag_date"),
    ),
    # --- diagnostic ---
    Holding(
        "diagnostic.Assessment",
        "created_by",
        NULL,
        gettext_lazy("Autodiagnostics enregistrés pour votre organisation"),
        (
            "organisation",
            "year",
            "version",
            "source",
            "score",
            "obliged",
            "created_at",
            "updated_at",
        ),
    ),
    Holding(
        "diagnostic.DecpImport",
        "created_by",
        NULL,
        gettext_lazy("Imports DECP déposés pour votre organisation"),
        ("organisation", "file_name", "buyer", "year", "status", "created_at", "finished_at"),
    ),
    # --- redaction: drafts are their organisation's; they stay, without their author ---
    Holding(
        "redaction.Draft",
        "created_by",
        NULL,
        gettext_lazy("Projets de SPASER créés pour votre organisation"),
        ("organisation", "title", "period_start", "period_end", "created_at", "updated_at"),
    ),
    Holding(
        "redaction.DraftVersion",
        "saved_by",
        NULL,
        gettext_lazy("Versions de projets de SPASER enregistrées"),
        ("draft", "number", "step", "saved_at"),
    ),
    Holding(
        "redaction.DraftShare",
        "mentor",
        DELETE,
        gettext_lazy("Projets de SPASER partagés avec vous"),
        ("draft", "created_at", "revoked_at"),
    ),
    Holding("redaction.DraftShare", "created_by", NULL),
    Holding("redaction.DraftShare", "revoked_by", NULL),
    # --- partage: a shared document is its organisation's; it stays, without its contributor ---
    Holding(
        "partage.SharedDocument",
        "contributor",
        NULL,
        gettext_lazy("Documents que vous avez partagés"),
        ("organisation", "title", "kind", "audience", "status", "created_at", "withdrawn_at"),
    ),
    Holding("partage.SharedDocument", "reviewed_by", NULL),
    # --- registre: an adopted scheme is its organisation's; it stays, without its author ---
    Holding(
        "registre.AdoptedScheme",
        "published_by",
        NULL,
        gettext_lazy("SPASER adoptés publiés au registre pour votre organisation"),
        ("organisation", "title", "adopted_on", "period_start", "period_end", "status"),
    ),
    Holding("registre.AdoptedScheme", "updated_by", NULL),
    Holding("registre.AdoptedScheme", "status_changed_by", NULL),
]


# Models that hold a member's address without pointing to their account: the emails waiting for
# them or sent to them (the outbox). They go with the account.
ADDRESSED = [("outbox.OutgoingEmail", "to")]


def _purge_addressed(addresses):
    from django.db.models import TextField
    from django.db.models.functions import Cast

    addresses = {address.lower() for address in addresses if address}
    for label, field_name in ADDRESSED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for address in addresses:
            candidates = model._default_manager.annotate(
                _recipients=Cast(field_name, TextField())
            ).filter(_recipients__icontains=address)
            doomed = [
                obj.pk
                for obj in candidates
                if any(address in str(item).lower() for item in getattr(obj, field_name))
            ]
            model._default_manager.filter(pk__in=doomed).delete()


def declared():
    """{(model label, field name)} of every declaration, named by the model defining the field
    (a comment of django-comments-xtd holds its user through django-comments' Comment)."""
    found = set()
    for holding in HOLDINGS:
        model_field = holding.model_class()._meta.get_field(holding.user_field)
        found.add((model_field.model._meta.label, holding.user_field))
    return found


def user_related_fields():
    """{(model label, field name)} of every field of the declaring apps that points to a user."""
    user_model = get_user_model()
    declaring = declaring_apps()
    found = set()
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if (
                model_field.is_relation
                and not model_field.auto_created
                and model_field.related_model is user_model
                and model_field.model is model  # fields inherited from Wagtail's Page: Wagtail's
                and model._meta.app_label in declaring
            ):
                found.add((model._meta.label, model_field.name))
    return found


# --- Export -------------------------------------------------------------------------------


def _value(obj, name):
    try:
        if obj._meta.get_field(name).choices:
            return str(getattr(obj, f"get_{name}_display")())
    except Exception:  # a property such as `content_object`
        pass
    value = getattr(obj, name)
    if callable(value) and not isinstance(value, models.Model):
        value = value()
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a property such as `content_object`
        return name


def collect(user):
    """Everything the portal holds about `user`: [(section, [{label: value}, …]), …]."""
    account = {
        _("Identifiant"): user.get_username(),
        _("Adresse électronique"): user.email,
        _("Prénom"): user.first_name,
        _("Nom"): user.last_name,
        _("Inscription"): _value(user, "date_joined"),
        _("Dernière connexion"): _value(user, "last_login"),
    }
    sections = [(_("Compte"), [account])]
    for holding in HOLDINGS:
        if not holding.section:
            continue
        model = holding.model_class()
        rows = [
            {_field_label(model, name): _value(obj, name) for name in holding.export}
            for obj in holding.queryset(user).order_by("pk")
        ]
        sections.append((str(holding.section), rows))
    return sections


def export_json(user):
    data = {section: rows for section, rows in collect(user)}
    return json.dumps(data, ensure_ascii=False, indent=2)


def export_csv(user):
    """One row per value: section, record number, field, value; every cell neutralised."""
    stream = StringIO()
    writer = SafeWriter(stream)
    writer.writerow([_("Rubrique"), _("Fiche"), _("Champ"), _("Valeur")])
    for section, rows in collect(user):
        for number, row in enumerate(rows, start=1):
            for label, value in row.items():
                writer.writerow([section, number, label, "" if value is None else value])
    return stream.getvalue()


# --- Deletion -----------------------------------------------------------------------------


def former_member():
    """The shared inactive account that signs what members who left wrote."""
    user_model = get_user_model()
    user, _created = user_model._default_manager.get_or_create(
        username=FORMER_MEMBER_USERNAME,
        defaults={
            "first_name": FORMER_MEMBER_NAME[0],
            "last_name": FORMER_MEMBER_NAME[1],
            "email": "",
            "is_active": False,
        },
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def cancel_registrations(queryset, user, choices):
    """Each registration is cancelled first (the first people waiting take the seat), then removed."""
    cancel = import_string("ressources.registration.cancel")
    for registration in queryset.select_related("webinar"):
        cancel(registration)
    queryset.delete()


def leave_sessions(queryset, user, choices):
    for session in queryset:
        session.attendees.remove(user)


def handle_comments(queryset, user, choices):
    """Comments stay signed « Ancien membre », or are removed if the member chose so."""
    changes = {
        "user_name": _("Ancien membre"),
        "user_email": "",
        "user_url": "",
        "ip_address": None,
    }
    if choices.get("remove_comments"):
        changes["is_removed"] = True
    queryset.update(user=None, **changes)


def delete_account(user, *, remove_comments=False):
    """Deletes `user`'s account as declared in HOLDINGS; tells the administrators. Returns a summary."""
    choices = {"remove_comments": remove_comments}
    summary = {"email": user.email, "name": user.get_full_name(), "pk": user.pk}
    addresses = {user.email} | set(
        apps.get_model("account", "EmailAddress")
        .objects.filter(user=user)
        .values_list("email", flat=True)
    )
    with transaction.atomic():
        _purge_addressed(addresses)
        replacement = former_member()
        for holding in HOLDINGS:
            queryset = holding.queryset(user)
            if holding.on_delete == DELETE:
                queryset.delete()
            elif holding.on_delete == FORMER_MEMBER:
                queryset.update(**{holding.user_field: replacement})
            elif holding.on_delete == NULL:
                queryset.update(**{holding.user_field: None})
            else:
                import_string(holding.on_delete)(queryset, user, choices)
        user.delete()
    # Library rows (comments, addresses) were rewritten by untracked querysets: every page.
    from .content_events import announce_everything

    announce_everything()
    notify_administrators(summary)
    return summary


def notify_administrators(summary):
    recipients = list(
        get_user_model()
        ._default_manager.filter(models.Q(is_staff=True) | models.Q(is_superuser=True))
        .filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    send_mail(
        _("Un membre a supprimé son compte"),
        _(
            "Le compte n° %(pk)s a été supprimé par son titulaire le %(day)s.\n\n"
            "Ses messages du forum restent, signés « Ancien membre » ; ses inscriptions, "
            "candidatures et abonnements sont supprimés ; les autodiagnostics enregistrés "
            "restent à son organisation, sans auteur.\n\n"
            "Si des copies de ses données existent hors du portail (exports, sauvegardes), "
            "elles suivent la durée de conservation annoncée dans la politique de "
            "confidentialité."
        )
        % {"pk": summary["pk"], "day": date.today().strftime("%d/%m/%Y")},
        settings.DEFAULT_FROM_EMAIL,
        recipients,
    )
