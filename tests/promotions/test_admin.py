"""The promotion models in the Wagtail admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from promotions.models import PromotionDocument, Session
from tests.samples import odt_bytes

pytestmark = pytest.mark.django_db

MODELS = ["promotion", "application", "session", "recap", "promotiondocument", "surveyresponse"]


@pytest.mark.parametrize("model", MODELS)
def test_listing_and_add_views_render(admin_client, world, model):
    assert admin_client.get(f"/admin/snippets/promotions/{model}/").status_code == 200
    assert admin_client.get(f"/admin/snippets/promotions/{model}/add/").status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_members_and_participants_have_no_admin_access(client, world, model):
    client.force_login(world.mentor_a)
    response = client.get(f"/admin/snippets/promotions/{model}/")
    assert response.status_code == 302


def test_admin_uploads_a_private_document(admin_client, world, private_root):
    response = admin_client.post(
        "/admin/snippets/promotions/promotiondocument/add/",
        {
            "promotion": world.promotion_a.pk,
            "session": world.session_a.pk,
            "title": "Trame de SPASER",
            "file": SimpleUploadedFile("trame.odt", odt_bytes(), "application/vnd.oasis"),
        },
    )
    assert response.status_code == 302
    document = PromotionDocument.objects.get(title="Trame de SPASER")
    assert document.file.path.startswith(str(private_root.resolve()))


def test_document_of_another_promotion_s_session_is_refused(admin_client, world):
    response = admin_client.post(
        "/admin/snippets/promotions/promotiondocument/add/",
        {
            "promotion": world.promotion_a.pk,
            "session": world.session_b.pk,
            "title": "Erreur",
            "file": SimpleUploadedFile("erreur.pdf", b"%PDF", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Cette séance appartient à une autre promotion." in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/promotions/promotiondocument/add/",
        {
            "promotion": world.promotion_a.pk,
            "title": "Exécutable",
            "file": SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert response.status_code == 200
    assert not PromotionDocument.objects.filter(title__in=["Erreur", "Exécutable"]).exists()


def _edit_session_a(admin_client, world, case_holder):
    """Saves promotion A's session in the admin, unchanged but for its case holder."""
    return admin_client.post(
        f"/admin/snippets/promotions/session/edit/{world.session_a.pk}/",
        {
            "promotion": world.promotion_a.pk,
            "kind": Session.Kind.CODEV,
            "title": world.session_a.title,
            "starts_at": "2027-02-09 10:00",
            "duration_minutes": 90,
            "case_holder": case_holder.pk,
        },
    )


def test_case_holder_must_belong_to_the_promotion(admin_client, world):
    response = _edit_session_a(admin_client, world, case_holder=world.participant_b)
    assert response.status_code == 200
    assert "Le porteur de cas doit être membre de la promotion." in response.content.decode()


def test_application_list_names_the_applicant_not_the_username(admin_client, world):
    import html

    from tests.promotions.factories import ApplicationFactory

    application = ApplicationFactory(promotion=world.promotion_a, user=world.member)
    content = html.unescape(
        admin_client.get("/admin/snippets/promotions/application/").content.decode()
    )
    user = application.user
    assert f"{user.first_name} {user.last_name}" in content
    assert f">{user.username}<" not in content


def test_an_application_s_status_changes_from_its_edit_form(admin_client, world):
    from django.core import mail

    from promotions.models import Application, Membership
    from tests.promotions.factories import ApplicationFactory

    application = ApplicationFactory(promotion=world.promotion_a, user=world.member)
    url = f"/admin/snippets/promotions/application/edit/{application.pk}/"
    form = admin_client.get(url).content.decode()
    assert 'name="status"' in form
    mail.outbox.clear()
    response = admin_client.post(
        url,
        {
            "promotion": world.promotion_a.pk,
            "user": world.member.pk,
            "organisation": application.organisation_id,
            "motivation": application.motivation,
            "status": Application.Status.ACCEPTED,
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert Membership.objects.filter(promotion=world.promotion_a, user=world.member).exists()
    assert [message.to for message in mail.outbox] == [[world.member.email]]


def test_a_promotion_s_participants_export_as_csv(admin_client, world):
    url = "/admin/snippets/promotions/membership/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.get(url, {"promotion": world.promotion_a.pk, "export": "csv"})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert "Prénom,Nom,Courriel,Organisation" in content.splitlines()[0]
    assert world.participant_a.email in content and world.mentor_a.email in content
    assert world.participant_b.email not in content


def _case_holder_select(content):
    import html
    import re

    select = re.search(r'<select name="case_holder".*?</select>', content, re.S).group(0)
    return html.unescape(select)


def test_case_holder_dropdown_lists_the_promotion_s_participants_only(admin_client, world):
    content = admin_client.get(
        f"/admin/snippets/promotions/session/edit/{world.session_a.pk}/"
    ).content.decode()
    select = _case_holder_select(content)
    assert "Aurore Caro" in select  # participant of promotion A
    assert "Bruno Bernard" not in select  # participant of promotion B
    assert "Claire Guérin" not in select  # mentor of promotion A
    assert world.member.last_name not in select and world.participant_a.username not in select


def test_case_holder_dropdown_of_a_new_session_groups_participants_by_promotion(
    admin_client, world
):
    select = _case_holder_select(
        admin_client.get("/admin/snippets/promotions/session/add/").content.decode()
    )
    assert '<optgroup label="Promotion Alpha">' in select
    assert '<optgroup label="Promotion Bêta">' in select
    alpha = select.split('<optgroup label="Promotion Alpha">')[1].split("</optgroup>")[0]
    assert "Aurore Caro" in alpha and "Bruno Bernard" not in alpha
    assert "Claire Guérin" not in select and world.member.last_name not in select


def test_a_session_is_saved_with_a_participant_of_its_promotion(admin_client, world):
    response = _edit_session_a(admin_client, world, case_holder=world.participant_a)
    assert response.status_code == 302
    world.session_a.refresh_from_db()
    assert world.session_a.case_holder == world.participant_a


def test_admin_lists_name_recap_authors_and_survey_respondents(admin_client, world):
    import html

    from tests.promotions.factories import SurveyResponseFactory

    SurveyResponseFactory(promotion=world.promotion_a, user=world.participant_a)
    for model in ("recap", "surveyresponse", "membership"):
        content = html.unescape(
            admin_client.get(f"/admin/snippets/promotions/{model}/").content.decode()
        )
        assert f">{world.mentor_a.username}<" not in content, model
        assert f">{world.participant_a.username}<" not in content, model
        assert "Claire Guérin" in content or "Aurore Caro" in content, model
