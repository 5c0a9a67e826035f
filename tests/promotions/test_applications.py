"""Applying to a promotion, the admins' decisions (bulk actions) and the applicant's emails."""

import pytest
from django.core import mail
from django.urls import reverse

from promotions.models import Application, Membership, Promotion
from promotions.services import set_application_status
from tests.factories import AdminFactory, OrganisationFactory, UserFactory

from .factories import ApplicationFactory, MembershipFactory, PromotionFactory

pytestmark = pytest.mark.django_db

MOTIVATION = (
    "Notre métropole doit publier son SPASER d'ici la fin de l'année ; nous voulons avancer."
)


@pytest.fixture
def open_promotion(db):
    return PromotionFactory(name="Mission SPASER — promotion 2", state=Promotion.State.OPEN)


def test_member_applies_and_gets_a_confirmation_email(client, open_promotion):
    organisation = OrganisationFactory(name="Métropole de Lyon")
    user = UserFactory()
    user.profile.organisation = organisation
    user.profile.save()
    client.force_login(user)
    page = client.get(open_promotion.get_absolute_url())
    assert "Envoyer ma candidature" in page.content.decode()
    assert page.context["form"].initial["organisation"] == organisation

    response = client.post(
        reverse("promotions:apply", args=[open_promotion.slug]),
        {"organisation": organisation.pk, "motivation": MOTIVATION},
    )
    assert response.status_code == 302
    application = Application.objects.get(user=user)
    assert application.status == Application.Status.PENDING
    assert application.organisation == organisation
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "Candidature reçue" in mail.outbox[0].subject
    page = client.get(open_promotion.get_absolute_url()).content.decode()
    assert "en attente d&#x27;examen" in page or "en attente d'examen" in page
    assert "Envoyer ma candidature" not in page


def test_invalid_application_shows_french_errors(client, member, open_promotion):
    client.force_login(member)
    response = client.post(
        reverse("promotions:apply", args=[open_promotion.slug]),
        {"organisation": "999999", "motivation": "Trop court"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choisissez une organisation de la liste." in content
    assert "au moins" in content
    assert not Application.objects.exists()


def test_cannot_apply_twice_nor_to_a_closed_promotion(client, member, open_promotion):
    organisation = OrganisationFactory()
    client.force_login(member)
    url = reverse("promotions:apply", args=[open_promotion.slug])
    client.post(url, {"organisation": organisation.pk, "motivation": MOTIVATION})
    client.post(url, {"organisation": organisation.pk, "motivation": MOTIVATION})
    assert Application.objects.count() == 1

    running = PromotionFactory(state=Promotion.State.RUNNING)
    response = client.post(
        reverse("promotions:apply", args=[running.slug]),
        {"organisation": organisation.pk, "motivation": MOTIVATION},
    )
    assert response.status_code == 302
    assert not Application.objects.filter(promotion=running).exists()


def test_visitor_is_asked_to_log_in(client, open_promotion):
    page = client.get(open_promotion.get_absolute_url()).content.decode()
    assert "Se connecter pour candidater" in page
    response = client.post(reverse("promotions:apply", args=[open_promotion.slug]), {})
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("status", "subject", "member_after"),
    [
        (Application.Status.ACCEPTED, "Bienvenue dans la", True),
        (Application.Status.WAITLISTED, "liste d'attente", False),
        (Application.Status.DECLINED, "Votre candidature", False),
    ],
)
def test_each_decision_emails_the_applicant(
    django_capture_on_commit_callbacks, status, subject, member_after
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert set_application_status(application, status, by=AdminFactory())
    assert len(mail.outbox) == 1
    assert subject in mail.outbox[0].subject
    assert mail.outbox[0].to == [application.user.email]
    promotion = application.promotion
    assert promotion.memberships.filter(user=application.user).exists() is member_after
    assert promotion.group.user_set.filter(pk=application.user.pk).exists() is member_after


def test_same_status_twice_sends_nothing(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        set_application_status(application, Application.Status.ACCEPTED)
        assert not set_application_status(application, Application.Status.ACCEPTED)
    assert len(mail.outbox) == 1


def test_declining_an_accepted_application_removes_the_participant(
    django_capture_on_commit_callbacks,
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        set_application_status(application, Application.Status.ACCEPTED)
        set_application_status(application, Application.Status.DECLINED)
    assert not Membership.objects.filter(user=application.user).exists()
    assert not application.promotion.group.user_set.exists()
    assert [message.subject for message in mail.outbox][-1].endswith(
        f"Votre candidature à la {application.promotion.name}"
    )


def test_accepting_keeps_a_mentor_a_mentor():
    application = ApplicationFactory()
    MembershipFactory(
        promotion=application.promotion, user=application.user, role=Membership.Role.MENTOR
    )
    set_application_status(application, Application.Status.ACCEPTED)
    set_application_status(application, Application.Status.DECLINED)
    assert Membership.objects.get(user=application.user).role == Membership.Role.MENTOR


def _bulk_url(action, applications):
    ids = "&".join(f"id={application.pk}" for application in applications)
    return f"/admin/bulk/promotions/application/{action}/?next=/admin/snippets/promotions/application/&{ids}"


def test_admin_listing_offers_the_bulk_actions(admin_client):
    ApplicationFactory()
    content = admin_client.get("/admin/snippets/promotions/application/").content.decode()
    for label in ("Accepter", "Liste d&#x27;attente", "Refuser"):
        assert label in content
    assert "/admin/bulk/promotions/application/accept/" in content


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("accept", Application.Status.ACCEPTED),
        ("waitlist", Application.Status.WAITLISTED),
        ("decline", Application.Status.DECLINED),
    ],
)
def test_bulk_actions_change_status_and_email_each_applicant(
    admin_client, django_capture_on_commit_callbacks, action, status
):
    promotion = PromotionFactory(state=Promotion.State.OPEN)
    applications = ApplicationFactory.create_batch(3, promotion=promotion)
    url = _bulk_url(action, applications)
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "3 candidatures suivantes" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    assert {a.status for a in Application.objects.all()} == {status}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        a.user.email for a in applications
    )
    accepted = status == Application.Status.ACCEPTED
    assert promotion.group.user_set.count() == (3 if accepted else 0)


def test_accepted_participant_sees_the_promotion_in_mes_promotions(client, admin_client):
    application = ApplicationFactory()
    admin_client.post(_bulk_url("accept", [application]))
    client.force_login(application.user)
    content = client.get(reverse("promotions:mine")).content.decode()
    assert application.promotion.name in content
    assert application.promotion.get_space_url() in content


def test_members_without_admin_access_cannot_use_bulk_actions(client, member):
    application = ApplicationFactory()
    client.force_login(member)
    client.post(_bulk_url("accept", [application]))
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert not mail.outbox


# --- The promotion's auth group -------------------------------------------------------------


def test_group_follows_memberships_and_promotion():
    promotion = PromotionFactory(name="Promotion Gamma")
    assert promotion.group.name == "Promotion : Promotion Gamma"
    membership = MembershipFactory(promotion=promotion)
    mentor = MembershipFactory(promotion=promotion, role=Membership.Role.MENTOR)
    assert set(promotion.group.user_set.all()) == {membership.user, mentor.user}
    membership.delete()
    assert set(promotion.group.user_set.all()) == {mentor.user}
    promotion.name = "Promotion Delta"
    promotion.save()
    promotion.group.refresh_from_db()
    assert promotion.group.name == "Promotion : Promotion Delta"
    group_id = promotion.group_id
    promotion.delete()
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(pk=group_id).exists()


def test_admin_edits_memberships_inline_and_the_group_follows(admin_client):
    promotion = PromotionFactory()
    user = UserFactory()
    url = f"/admin/snippets/promotions/promotion/edit/{promotion.pk}/"
    form = admin_client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None and not hasattr(value, "all"):
            data[name] = value.pk if hasattr(value, "pk") else value
    data.update(
        {
            "start_date": "2027-01-12",
            "end_date": "2027-04-13",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": user.pk,
            "memberships-0-role": "participant",
            "memberships-0-ORDER": "1",
            "memberships-0-DELETE": "",
            "memberships-0-id": "",
        }
    )
    data = {key: value for key, value in data.items() if value not in (None, False)}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(promotion.group.user_set.all()) == [user]


def test_accepting_beyond_capacity_warns_the_admin(admin_client):
    promotion = PromotionFactory(state=Promotion.State.OPEN, capacity=1)
    applications = ApplicationFactory.create_batch(2, promotion=promotion)
    response = admin_client.post(_bulk_url("accept", applications), follow=True)
    assert "compte 2 participants pour 1 places" in response.content.decode()
