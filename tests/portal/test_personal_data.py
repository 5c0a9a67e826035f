"""Each member's own data (issue 21, reproduction 6): the registry, the export, the deletion."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from diagnostic.models import Assessment
from forum.models import Post, Subscription, Topic
from portal import personal_data
from promotions.models import Application, Membership
from ressources.models import WebinarRegistration
from ressources.registration import register
from tests.factories import PASSWORD, AdminFactory, OrganisationFactory, UserFactory
from tests.fiches.factories import fiche_index, make_fiche
from tests.fiches.test_comments import post_comment
from tests.forum.factories import CategoryFactory, PostFactory, TopicFactory
from tests.promotions.factories import ApplicationFactory, MembershipFactory
from tests.ressources.factories import webinar, webinar_index

pytestmark = pytest.mark.django_db


def test_every_user_related_model_of_the_project_is_declared():
    undeclared = personal_data.user_related_fields() - personal_data.declared()
    assert not undeclared, (
        "Declare these fields in portal/personal_data.py (HOLDINGS): what the member's export "
        f"shows and what happens when they delete their account: {sorted(undeclared)}"
    )


def test_every_declaration_names_a_real_user_field():
    assert personal_data.declared() <= personal_data.user_related_fields()


def test_the_registry_walk_sees_the_models_it_must():
    fields = personal_data.user_related_fields()
    assert ("forum.Post", "author") in fields
    assert ("django_comments.Comment", "user") in fields
    assert not any(label.startswith("wagtail") for label, _field in fields)


@pytest.fixture
def world(client, home_page):
    member = UserFactory(first_name="Inès", last_name="Moreau", email="ines@ville-exemple.fr")
    organisation = OrganisationFactory()
    member.profile.organisation = organisation
    member.profile.job_title = '=HYPERLINK("http://piege.invalid")'
    member.profile.save()
    topic = TopicFactory(author=member, category=CategoryFactory(), first_post="Mon premier sujet")
    reply = PostFactory(topic=TopicFactory(), author=member, body="Ma réponse au forum")
    Subscription.objects.create(user=member, topic=reply.topic)
    full = webinar(webinar_index(home_page), title="Construire son SPASER", capacity=1)
    registration, _created = register(full, member)
    waiting_member = UserFactory()
    waiting, _created = register(full, waiting_member)
    application = ApplicationFactory(user=member, organisation=organisation)
    membership = MembershipFactory(user=member)
    assessment = Assessment.objects.create(
        organisation=organisation,
        year=2025,
        created_by=member,
        spending=Decimal("60000000"),
        obliged=True,
        score=40,
    )
    fiche = make_fiche(fiche_index(home_page), "Restauration collective")
    client.force_login(member)
    post_comment(client, fiche, "Mon commentaire sur la fiche")
    client.logout()
    return {
        "member": member,
        "topic": topic,
        "reply": reply,
        "registration": registration,
        "waiting": waiting,
        "application": application,
        "membership": membership,
        "assessment": assessment,
        "fiche": fiche,
        "comment": XtdComment.objects.get(user=member),
    }


def test_the_export_holds_everything_about_the_member(client, world):
    client.force_login(world["member"])
    response = client.get(reverse("portal:my_data_download", args=["json"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["Compte"][0]["Adresse électronique"] == "ines@ville-exemple.fr"
    text = response.content.decode()
    for expected in (
        "Mon premier sujet",
        "Ma réponse au forum",
        "Construire son SPASER",
        world["application"].motivation,
        str(world["membership"].promotion),
        "Mon commentaire sur la fiche",
        str(world["assessment"].organisation),
    ):
        assert expected in text, expected
    assert data["Abonnements au forum"]
    assert (
        data["Autodiagnostics enregistrés pour votre organisation"][0]["année des achats"] == 2025
    )


def test_the_csv_export_is_inert(client, world):
    client.force_login(world["member"])
    response = client.get(reverse("portal:my_data_download", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0] == ["Rubrique", "Fiche", "Champ", "Valeur"]
    values = [row[3] for row in rows[1:]]
    assert '\'=HYPERLINK("http://piege.invalid")' in values
    assert not any(value.startswith("=") for value in values)


def test_another_export_format_is_not_found(client, world):
    client.force_login(world["member"])
    assert client.get("/compte/mes-donnees/export.xml").status_code == 404


def test_my_data_page_requires_login(client):
    response = client.get(reverse("portal:my_data"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def _delete(client, member, **data):
    client.force_login(member)
    return client.post(
        reverse("portal:delete_account"),
        {"password": PASSWORD, "confirm": "on", "comments": "keep"} | data,
    )


def test_a_wrong_password_deletes_nothing(client, world):
    response = _delete(client, world["member"], password="pas-le-bon")
    assert response.status_code == 200
    assert "Ce mot de passe n&#x27;est pas le bon." in response.content.decode()
    assert get_user_model().objects.filter(pk=world["member"].pk).exists()


def test_deletion_must_be_confirmed(client, world):
    response = _delete(client, world["member"], confirm="")
    assert response.status_code == 200
    assert "Cochez cette case pour confirmer." in response.content.decode()
    assert get_user_model().objects.filter(pk=world["member"].pk).exists()


def test_deleting_the_account(client, world):
    staff = AdminFactory(email="admin@entraide-spaser.fr")
    member = world["member"]
    response = _delete(client, member)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(pk=member.pk).exists()

    # Posts stay, signed « Ancien membre ».
    topic = Topic.objects.get(pk=world["topic"].pk)
    reply = Post.objects.get(pk=world["reply"].pk)
    assert topic.author.get_full_name() == reply.author.get_full_name() == "Ancien membre"
    assert not reply.author.is_active
    page = client.get(reply.topic.get_absolute_url()).content.decode()
    assert "Ma réponse au forum" in page and "Ancien membre" in page
    assert "Moreau" not in page

    # Registrations and applications are removed; the seat goes to the person waiting.
    assert not WebinarRegistration.objects.filter(pk=world["registration"].pk).exists()
    world["waiting"].refresh_from_db()
    assert world["waiting"].status == WebinarRegistration.Status.CONFIRMED
    assert not Application.objects.filter(pk=world["application"].pk).exists()
    assert not Membership.objects.filter(pk=world["membership"].pk).exists()
    assert not Subscription.objects.exists()

    # The assessment stays the organisation's, without its author.
    assessment = Assessment.objects.get(pk=world["assessment"].pk)
    assert assessment.created_by is None

    # Comments stay, anonymised.
    comment = XtdComment.objects.get(pk=world["comment"].pk)
    assert comment.user is None and comment.user_email == ""
    assert comment.user_name == "Ancien membre" and not comment.is_removed

    # Staff are told.
    assert any(staff.email in message.to for message in mail.outbox)
    assert "ines@ville-exemple.fr" not in mail.outbox[-1].body

    # No door lets the old address in.
    response = client.post(
        reverse("account_login"), {"login": "ines@ville-exemple.fr", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_a_member_may_remove_their_comments_when_leaving(client, world):
    _delete(client, world["member"], comments="remove")
    comment = XtdComment.objects.get(pk=world["comment"].pk)
    assert comment.is_removed and comment.user is None
    assert "Mon commentaire sur la fiche" not in client.get(world["fiche"].url).content.decode()


def test_the_former_member_account_cannot_log_in(client, world):
    _delete(client, world["member"])
    former = personal_data.former_member()
    assert not former.is_active and not former.has_usable_password()


def test_privacy_page_says_what_is_kept_and_for_how_long(client, home_page):
    html = client.get(reverse("portal:privacy")).content.decode()
    assert "Combien de temps" in html
    assert "Ancien membre" in html
    assert "Messages du forum" in html


def test_my_data_page_lists_what_is_held(client, world):
    client.force_login(world["member"])
    html = client.get(reverse("portal:my_data")).content.decode()
    assert "Messages du forum : 2" in html
    assert "Télécharger (JSON)" in html and "Supprimer définitivement mon compte" in html


def test_every_app_of_the_project_must_declare():
    apps_ = personal_data.declaring_apps()
    assert {"portal", "forum", "promotions", "ressources", "diagnostic", "fiches"} <= apps_
    assert {"django_comments", "account"} <= apps_
    assert not any(label.startswith("wagtail") for label in apps_)


def test_emails_to_the_member_leave_with_the_account(client, world):
    from outbox.models import OutgoingEmail

    OutgoingEmail.objects.all().delete()
    mine = OutgoingEmail.objects.create(
        subject="Rappel",
        body="Bonjour Inès",
        from_email="noreply@x.fr",
        to=["INES@ville-exemple.fr"],
    )
    other = OutgoingEmail.objects.create(
        subject="Rappel", body="Bonjour", from_email="noreply@x.fr", to=["autre@ville-exemple.fr"]
    )
    _delete(client, world["member"])
    assert not OutgoingEmail.objects.filter(pk=mine.pk).exists()
    assert OutgoingEmail.objects.filter(pk=other.pk).exists()
