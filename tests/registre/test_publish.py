"""Publishing an adopted scheme: the form's checks answer in French and keep what was typed, the
file is checked on its content and size, one current entry per organisation and period, edit
and withdrawal, the draft of « Rédiger mon SPASER » turned into the adopted entry."""

import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from diagnostic.models import Assessment
from registre import services
from registre.models import AdoptedScheme
from tests.registre.conftest import form_data, make_entry, pdf_upload
from tests.samples import docx_bytes, odt_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

URL = "/spaser-adoptes/publier/"


def page(response):
    return html.unescape(response.content.decode())


def post(client, organisation, upload=None, **overrides):
    data = form_data(organisation, **overrides)
    if upload is not False:
        data["document"] = upload or pdf_upload()
    return client.post(URL, data)


@pytest.fixture
def logged(client, org_member):
    client.force_login(org_member)
    return client


def test_a_verified_member_publishes_and_reads_the_entry(logged, organisation, org_member):
    response = post(logged, organisation)
    entry = AdoptedScheme.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.organisation == organisation and entry.published_by == org_member
    assert (entry.env_target, entry.social_target, entry.esus_target) == (
        Decimal("100"),
        Decimal("30"),
        Decimal("5.5"),
    )
    assert entry.adopted_on.isoformat() == "2024-12-12"
    assert entry.file_size == len(pdf_bytes())
    text = page(logged.get(entry.get_absolute_url()))
    assert "Schéma des achats responsables 2025-2027" in text
    assert "Délibération n° 2024-211 du conseil métropolitain" in text
    assert "de 2025 à 2027" in text
    assert "Environnement : 100 %" in text and "ESUS : 5,50 %" in text
    assert "PDF – " in text


@pytest.mark.parametrize(
    "name, content",
    [("schema.pdf", pdf_bytes()), ("schema.docx", docx_bytes()), ("schema.odt", odt_bytes())],
)
def test_pdf_odt_and_docx_are_accepted(logged, organisation, name, content):
    response = post(logged, organisation, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    assert AdoptedScheme.objects.get().extension == name.rsplit(".", 1)[1].upper()


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("schema.pdf", b"MZ\x90\x00" + b"\x00" * 200, "ne correspond pas à son extension « .pdf »"),
        ("schema.docx", odt_bytes(), "ne correspond pas à son extension « .docx »"),
        ("schema.odt", b"PK\x03\x04 pas un zip", "ne correspond pas à son extension « .odt »"),
        ("schema.xlsx", b"PK\x03\x04", "Déposez le schéma au format PDF, ODT ou DOCX."),
        (
            "schema.html",
            b"<script>alert(1)</script>",
            "Déposez le schéma au format PDF, ODT ou DOCX.",
        ),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_in_french(
    logged, organisation, registre_root, name, content, message
):
    response = post(logged, organisation, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    text = page(response)
    assert message in text
    assert "Erreur : " in text  # the page title says the form was refused
    assert 'value="Délibération n° 2024-211 du conseil métropolitain"' in text
    assert not AdoptedScheme.objects.exists()
    assert not registre_root.exists() or not any(p.is_file() for p in registre_root.rglob("*"))


def test_a_file_over_the_limit_is_refused(logged, organisation, settings):
    settings.PORTAL_DOCUMENT_MAX_UPLOAD = 1000
    response = post(logged, organisation, SimpleUploadedFile("schema.pdf", pdf_bytes() * 50))
    assert response.status_code == 200
    assert "Ce fichier est trop volumineux" in page(response)
    assert not AdoptedScheme.objects.exists()


def test_a_missing_file_is_asked_for(logged, organisation):
    response = post(logged, organisation, upload=False)
    assert "Joignez le document adopté (PDF, ODT ou DOCX)." in page(response)


BAD_INPUT = [
    ({"period_start": "٢٠٢٥"}, "period_start", "Tapez les nombres avec les chiffres 0 à 9."),
    ({"period_start": "25"}, "period_start", "Indiquez une année sur quatre chiffres"),
    ({"period_start": "2010"}, "period_start", "Indiquez une année entre 2015 et 2045."),
    ({"period_end": "2024"}, "period_end", "La dernière année doit suivre ou égaler la première."),
    ({"period_end": "2035"}, "period_end", "Un schéma couvre au plus 6 années."),
    ({"env_target": "120"}, "env_target", "Un pourcentage doit être compris entre 0 et 100."),
    ({"social_target": "-5"}, "social_target", "Un pourcentage ne peut pas être négatif."),
    ({"esus_target": "５"}, "esus_target", "Tapez les nombres avec les chiffres 0 à 9."),
    ({"esus_target": "beaucoup"}, "esus_target", "Indiquez un pourcentage entre 0 et 100"),
    ({"adopted_on": "31/02/2024"}, "adopted_on", "Indiquez une date valide"),
    ({"adopted_on": "01/01/2099"}, "adopted_on", "Cette date est dans le futur"),
    ({"adopted_on": "01/01/2013"}, "adopted_on", "créé par la loi du 31 juillet 2014"),
    (
        {"website_url": "javascript:alert(1)"},
        "website_url",
        "Indiquez une adresse en http:// ou https://",
    ),
    ({"website_url": "ftp://exemple.fr/spaser"}, "website_url", "Indiquez une adresse en http://"),
    ({"title": "x" * 201}, "title", "Ce texte dépasse 200 caractères (il en compte 201)"),
    ({"summary": "y" * 2001}, "summary", "Ce texte dépasse 2000 caractères"),
    ({"deliberation": ""}, "deliberation", "Indiquez la référence de la délibération"),
    ({"obligation": "peut-être"}, "obligation", "Sélectionnez un choix valide"),
]


@pytest.mark.parametrize("overrides, field, message", BAD_INPUT)
def test_bad_input_is_answered_in_french_and_keeps_what_was_typed(
    logged, organisation, overrides, field, message
):
    response = post(logged, organisation, **overrides)
    assert response.status_code == 200
    text = page(response)
    assert message in text
    assert response.context["form"].errors[field]
    assert "Rien n'est publié : corrigez les champs signalés, votre saisie est conservée." in text
    assert "choisissez-le à nouveau" in text  # a browser does not keep a chosen file
    typed = form_data(organisation, **overrides)
    for name in ("title", "deliberation", "website_url", "summary", "social_target"):
        if len(typed[name]) < 300:
            assert html.unescape(typed[name]) in text, name
    assert not AdoptedScheme.objects.exists()


def test_the_adoption_may_not_follow_the_period(logged, organisation):
    response = post(
        logged, organisation, adopted_on="12/12/2024", period_start="2021", period_end="2023"
    )
    assert "Le schéma est adopté après la fin de la période" in page(response)


def test_one_current_entry_per_organisation_and_period(logged, organisation, entry):
    response = post(logged, organisation)
    assert response.status_code == 200
    assert "Votre organisation a déjà un schéma publié pour cette période" in page(response)
    assert AdoptedScheme.objects.count() == 1
    # Once withdrawn, another scheme may be published for the period.
    services.withdraw(entry, entry.published_by)
    assert post(logged, organisation).status_code == 302
    assert AdoptedScheme.objects.public().count() == 1


def test_the_database_refuses_a_second_current_entry(organisation, entry):
    duplicate = AdoptedScheme(
        organisation=organisation,
        title="Doublon",
        document=entry.document.name,
        adopted_on=entry.adopted_on,
        deliberation="D",
        period_start=entry.period_start,
        period_end=entry.period_end,
        website_url="https://exemple.fr",
        obligation="oblige",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_database_refuses_a_share_above_100(organisation, entry):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdoptedScheme.objects.filter(pk=entry.pk).update(esus_target=Decimal("150"))


def test_a_race_lost_to_the_constraint_is_told_in_french(organisation, org_member, monkeypatch):
    make_entry(organisation, org_member)
    monkeypatch.setattr(services, "_taken", lambda *args, **kwargs: None)
    with pytest.raises(services.PeriodTaken) as raised:
        make_entry(organisation, org_member)
    assert "déjà un schéma publié pour cette période" in raised.value.message()


def test_edit_keeps_the_document_unless_a_new_one_is_sent(
    logged, entry, django_capture_on_commit_callbacks
):
    old_name = entry.document.name
    data = form_data(title="SPASER révisé", env_target="")
    response = logged.post(f"/spaser-adoptes/{entry.pk}/modifier/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "SPASER révisé" and entry.env_target is None
    assert entry.document.name == old_name
    data["document"] = SimpleUploadedFile("revise.odt", odt_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        logged.post(f"/spaser-adoptes/{entry.pk}/modifier/", data)
    entry.refresh_from_db()
    assert entry.filename == "revise.odt"
    assert not entry.document.storage.exists(old_name)


def test_the_edit_form_shows_the_entry_as_typed(logged, entry):
    text = page(logged.get(f"/spaser-adoptes/{entry.pk}/modifier/"))
    assert 'value="2025"' in text and 'value="5"' in text and 'value="30"' in text
    assert 'value="2024-12-12"' in text


def test_withdrawn_then_edited_the_entry_is_published_again(logged, entry, org_member):
    services.withdraw(entry, org_member)
    response = logged.post(f"/spaser-adoptes/{entry.pk}/modifier/", form_data())
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == AdoptedScheme.Status.PUBLISHED


def test_an_unpublished_entry_shows_the_curators_reason_to_its_organisation(
    client, entry, curator, org_member
):
    client.force_login(curator)
    response = client.post(f"/spaser-adoptes/{entry.pk}/depublier/", {"reason": ""})
    assert "Indiquez le motif" in page(response)
    entry.refresh_from_db()
    assert entry.status == AdoptedScheme.Status.PUBLISHED
    client.post(f"/spaser-adoptes/{entry.pk}/depublier/", {"reason": "Document illisible."})
    client.force_login(org_member)
    text = page(client.get(entry.get_absolute_url()))
    assert "Dépublié par un curateur" in text and "Document illisible." in text


def test_a_member_without_organisation_is_told_why(client, member, pending_member):
    for user in (member, pending_member):
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 403
        assert "publié au registre par un membre vérifié de son organisation" in page(response)


# --- From the self-assessment and from « Rédiger mon SPASER » ------------------------------
def test_the_obligation_is_proposed_from_the_latest_self_assessment(
    logged, organisation, org_member
):
    Assessment.objects.create(
        organisation=organisation,
        year=2025,
        created_by=org_member,
        spending=Decimal("60000000"),
        obliged=True,
        score=40,
    )
    form = logged.get(URL).context["form"]
    assert form.initial["obligation"] == "oblige"


def test_a_voted_draft_prefills_the_period_and_targets(logged, organisation, org_member):
    from redaction.services import start_draft

    draft = start_draft(organisation, 2026, 2028, org_member)
    content = draft.data
    content["indicateurs"]["env"]["targets"] = {"2026": "80", "2027": "100", "2028": "100"}
    content["indicateurs"]["social"]["targets"] = {"2026": "22", "2027": "26.5"}
    draft.save_version(content, org_member, "indicateurs")
    draft_page = page(logged.get(f"/rediger/{draft.pk}/"))
    assert f"/spaser-adoptes/publier/?projet={draft.pk}" in draft_page

    response = logged.get(URL, {"projet": str(draft.pk)})
    initial = response.context["form"].initial
    assert initial["period_start"] == "2026" and initial["period_end"] == "2028"
    assert initial["env_target"] == "100"
    assert initial["social_target"] == "26,5"  # the last year with a target
    assert "esus_target" not in initial
    assert "repris du projet" in page(response)

    response = logged.post(
        f"{URL}?projet={draft.pk}",
        {
            **form_data(organisation, period_start="2026", period_end="2028"),
            "document": pdf_upload(),
        },
    )
    assert response.status_code == 302
    entry = AdoptedScheme.objects.get()
    assert entry.source_draft == draft
    assert entry.title in page(logged.get(f"/rediger/{draft.pk}/"))


def test_another_organisations_draft_prefills_nothing(
    client, other_member, organisation, org_member
):
    from redaction.services import start_draft

    draft = start_draft(organisation, 2026, 2028, org_member)
    client.force_login(other_member)
    response = client.get(URL, {"projet": str(draft.pk)})
    assert response.context["draft"] is None
    assert "period_start" not in response.context["form"].initial
    assert client.get(URL, {"projet": "٣"}).status_code == 200
