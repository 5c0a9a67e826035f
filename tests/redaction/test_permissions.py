"""Every draft URL for every role: anonymous, member of another organisation, pending member,
verified member, mentor with and without the shared link, staff."""

import pytest
from django.utils import timezone

from redaction.models import DraftShare

pytestmark = pytest.mark.django_db

READ = ["draft", "check", "versions", "export_docx", "export_odt", "export_pdf"]
WRITE = [
    "step_get",
    "step_post",
    "restore",
    "share_get",
    "share_post",
    "revoke",
    "to_assessment",
]


def request(client, name, draft, share):
    base = f"/rediger/{draft.pk}/"
    calls = {
        "draft": ("get", base, None),
        "check": ("get", base + "verification/", None),
        "versions": ("get", base + "versions/", None),
        "export_docx": ("get", base + "export.docx", None),
        "export_odt": ("get", base + "export.odt", None),
        "export_pdf": ("get", base + "export.pdf", None),
        "step_get": ("get", base + "etape/gouvernance/", None),
        "step_post": ("post", base + "etape/gouvernance/", {"pilotage": "Intrus"}),
        "restore": ("post", base + "versions/1/restaurer/", {}),
        "to_assessment": ("post", base + "verification/autodiagnostic/", {}),
        "share_get": ("get", base + "partage/", None),
        "share_post": ("post", base + "partage/", {"mentor": str(share.mentor_id)}),
        "revoke": ("post", base + f"partage/{share.pk}/revoquer/", {}),
        "shared": ("get", f"/rediger/partage/{share.token}/", None),
    }
    method, url, data = calls[name]
    return getattr(client, method)(url, data) if data is not None else client.get(url)


@pytest.fixture
def share(draft, mentor, org_member):
    return DraftShare.objects.create(draft=draft, mentor=mentor, created_by=org_member)


@pytest.fixture
def users(org_member, other_member, pending_member, mentor, staff):
    return {
        "member": org_member,
        "other": other_member,
        "pending": pending_member,
        "mentor": mentor,
        "staff": staff,
    }


EXPECTED = {
    # role: (read URLs, write URLs, the shared link)
    "anonymous": (302, 302, 302),
    "other": (404, 404, 404),
    "pending": (404, 404, 404),
    "mentor": (404, 404, 200),
    "staff": (200, 403, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("name", READ + WRITE + ["shared"])
def test_matrix(client, users, draft, share, role, name):
    if role != "anonymous":
        client.force_login(users[role])
    read, write, shared = EXPECTED[role]
    expected = read if name in READ else write if name in WRITE else shared
    response = request(client, name, draft, share)
    assert response.status_code == expected, (role, name)
    if expected == 302:
        assert response["Location"].startswith("/comptes/login/")
    draft.refresh_from_db()
    assert draft.version_count == 1, "nothing was written"
    share.refresh_from_db()
    assert share.active


@pytest.mark.parametrize("name", READ + WRITE + ["shared"])
def test_the_verified_member_reaches_every_url(client, org_member, draft, share, name):
    client.force_login(org_member)
    response = request(client, name, draft, share)
    if name == "shared":
        assert response.status_code == 404  # the link is the mentor's only
    elif name in ("step_post", "restore", "share_post", "revoke", "to_assessment"):
        assert response.status_code == 302
    else:
        assert response.status_code == 200


def test_a_revoked_link_no_longer_opens(client, mentor, draft, share, org_member):
    client.force_login(mentor)
    page = client.get(f"/rediger/partage/{share.token}/").content.decode()
    assert draft.title.replace("'", "&#x27;") in page
    assert "Lecture seule" in page
    assert "/etape/" not in page and "/export." not in page
    client.force_login(org_member)
    client.post(f"/rediger/{draft.pk}/partage/{share.pk}/revoquer/")
    share.refresh_from_db()
    assert share.revoked_at is not None and share.revoked_by == org_member
    client.force_login(mentor)
    assert client.get(f"/rediger/partage/{share.token}/").status_code == 404


def test_only_a_mentor_of_the_members_promotion_can_be_chosen(
    client, org_member, draft, other_member, mentor
):
    client.force_login(org_member)
    page = client.get(f"/rediger/{draft.pk}/partage/").content.decode()
    assert "Dominique Mentor" in page
    response = client.post(f"/rediger/{draft.pk}/partage/", {"mentor": str(other_member.pk)})
    assert response.status_code == 200
    assert "Choisissez un mentor de votre promotion." in response.content.decode()
    assert not DraftShare.objects.exists()
    response = client.post(f"/rediger/{draft.pk}/partage/", {"mentor": str(mentor.pk)})
    assert response.status_code == 302
    assert DraftShare.objects.get().mentor == mentor


def test_index_lists_only_the_organisations_drafts(client, draft, other_member, pending_member):
    client.force_login(other_member)
    page = client.get("/rediger/").content.decode()
    assert draft.title.replace("'", "&#x27;") not in page
    assert "Commencer un projet" in page
    client.force_login(pending_member)
    response = client.get("/rediger/")
    assert response.status_code == 403
    assert "membres vérifiés" in response.content.decode()


def test_a_member_cannot_start_a_draft_for_another_organisation(client, org_member, other_member):
    client.force_login(org_member)
    other = other_member.profile.organisation
    response = client.post(
        "/rediger/", {"organisation": str(other.pk), "period_start": "2026", "period_end": "2028"}
    )
    assert response.status_code == 200
    assert not other.spaser_drafts.exists()


def test_revoking_twice_or_another_drafts_share_does_nothing(client, org_member, share, draft):
    share.revoked_at = timezone.now()
    share.save()
    client.force_login(org_member)
    client.post(f"/rediger/{draft.pk}/partage/{share.pk}/revoquer/")
    before = share.revoked_at
    share.refresh_from_db()
    assert share.revoked_at == before
