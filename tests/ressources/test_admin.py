import html

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ressources.models import ClausePage, WebinarPage
from ressources.registration import register
from tests.factories import AdminFactory

from . import factories

pytestmark = pytest.mark.django_db


class TestEditorsCanWork(WagtailPageTestCase):
    def setUp(self):
        from wagtail.models import Page, Site

        from portal.models import HomePage

        root = Page.get_first_root_node()
        self.home = root.add_child(
            instance=HomePage(title="Accueil", slug="accueil", hero_title="x")
        )
        Site.objects.update_or_create(
            is_default_site=True, defaults={"root_page": self.home, "hostname": "localhost"}
        )
        self.admin = AdminFactory()
        self.client.force_login(self.admin)

    def test_pages_are_renderable_and_their_edit_forms_open(self):
        webinar = factories.webinar(
            factories.webinar_index(self.home),
            speakers=[("speaker", {"name": "Claire Guérin", "role": "", "organisation": ""})],
        )
        clause = factories.clause(factories.clause_index(self.home), cpv_codes="45000000-7")
        for page in (webinar, clause):
            self.assertPageIsRenderable(page)
            edit = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(edit.status_code, 200)
        self.assertPageIsRoutable(webinar, "ics/")
        self.assertPageIsRoutable(clause, "docx/")

    def _clause_data(self, **overrides):
        data = {
            "title": "Clause d'insertion",
            "slug": "clause-insertion",
            "clause_type": "sociale",
            "kind": "condition",
            "legal_basis": "L2112-2",
            "summary": "",
            "clause_text": "Le titulaire réserve 5 % des heures travaillées.",
            "usage_notes": rich_text(""),
            "legal_text_date": "2026-08-22",
            "cpv_codes": "45000000-7",
            "examples": streamfield([]),
            "related": streamfield([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_creates_a_clause(self):
        index = factories.clause_index(self.home)
        self.assertCanCreate(index, ClausePage, self._clause_data())
        self.assertEqual(ClausePage.objects.get().cpv_list, ["45000000-7"])

    def test_a_page_created_in_the_admin_gets_an_ascii_slug(self):
        index = factories.clause_index(self.home)
        url = reverse("wagtailadmin_pages:add", args=("ressources", "clausepage", index.pk))
        # The slug field's script turns the title into an ASCII slug (« marches-reserves »):
        # Wagtail writes the allow-unicode flag only when accented slugs are allowed.
        form = self.client.get(url).content.decode()
        self.assertIn('data-controller="w-slug"', form)
        self.assertNotIn("data-w-slug-allow-unicode-value", form)
        # A slug left empty is made from the title, in ASCII too.
        clause = factories.clause(index, title="Marchés réservés : clause d'accès", slug="")
        self.assertEqual(clause.slug, "marches-reserves-clause-dacces")
        self.assertTrue(clause.url.isascii())

    def test_editor_sees_french_errors_for_bad_cpv_codes_and_articles(self):
        index = factories.clause_index(self.home)
        url = reverse("wagtailadmin_pages:add", args=("ressources", "clausepage", index.pk))
        response = self.client.post(
            url, self._clause_data(cpv_codes="4500000-7", legal_basis="article 12")
        )
        self.assertEqual(response.status_code, 200)
        content = html.unescape(response.content.decode())
        self.assertIn("« 4500000-7 » n'est pas un code CPV valide", content)
        self.assertIn("Indiquez un article du code de la commande publique", content)
        self.assertFalse(ClausePage.objects.exists())


def test_admin_lists_registrations(admin_client, webinar, member):
    register(webinar, member)
    response = admin_client.get(reverse("wagtailsnippets_ressources_webinarregistration:list"))
    assert response.status_code == 200
    assert f"{member.first_name} {member.last_name}" in html.unescape(response.content.decode())


def test_registration_list_names_people_and_shows_reminders_as_yes_no(
    admin_client, webinar, member
):
    register(webinar, member)
    content = html.unescape(
        admin_client.get(
            reverse("wagtailsnippets_ressources_webinarregistration:list")
        ).content.decode()
    )
    assert f"{member.first_name} {member.last_name}" in content
    assert ">False<" not in content and ">True<" not in content


def test_members_cannot_reach_the_registrations_admin(member_client):
    response = member_client.get(reverse("wagtailsnippets_ressources_webinarregistration:list"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "path,anonymous_status,member_status",
    [
        ("", 200, 200),
        ("ics/", 200, 200),
        ("inscription/", 302, 302),
    ],
)
def test_webinar_urls_per_role(
    client, member_client, webinar, path, anonymous_status, member_status
):
    assert client.get(webinar.url + path).status_code == anonymous_status
    assert member_client.get(webinar.url + path).status_code == member_status


def test_clause_downloads_are_public(client, clause_index):
    clause = factories.clause(clause_index)
    for path in ("", "docx/", "odt/"):
        assert client.get(clause.url + path).status_code == 200
    assert client.get(clause.url + "pdf/").status_code == 404


def test_webinar_model_end(webinar):
    assert (webinar.end - webinar.start).total_seconds() == 90 * 60
    assert isinstance(webinar, WebinarPage)


def test_a_webinar_s_registrants_export_as_csv(admin_client, webinar, member):
    register(webinar, member)
    response = admin_client.get(
        reverse("wagtailsnippets_ressources_webinarregistration:list"),
        {"webinar": webinar.pk, "export": "csv"},
    )
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    assert content.splitlines()[0].startswith("Prénom,Nom,Courriel,Organisation")
    assert member.email in content
