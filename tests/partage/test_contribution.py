"""A verified member proposes a document: checked upload, French messages that keep what was
typed, the document waits for a curator."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from partage.models import Audience, SharedDocument, Status
from partage.pdf import simple_pdf
from tests.factories import FamilleAchatFactory, OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = "/documents-partages/proposer/"


def upload(name="deliberation.pdf", content=None):
    content = simple_pdf("Délibération", ["Texte."]) if content is None else content
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def data(chosen, **overrides):
    values = {
        "organisation": str(chosen.pk),
        "title": "Délibération d'adoption du SPASER 2026-2028",
        "kind": "deliberation",
        "summary": "Le texte voté en conseil métropolitain, avec ses objectifs.",
        "audience": Audience.RESERVED,
        "considerations": ["sociale", "circulaire"],
        "rights": "on",
        "file": upload(),
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def test_a_verified_member_proposes_a_document(client, contributor, organisation, curator):
    theme = ThemeFactory(name="Gouvernance")
    famille = FamilleAchatFactory(name="Bâtiment")
    client.force_login(contributor)
    form_page = client.get(URL).content.decode()
    assert (
        "Proposer un document" in form_page
        and organisation.name.replace("'", "&#x27;") in form_page
    )
    response = client.post(
        URL, data(organisation, themes=[str(theme.pk)], familles=[str(famille.pk)])
    )
    assert (
        response.status_code == 302
        and response["Location"] == "/documents-partages/mes-contributions/"
    )
    document = SharedDocument.objects.get()
    assert document.status == Status.PENDING and document.reliability == ""
    assert document.contributor == contributor and document.organisation == organisation
    assert document.social and document.circular and not document.environmental
    assert list(document.themes.all()) == [theme] and list(document.familles.all()) == [famille]
    assert document.file_size == len(simple_pdf("Délibération", ["Texte."]))
    message = mail.outbox[-1]
    assert message.to == [curator.email]
    assert (
        "Un document à relire : « Délibération d'adoption du SPASER 2026-2028 »" in message.subject
    )
    assert f"http://testserver/documents-partages/a-relire/{document.pk}/" in message.body
    assert "réservé aux acheteurs publics vérifiés" in message.body
    mine = client.get(response["Location"]).content.decode()
    assert "en attente de relecture" in mine
    assert "attend la relecture d&#x27;un curateur" in mine
    # not on the site until a curator publishes it
    client.logout()
    assert "Délibération d&#x27;adoption" not in client.get("/documents-partages/").content.decode()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_bad_input_is_said_in_french_and_nothing_typed_is_lost(client, contributor, organisation):
    client.force_login(contributor)
    response = client.post(
        URL,
        data(
            organisation,
            title="",
            summary="Un résumé conservé. " + "x" * 2100,
            rights=None,
            file=upload(content=b"Ceci n'est pas un PDF"),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Erreur" in page
    assert "Donnez un titre au document." in page
    assert "Ce texte dépasse 2000 caractères (vous en avez saisi 2120)" in page
    assert "Le contenu de ce fichier ne correspond pas à son extension « .pdf »" in page
    assert "Cochez cette case pour proposer le document." in page
    assert "Un résumé conservé." in page
    assert re.search(r'<input[^>]*value="acheteurs"[^>]*checked', page), "audience kept"
    assert re.search(r'<input[^>]*value="sociale"[^>]*checked', page), "considerations kept"
    assert "choisissez à nouveau le fichier" in page
    assert not SharedDocument.objects.exists()


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"file": None}, "Choisissez le fichier à partager."),
        ({"file": upload("script.exe", b"MZ")}, "«\xa0exe\xa0» n’est pas autorisée"),
        ({"file": upload("vide.pdf", b"")}, "Le fichier est vide."),
        ({"kind": "inconnu"}, "Sélectionnez un choix valide"),
        ({"audience": "tous"}, "Sélectionnez un choix valide"),
        ({"considerations": ["durable"]}, "Cette considération n&#x27;existe pas."),
        ({"title": "T" * 201}, "Ce texte dépasse 200 caractères"),
    ],
)
def test_each_bad_value_gets_a_french_message(
    client, contributor, organisation, overrides, message
):
    client.force_login(contributor)
    response = client.post(URL, data(organisation, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SharedDocument.objects.exists()


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_keys_are_ascii_digits(client, contributor, organisation):
    """« ١٢ » is 12 to Python's int(): the form refuses it rather than reading a key."""
    theme = ThemeFactory(name="Gouvernance")
    client.force_login(contributor)
    response = client.post(
        URL,
        data(
            organisation,
            organisation=str(organisation.pk).translate(ARABIC_INDIC),
            themes=[str(theme.pk).translate(ARABIC_INDIC)],
        ),
    )
    page = response.content.decode()
    assert "Vous ne pouvez partager qu&#x27;au nom de vos organisations." in page
    assert "Sélectionnez un choix valide" in page
    assert not SharedDocument.objects.exists()


def test_only_for_ones_own_organisations(client, contributor, organisation):
    other = OrganisationFactory(name="Région voisine")
    client.force_login(contributor)
    response = client.post(URL, data(other))
    assert (
        "Vous ne pouvez partager qu&#x27;au nom de vos organisations." in response.content.decode()
    )
    assert not SharedDocument.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, contributor, organisation, settings):
    settings.PORTAL_DOCUMENT_MAX_UPLOAD = 100
    client.force_login(contributor)
    response = client.post(URL, data(organisation))
    assert "Ce fichier est trop volumineux" in response.content.decode()
    assert not SharedDocument.objects.exists()


def test_members_who_are_not_verified_are_told_how_to_be(client, pending_member):
    client.force_login(pending_member)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Seuls les membres vérifiés" in response.content.decode()


def test_ten_documents_waiting_are_the_most_one_member_may_have(client, contributor, organisation):
    from partage.forms import MAX_PENDING
    from tests.partage.conftest import make_document

    for n in range(MAX_PENDING):
        make_document(organisation, contributor, title=f"En attente {n}", status=Status.PENDING)
    client.force_login(contributor)
    response = client.post(URL, data(organisation))
    assert "Vous avez déjà 10 documents en attente de relecture" in response.content.decode()
    assert SharedDocument.objects.count() == MAX_PENDING
