"""The Wagtail admin names people (never their username), says « Oui » / « Non » (never `False`)
and capitalises its panel headings, on every model the project edits there."""

import html
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Page

from ressources.registration import register
from tests.factories import OrganisationFactory, UserFactory
from tests.ressources import factories as ressources_factories

pytestmark = pytest.mark.django_db

# The project's own apps: those whose code lives in the repository, not in the environment.
PROJECT_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(settings.BASE_DIR)
    and not Path(config.path).is_relative_to(Path(settings.BASE_DIR) / ".venv")
}


def _edit_handlers():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        if issubclass(model, Page):
            yield model, model.get_edit_handler()
        elif hasattr(model, "snippet_viewset"):
            yield model, model.snippet_viewset.get_edit_handler()
        elif hasattr(model, "panels") or hasattr(model, "edit_handler"):
            yield model, get_edit_handler(model)


def _headings(panel):
    for text in (getattr(panel, "heading", ""), getattr(panel, "label", "")):
        if text:
            yield str(text)
    for child in getattr(panel, "children", []):
        yield from _headings(child)


def test_every_panel_heading_starts_with_a_capital():
    checked, lowercase = 0, []
    for model, handler in _edit_handlers():
        for heading in _headings(handler):
            checked += 1
            if heading[0].isalpha() and not heading[0].isupper():
                lowercase.append(f"{model.__name__}: {heading}")
    assert checked > 20
    assert not lowercase, lowercase


def _options(content, select_name):
    select = re.search(rf'<select name="{select_name}".*?</select>', content, re.S).group(0)
    return re.findall(r"<option[^>]*>([^<]*)</option>", html.unescape(select)), select


def test_account_dropdowns_name_the_person_and_organisation(admin_client):
    from tests.promotions.factories import ApplicationFactory

    organisation = OrganisationFactory(name="Ville de Dunkerque")
    applicant = UserFactory(first_name="Julien", last_name="Vasseur", username="jvasseur")
    applicant.profile.organisation = organisation
    applicant.profile.save()
    application = ApplicationFactory(user=applicant)
    content = admin_client.get(
        reverse("wagtailsnippets_promotions_application:edit", args=[application.pk])
    ).content.decode()
    options, _select = _options(content, "user")
    assert "Julien Vasseur (Ville de Dunkerque)" in options
    assert "jvasseur" not in options


def test_inspect_views_say_yes_or_no_and_name_the_person(admin_client, home_page):
    member = UserFactory(first_name="Léa", last_name="Fontaine", username="lfontaine")
    webinar = ressources_factories.webinar(ressources_factories.webinar_index(home_page))
    registration, _created = register(webinar, member)
    content = html.unescape(
        admin_client.get(
            reverse(
                "wagtailsnippets_ressources_webinarregistration:inspect", args=[registration.pk]
            )
        ).content.decode()
    )
    assert "Léa Fontaine" in content and "lfontaine" not in content
    assert re.search(r">\s*Non\s*<", content)
    assert not re.search(r">\s*(False|True)\s*<", content)


def _listed_fields():
    """(viewset, field) for each model field a project listing shows by its bare name."""
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    reverse("wagtailadmin_home")  # the admin's URLs register every viewset
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not isinstance(viewset, ModelViewSet) or model._meta.app_label not in PROJECT_APPS:
            continue
        names = viewset.list_display if isinstance(viewset.list_display, list | tuple) else ()
        for name in names:
            if isinstance(name, str) and "__" not in name:
                try:
                    yield viewset, model._meta.get_field(name)
                except FieldDoesNotExist:  # a method or property: it says what it shows
                    continue


def test_listings_show_yes_no_and_people_not_raw_values():
    """A yes/no field listed by its name prints `True`/`False`, an account its username: each
    goes through BooleanColumn or person_column instead."""
    from django.contrib.auth import get_user_model
    from django.db import models

    checked, raw = 0, []
    for viewset, field in _listed_fields():
        checked += 1
        if isinstance(field, models.BooleanField) or (
            field.is_relation and field.related_model is get_user_model()
        ):
            raw.append(f"{viewset.model.__name__}.{field.name}")
    assert checked > 20
    assert not raw, raw


def test_forum_listings_name_authors_and_reporters(admin_client):
    from forum import services
    from forum.models import Report
    from tests.forum.factories import CategoryFactory, SeasonedUserFactory

    author = SeasonedUserFactory(first_name="Maya", last_name="Ribault", username="mribault")
    reporter = SeasonedUserFactory(first_name="Julien", last_name="Vasseur", username="jvasseur")
    topic = services.create_topic(CategoryFactory(), author, "Indicateurs", "Texte")
    Report.objects.create(post=topic.posts.get(), reporter=reporter, reason="spam")
    topics = html.unescape(admin_client.get("/admin/snippets/forum/topic/").content.decode())
    reports = html.unescape(admin_client.get("/admin/snippets/forum/report/").content.decode())
    assert "Maya Ribault" in topics and ">mribault<" not in topics
    assert "Julien Vasseur" in reports and ">jvasseur<" not in reports
