"""How the Wagtail admin shows people and yes/no values.

An account is named by its person and organisation (« Léa Fontaine (Ville de Dunkerque) »), never
by its username: in every dropdown of an admin form that picks an account, in the inspect views
and in the listings' person columns (`person_column`). A yes/no field reads « Oui » / « Non »,
never `True` / `False`. `install()` (called once, from the portal's AppConfig.ready) registers
the form field and the inspect displays with Wagtail's registries, so every model gets them.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column

from .account_adapter import user_display

# What a listing must select with its rows to name people without a query per row.
PERSON_RELATED = "profile__organisation"


def person(user):
    """« Prénom Nom (Organisation) », « Prénom Nom » without an organisation, "" for no one."""
    if user is None:
        return ""
    organisation = getattr(getattr(user, "profile", None), "organisation", None)
    name = user_display(user)
    return f"{name} ({organisation})" if organisation else name


def person_column(field_name, label):
    """A listing column naming the account in `field_name`; select `<field>__profile__organisation`
    with the rows (`people_related`)."""
    return Column(field_name, label=label, accessor=lambda obj: person(getattr(obj, field_name)))


def people_related(*field_names):
    """The select_related paths that `person_column`s on these fields need."""
    return [path for name in field_names for path in (name, f"{name}__{PERSON_RELATED}")]


def yes_no(value):
    if value is None:
        return "—"
    return gettext("Oui") if value else gettext("Non")


class PersonChoiceField(forms.ModelChoiceField):
    """An account picked by the name of its person and organisation."""

    def __init__(self, queryset, **kwargs):
        queryset = queryset.select_related(PERSON_RELATED).order_by("last_name", "first_name", "pk")
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj):
        return person(obj)


class PersonDisplay(Component):
    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        return format_html("{}", person(self.value) or "—")


class YesNoDisplay(Component):
    def __init__(self, value):
        self.value = value

    def render_html(self, parent_context=None):
        return format_html("{}", yes_no(self.value))


def install():
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.admin.ui.fields import register_display_class

    register_form_field_override(
        models.ForeignKey,
        to=settings.AUTH_USER_MODEL,
        override={"form_class": PersonChoiceField},
    )
    register_display_class(
        models.ForeignKey, to=settings.AUTH_USER_MODEL, display_class=PersonDisplay
    )
    register_display_class(models.BooleanField, display_class=YesNoDisplay)
