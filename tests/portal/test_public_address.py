"""Every email, calendar file and feed links to the one configured public address and names people."""

import re

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.core.checks import run_checks
from django.core.management import call_command
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from icalendar import Calendar
from wagtail.models import Site

from forum import services as forum_services
from forum.models import Subscription
from portal.public_url import absolute_url, check_public_url, sync_sites
from promotions import services as promotion_services
from promotions.models import CalendarToken
from ressources.registration import register
from tests.factories import UserFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.forum.factories import CategoryFactory, SeasonedUserFactory, TopicFactory
from tests.promotions.factories import ApplicationFactory, MembershipFactory, SessionFactory
from tests.ressources import factories as ressources_factories

pytestmark = pytest.mark.django_db

PUBLIC = "https://entraide.example.fr"
URL = re.compile(r"https?://[^\s\"'<>)]+")


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PROMOTIONS_PRIVATE_ROOT = "/tmp/spaser-test-private"
    settings.FORUM_NEW_ACCOUNT_DAYS = 0  # comments publish at once: the emails are the subject
    return PUBLIC


def assert_public_links(text, at_least=1):
    links = URL.findall(text)
    assert len(links) >= at_least, text
    for link in links:
        assert link.startswith(PUBLIC + "/") or link == PUBLIC, (link, text)
    for wrong in ("example.com", "localhost", "127.0.0.1", "testserver"):
        assert wrong not in text, (wrong, text)


def assert_calendar_links(content):
    events = Calendar.from_ical(content).walk("VEVENT")
    assert events
    for event in events:
        assert str(event["url"]).startswith(PUBLIC + "/"), event["url"]
        for wrong in ("example.com", "localhost", "127.0.0.1", "testserver"):
            assert wrong not in str(event["description"])


def test_absolute_url_joins_the_configured_address():
    assert absolute_url("/webinaires/x/") == f"{PUBLIC}/webinaires/x/"
    assert absolute_url("webinaires/") == f"{PUBLIC}/webinaires/"
    assert absolute_url("") == PUBLIC
    assert absolute_url("https://ailleurs.fr/a") == "https://ailleurs.fr/a"


def test_sign_up_email_names_the_person_and_the_portal(client, home_page):
    client.post(
        reverse("account_signup"),
        {
            "email": "lea@ville-exemple.fr",
            "first_name": "Léa",
            "last_name": "Fontaine",
            "password1": "Achats-responsables-2026",
            "password2": "Achats-responsables-2026",
        },
    )
    (message,) = mail.outbox
    assert message.subject.startswith("[Entraide SPASER] ")
    assert "Bonjour Léa Fontaine," in message.body
    assert "Entraide SPASER" in message.body
    assert "l'utilisateur" not in message.body and "Hello" not in message.body
    assert f"{PUBLIC}/comptes/confirm-email/" in message.body
    assert_public_links(message.body, at_least=2)


def test_password_reset_email_links_to_the_public_address(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    (message,) = mail.outbox
    assert f"Bonjour {member.first_name} {member.last_name}," in message.body
    assert f"{PUBLIC}/comptes/password/reset/key/" in message.body
    assert_public_links(message.body)


def test_webinar_emails_and_ics_link_to_the_public_address(home_page):
    index = ressources_factories.webinar_index(home_page)
    webinar = ressources_factories.webinar(index, title="Clauses sociales")
    register(webinar, UserFactory())
    (message,) = mail.outbox
    assert_public_links(message.body)
    name, content, _mimetype = message.attachments[0]
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["url"]) == f"{PUBLIC}{webinar.url}"
    assert_public_links(str(event["description"]))


def test_webinar_feed_links_to_the_public_address(client, home_page):
    index = ressources_factories.webinar_index(home_page)
    ressources_factories.webinar(index, title="Clauses sociales")
    response = client.get(f"{index.url}calendrier.ics")
    assert response.status_code == 200
    assert_calendar_links(response.content)


def test_comment_reply_notification_is_french_and_public(client, home_page):
    from tests.fiches.test_comments import post_comment

    index = fiche_index(home_page)
    fiche = make_fiche(index, "Restauration collective")
    author, replier = UserFactory(), UserFactory()
    client.force_login(author)
    post_comment(client, fiche, "Qui a une clause type ?", followup="on")
    client.force_login(replier)
    mail.outbox.clear()
    question = XtdComment.objects.get()  # its id is not 1 on PostgreSQL, whose sequences go on
    post_comment(client, fiche, "Voici la nôtre.", reply_to=question.pk)
    (message,) = mail.outbox
    assert message.subject == "[Entraide SPASER] Nouvelle réponse à votre commentaire"
    assert f"{PUBLIC}{fiche.url}#c" in message.body
    assert f"{PUBLIC}/commentaires/mute/" in message.body
    assert_public_links(message.body, at_least=2)


def test_promotion_emails_and_agenda_feed_link_to_the_public_address(client):
    application = ApplicationFactory()
    promotion_services.application_received(application)
    (message,) = mail.outbox
    assert_public_links(message.body)
    membership = MembershipFactory()
    SessionFactory(promotion=membership.promotion)
    token = CalendarToken.objects.create(user=membership.user)
    assert_calendar_links(client.get(token.get_absolute_url()).content)
    client.force_login(membership.user)
    page = client.get(reverse("promotions:mine")).content.decode()
    assert f"{PUBLIC}{token.get_absolute_url()}" in page


def test_forum_emails_link_to_the_public_address(client, django_capture_on_commit_callbacks):
    topic = TopicFactory(category=CategoryFactory())
    follower, replier = SeasonedUserFactory(), SeasonedUserFactory()
    Subscription.objects.create(user=follower, topic=topic)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        forum_services.add_reply(topic, replier, "Une réponse", base_url="http://localhost")
    message = next(m for m in mail.outbox if m.to == [follower.email])
    assert_public_links(message.body, at_least=2)


def test_sync_sites_sets_both_sites_from_the_public_address(home_page):
    call_command("sync_sites", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == (
        "entraide.example.fr",
        443,
        "Entraide SPASER",
    )
    django_site = DjangoSite.objects.get_current()
    assert (django_site.domain, django_site.name) == ("entraide.example.fr", "Entraide SPASER")
    assert sync_sites() == []


def test_deploy_check_refuses_a_missing_or_insecure_address(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = ""
    assert [error.id for error in check_public_url()] == ["portal.E001"]
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert "portal.E001" in [error.id for error in check_public_url()]


def test_deploy_check_refuses_sites_that_disagree(settings, home_page):
    assert [error.id for error in check_public_url()] == ["portal.E002"]
    sync_sites()
    assert check_public_url() == []
    settings.WAGTAILADMIN_BASE_URL = "https://autre.example.fr"
    (error,) = check_public_url()
    assert error.id == "portal.E002" and "sync_sites" in error.hint
    assert "portal.E002" in [e.id for e in run_checks(include_deployment_checks=True)]
