"""Starting a draft, the steps of the editor, versions and restoring one."""

import re
from decimal import Decimal

import pytest

from diagnostic.models import Assessment
from diagnostic.scoring import Answers
from redaction.models import Draft, DraftVersion

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_draft_prefilled_from_the_latest_assessment(
    client, organisation, org_member
):
    answers = Answers(
        year=2024,
        spending=Decimal("850000000"),
        org_type="Métropole",
        category="collectivite",
        env_share=Decimal("72"),
        social_share=Decimal("23"),
        esus_share=Decimal("3.4"),
    )
    Assessment(organisation=organisation).fill_from(answers).save()
    client.force_login(org_member)
    response = client.post(
        "/rediger/",
        {"organisation": organisation.pk, "period_start": "2026", "period_end": "2028"},
    )
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/rediger/{draft.pk}/etape/contexte/"
    assert draft.organisation == organisation and draft.created_by == org_member
    assert draft.version_count == 1
    data = draft.data
    assert data["contexte"]["volume"] == "850000000.00"
    assert "850" in data["contexte"]["ambition"] and "obligation" in data["contexte"]["ambition"]
    assert data["indicateurs"]["env"]["baseline"] == "72.00"
    assert data["indicateurs"]["env"]["baseline_year"] == 2024
    assert data["indicateurs"]["esus"]["measure"] == "valeur"
    assert draft.prefill["obliged"] is True
    assert draft.prefill["gaps"], "the score's gaps are shown in the editor"
    page = client.get(response["Location"]).content.decode()
    assert "Ce que dit votre autodiagnostic 2024" in page
    assert "850 000 000" in page
    for slug in ("social", "indicateurs", "gouvernance"):
        assert f'href="/rediger/{draft.pk}/etape/{slug}/"' in page  # the steps' menu


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("2028", "2026", "La dernière année doit suivre"),
        ("2026", "2035", "au plus 6 années"),
        ("٢٠٢٦", "2028", "chiffres 0 à 9"),
        ("20x6", "2028", "quatre chiffres"),
        ("1990", "1992", "entre 2015 et 2045"),
    ],
)
def test_a_bad_period_is_refused_in_french_and_nothing_is_created(
    client, organisation, org_member, start, end, message
):
    client.force_login(org_member)
    response = client.post(
        "/rediger/", {"organisation": organisation.pk, "period_start": start, "period_end": end}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'value="{start}"' in response.content.decode()
    assert not Draft.objects.exists()


def test_each_save_is_a_version_with_who_and_when(client, draft, org_member):
    client.force_login(org_member)
    url = f"/rediger/{draft.pk}/etape/contexte/"
    for text in ("Première ambition.", "Deuxième ambition."):
        response = client.post(
            url, {"ambition": text, "volume": "850 M€", "services": "", "action": "save"}
        )
        assert response.status_code == 302
    versions = list(DraftVersion.objects.filter(draft=draft).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].content["contexte"]["ambition"] == "Première ambition."
    assert versions[2].content["contexte"]["ambition"] == "Deuxième ambition."
    assert {v.saved_by for v in versions} == {org_member}
    draft.refresh_from_db()
    assert draft.content["contexte"]["ambition"] == "Deuxième ambition."
    assert draft.content["contexte"]["volume"] == "850000000.00"
    # the same content again adds no version
    client.post(url, {"ambition": "Deuxième ambition.", "volume": "850 M€", "action": "save"})
    assert DraftVersion.objects.filter(draft=draft).count() == 3


def test_next_goes_to_the_following_step_then_to_the_check(client, draft, org_member):
    client.force_login(org_member)
    response = client.post(
        f"/rediger/{draft.pk}/etape/contexte/", {"ambition": "A", "action": "next"}
    )
    assert response["Location"] == f"/rediger/{draft.pk}/etape/social/"
    response = client.post(
        f"/rediger/{draft.pk}/etape/gouvernance/", {"pilotage": "Élu", "action": "next"}
    )
    assert response["Location"] == f"/rediger/{draft.pk}/verification/"


def test_a_validation_error_keeps_what_was_typed_and_saves_nothing(client, draft, org_member):
    client.force_login(org_member)
    response = client.post(
        f"/rediger/{draft.pk}/etape/contexte/",
        {"ambition": "Mon ambition à garder", "volume": "850 M€ TTC", "action": "save"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "montant hors taxes" in page
    assert "Mon ambition à garder" in page
    assert "Rien n&#x27;est enregistré" in page
    assert DraftVersion.objects.filter(draft=draft).count() == 1


def test_too_long_a_text_is_refused_and_kept(client, draft, org_member):
    client.force_login(org_member)
    text = "x" * 6001
    response = client.post(
        f"/rediger/{draft.pk}/etape/social/", {"objectifs": text, "action": "save"}
    )
    page = response.content.decode()
    assert "dépasse 6000 caractères" in page
    assert text in page
    assert DraftVersion.objects.filter(draft=draft).count() == 1


def test_indicators_step_reads_targets_and_refuses_other_digits(client, draft, org_member):
    client.force_login(org_member)
    url = f"/rediger/{draft.pk}/etape/indicateurs/"
    data = {
        "env_measure": "nombre",
        "env_baseline_year": "2024",
        "env_baseline": "72",
        "env_target_2026": "85",
        "env_target_2027": "100",
        "env_target_2028": "١٠٠",
        "action": "save",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "chiffres 0 à 9" in page
    assert 'value="85"' in page
    data["env_target_2028"] = "100 %"
    data["social_target_2026"] = "12,5"
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    env = draft.content["indicateurs"]["env"]
    assert env == {
        "measure": "nombre",
        "baseline_year": 2024,
        "baseline": "72.00",
        "targets": {"2026": "85.00", "2027": "100.00", "2028": "100.00"},
    }
    assert draft.content["indicateurs"]["social"]["targets"] == {"2026": "12.50"}
    # shown back in French
    assert 'value="12,5"' in client.get(url).content.decode()


def test_a_percentage_above_100_is_refused(client, draft, org_member):
    client.force_login(org_member)
    response = client.post(
        f"/rediger/{draft.pk}/etape/indicateurs/", {"env_target_2026": "120", "action": "save"}
    )
    assert "entre 0 et 100" in response.content.decode()


def test_axis_step_proposes_clauses_of_the_families_and_attaches_them(
    client, draft, org_member, clauses, batiment
):
    insertion, dechets = clauses
    client.force_login(org_member)
    url = f"/rediger/{draft.pk}/etape/social/"
    page = client.get(url).content.decode()
    assert insertion.title.replace("'", "&#x27;") in page
    assert dechets.title not in page  # an environmental clause is not proposed for social
    assert re.search(r'<label for="id_objectifs" class="fr-label">\s*Objectifs sociaux', page)
    response = client.post(
        url,
        {
            "leviers": ["insertion", "esus"],
            "familles": [str(batiment.pk)],
            "objectifs": "Insertion",
            "mise_en_oeuvre": "Bilan",
            "clauses": [str(insertion.pk)],
            "action": "save",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.content["social"]["clauses"] == [insertion.pk]
    assert draft.content["social"]["familles"] == [batiment.pk]
    assert draft.content["social"]["leviers"] == ["insertion", "esus"]


def test_an_unknown_clause_is_refused(client, draft, org_member, clauses):
    insertion, dechets = clauses
    client.force_login(org_member)
    response = client.post(
        f"/rediger/{draft.pk}/etape/social/",
        {"objectifs": "Insertion", "clauses": [str(dechets.pk + 1000)], "action": "save"},
    )
    assert response.status_code == 200
    assert "décochez-la" in response.content.decode()


def test_restoring_a_version_makes_a_new_one(client, draft, org_member):
    client.force_login(org_member)
    url = f"/rediger/{draft.pk}/etape/contexte/"
    client.post(url, {"ambition": "Version deux", "action": "save"})
    client.post(url, {"ambition": "Version trois", "action": "save"})
    response = client.post(f"/rediger/{draft.pk}/versions/2/restaurer/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.version_count == 4
    assert draft.content["contexte"]["ambition"] == "Version deux"
    latest = DraftVersion.objects.get(draft=draft, number=4)
    assert latest.restored_from == 2 and latest.saved_by == org_member
    page = client.get(f"/rediger/{draft.pk}/versions/").content.decode()
    assert "rétablit la version 2" in page
    assert "Rétablir la version 3" in page


def test_a_save_after_another_members_save_warns_and_keeps_both(
    client, draft, org_member, organisation
):
    from tests.redaction.conftest import member_of

    colleague = member_of(organisation)
    client.force_login(colleague)
    client.post(
        f"/rediger/{draft.pk}/etape/contexte/", {"ambition": "Collègue", "base_version": "1"}
    )
    client.force_login(org_member)
    response = client.post(
        f"/rediger/{draft.pk}/etape/contexte/",
        {"ambition": "Moi", "base_version": "1", "action": "save"},
        follow=True,
    )
    assert "la sienne reste dans l&#x27;historique" in response.content.decode()
    contents = [v.content["contexte"]["ambition"] for v in draft.versions.order_by("number")]
    assert contents[1:] == ["Collègue", "Moi"]


def test_the_check_page_lists_missing_contents_with_links(client, draft, org_member):
    client.force_login(org_member)
    page = client.get(f"/rediger/{draft.pk}/verification/").content.decode()
    assert "Il manque 9 contenus exigés par la loi." in page
    assert f"/rediger/{draft.pk}/etape/social/" in page
    assert "art. L2111-3 du code de la commande publique" in page


def test_the_questionnaire_just_answered_prefills_the_draft(client, organisation, org_member):
    from tests.questionnaire import fill_questionnaire

    client.force_login(org_member)
    fill_questionnaire(client)
    result = client.get("/diagnostic/resultat/").content.decode()
    assert 'href="/rediger/"' in result
    client.post(
        "/rediger/", {"organisation": organisation.pk, "period_start": "2026", "period_end": "2028"}
    )
    draft = Draft.objects.get()
    assert draft.prefill["year"] == 2024 and draft.prefill["source"] == "questionnaire en cours"
    assert draft.data["indicateurs"]["env"]["baseline"] == "50.00"
    assert draft.data["indicateurs"]["social"]["baseline"] == "14.00"


def test_the_check_fills_the_self_assessments_contents(client, draft, org_member):
    content = draft.data
    content["social"].update(objectifs="Insertion", mise_en_oeuvre="Bilan annuel")
    content["circulaire"]["objectifs"] = "Réemploi"
    draft.save_version(content, org_member, "social")
    client.force_login(org_member)
    assert (
        "Reporter ces contenus" in client.get(f"/rediger/{draft.pk}/verification/").content.decode()
    )
    response = client.post(f"/rediger/{draft.pk}/verification/autodiagnostic/")
    assert response.status_code == 302
    assert client.session["diagnostic"]["contenus"] == {
        "contents": ["content_social", "content_circular"]
    }
    page = client.get("/diagnostic/etape/organisation/")
    assert page.status_code == 200


def test_targets_below_the_law_or_the_plan_are_flagged_on_the_step_and_the_check(
    client, draft, org_member
):
    client.force_login(org_member)
    url = f"/rediger/{draft.pk}/etape/indicateurs/"
    client.post(url, {"env_target_2027": "90", "social_target_2026": "20", "action": "save"})
    for page in (client.get(url), client.get(f"/rediger/{draft.pk}/verification/")):
        text = page.content.decode()
        assert "2027 : une cible de 90 % est en dessous de la loi" in text
        assert "2026 : une cible de 20 % est en dessous de l&#x27;objectif 2025 du PNAD" in text


def test_two_members_saving_from_the_same_state_make_two_versions(draft, organisation):
    from tests.redaction.conftest import member_of

    first, second = Draft.objects.get(pk=draft.pk), Draft.objects.get(pk=draft.pk)
    a = first.save_version({"contexte": {"ambition": "A"}}, member_of(organisation), "contexte")
    b = second.save_version({"contexte": {"ambition": "B"}}, member_of(organisation), "contexte")
    assert (a.number, b.number) == (2, 3)
    draft.refresh_from_db()
    assert draft.version_count == 3 and draft.content["contexte"]["ambition"] == "B"
    assert DraftVersion.objects.get(draft=draft, number=2).content["contexte"]["ambition"] == "A"


@pytest.mark.parametrize("base", ["²", "١", "1_0", "-1", "9" * 30])
def test_a_strange_base_version_is_ignored_not_a_500(client, draft, org_member, base):
    client.force_login(org_member)
    response = client.post(
        f"/rediger/{draft.pk}/etape/contexte/", {"ambition": "Texte", "base_version": base}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.version_count == 2
