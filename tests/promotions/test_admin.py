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


def test_case_holder_must_belong_to_the_promotion(admin_client, world):
    response = admin_client.post(
        f"/admin/snippets/promotions/session/edit/{world.session_a.pk}/",
        {
            "promotion": world.promotion_a.pk,
            "kind": Session.Kind.CODEV,
            "title": world.session_a.title,
            "starts_at": "2027-02-09 10:00",
            "duration_minutes": 90,
            "case_holder": world.participant_b.pk,
        },
    )
    assert response.status_code == 200
    assert "Le porteur de cas doit être membre de la promotion." in response.content.decode()
