"""Apply to a promotion, get accepted by an admin, see the session, mentor posts the recap,
the participant reads it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from promotions.models import Application, Membership, Promotion, Session
from tests.e2e.conftest import log_in
from tests.factories import AdminFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_apply_accept_session_recap(page, home_page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    organisation = OrganisationFactory(name="Communauté d'agglomération du Cotentin")
    member = UserFactory(
        email="yann.lemarchand@lecotentin.fr", first_name="Yann", last_name="Lemarchand"
    )
    member.profile.organisation = organisation
    member.profile.save()
    mentor = UserFactory(email="mentor@nantesmetropole.fr", first_name="Claire", last_name="Guérin")
    admin = AdminFactory(email="admin@entraide-spaser.fr")
    promotion = Promotion.objects.create(
        name="Mission SPASER — promotion 2",
        description="Trois mois d'entraide entre acheteurs publics.",
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + timedelta(days=90),
        sponsor=OrganisationFactory(name="Bordeaux Métropole"),
        state=Promotion.State.OPEN,
    )
    Membership.objects.create(promotion=promotion, user=mentor, role=Membership.Role.MENTOR)
    session = Session.objects.create(
        promotion=promotion,
        kind=Session.Kind.CODEV,
        title="Co-développement n° 1 : embarquer les élus",
        starts_at=timezone.now() - timedelta(hours=3),
        visio_url="https://webconf.numerique.gouv.fr/mission-spaser-p2-1",
        agenda="Exposé du cas\nQuestions de clarification",
    )

    # The member applies from the public page.
    log_in(page, member.email)
    page.goto("/promotions/")
    page.get_by_role("link", name="Mission SPASER — promotion 2").click()
    page.get_by_label("Votre organisation").select_option(label=organisation.name)
    page.get_by_label("Votre motivation").fill(
        "Nous devons publier notre SPASER cette année et voulons avancer avec des pairs."
    )
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.get_by_text("Votre candidature a été envoyée.").wait_for()
    application = Application.objects.get(user=member)
    assert "Candidature reçue" in mail.outbox[-1].subject

    # An admin accepts it with the bulk action of the Wagtail admin.
    log_in(page, admin.email)
    page.goto("/admin/snippets/promotions/application/")
    page.locator(f"input[data-object-id='{application.pk}']").check()
    page.get_by_role("link", name="Accepter les candidatures sélectionnées").click()
    page.get_by_role("button", name="Oui, accepter").click()
    page.get_by_text("passée à « acceptée »").wait_for()
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert mail.outbox[-1].to == [member.email]
    assert "Bienvenue" in mail.outbox[-1].subject

    # The participant finds the promotion and its session.
    log_in(page, member.email)
    page.goto("/promotions/mes-promotions/")
    page.get_by_role("link", name="Mission SPASER — promotion 2").click()
    page.get_by_role("link", name=session.title).first.click()
    page.get_by_text("Consultation des pairs").wait_for()
    assert page.get_by_role("link", name=session.visio_url).is_visible()

    # The mentor writes and publishes the recap in the site.
    log_in(page, mentor.email)
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Rédiger la fiche récapitulative").click()
    page.get_by_label("Points clés").fill(
        "Viser une délibération dès le lancement\nAssocier les directions prescriptrices"
    )
    page.get_by_label("Actions décidées").fill("Présenter une note au bureau communautaire")
    page.get_by_role("button", name="Publier et prévenir les participants").click()
    page.get_by_text("La fiche est publiée").wait_for()
    assert mail.outbox[-1].to == [member.email]
    assert session.title in mail.outbox[-1].subject

    # The participant reads it.
    log_in(page, member.email)
    page.goto(f"/promotions/{promotion.slug}/espace/fiches/")
    page.get_by_role("link", name=session.title).click()
    page.get_by_text("Viser une délibération dès le lancement").wait_for()
    page.get_by_text("Présenter une note au bureau communautaire").wait_for()
