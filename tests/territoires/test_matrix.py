"""Permission matrix: every URL of the directory and the networks' rendez-vous × every role."""

import html

import pytest

from territoires.models import ExternalEvent, Facilitator
from tests.factories import AdminFactory, MembershipFactory, UserFactory, give_role, verified_member
from tests.ressources import factories as resource_factories

from . import factories

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "pending", "verified", "curator", "staff", "superuser"]
PUBLIC = (200,) * 7
# Wagtail sends whoever lacks the permission to its dashboard or to the login door (302).
CURATORS_ONLY = (302, 302, 302, 302, 200, 302, 200)
MATRIX = {
    "finder": PUBLIC,
    "finder_postcode": PUBLIC,
    "finder_bad_input": PUBLIC,
    "event_ics": PUBLIC,
    "past_event_ics": (404,) * 7,
    "agenda": PUBLIC,
    "agenda_region": PUBLIC,
    "agenda_ics": PUBLIC,
    "agenda_region_ics": PUBLIC,
    "home_region": PUBLIC,
    "admin_facilitators": CURATORS_ONLY,
    "admin_facilitator_add": CURATORS_ONLY,
    "admin_facilitator_edit": CURATORS_ONLY,
    "admin_facilitator_delete": CURATORS_ONLY,
    "admin_events": CURATORS_ONLY,
    "admin_event_add": CURATORS_ONLY,
    "admin_event_edit": CURATORS_ONLY,
    "admin_event_delete": CURATORS_ONLY,
}


@pytest.fixture
def urls(home_page):
    resource_factories.webinar(resource_factories.webinar_index(home_page))
    facilitator = factories.facilitator("35")
    event = factories.event(days=5)
    past = factories.event(days=-5)
    snippets = "/admin/snippets/territoires"
    return {
        "finder": "/trouver-un-facilitateur/",
        "finder_postcode": "/trouver-un-facilitateur/?code=35000",
        "finder_bad_input": "/trouver-un-facilitateur/?code=%C2%B2",
        "event_ics": f"/rendez-vous/{event.pk}.ics",
        "past_event_ics": f"/rendez-vous/{past.pk}.ics",
        "agenda": "/webinaires/",
        "agenda_region": "/webinaires/?region=BRE",
        "agenda_ics": "/webinaires/calendrier.ics",
        "agenda_region_ics": "/webinaires/calendrier.ics?region=BRE",
        "home_region": "/?region=BRE",
        "admin_facilitators": f"{snippets}/facilitator/",
        "admin_facilitator_add": f"{snippets}/facilitator/add/",
        "admin_facilitator_edit": f"{snippets}/facilitator/edit/{facilitator.pk}/",
        "admin_facilitator_delete": f"{snippets}/facilitator/delete/{facilitator.pk}/",
        "admin_events": f"{snippets}/externalevent/",
        "admin_event_add": f"{snippets}/externalevent/add/",
        "admin_event_edit": f"{snippets}/externalevent/edit/{event.pk}/",
        "admin_event_delete": f"{snippets}/externalevent/delete/{event.pk}/",
    }


def _user(role):
    if role == "anonymous":
        return None
    if role == "superuser":
        return AdminFactory()
    if role == "verified":
        return verified_member()
    user = UserFactory(is_staff=role == "staff")
    if role == "pending":
        MembershipFactory(user=user)
    if role == "curator":
        give_role(user, "curator")
    return user


@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
def test_permission_matrix(client, urls, index, role):
    user = _user(role)
    if user is not None:
        client.force_login(user)
    observed = {key: client.get(url).status_code for key, url in urls.items()}
    expected = {key: codes[index] for key, codes in MATRIX.items()}
    assert observed == expected


def test_a_curator_creates_a_facilitator_in_the_admin(client, home_page):
    curator = give_role(UserFactory(), "curator")
    client.force_login(curator)
    data = {
        "kind": "facilitateur",
        "name": "Gwenaëlle Le Roux",
        "structure": "Pôle clauses",
        "departements": "35 ; 2a, 974",
        "email": "g.leroux@clauses.example",
        "phone": "02 61 91 35 01",
        "website": "",
        "description": "",
    }
    response = client.post("/admin/snippets/territoires/facilitator/add/", data)
    assert response.status_code == 302
    assert Facilitator.objects.get().departements == "2A, 35, 974"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("departements", "35, 20, 975", "Ces codes ne sont pas des départements : 20, 975."),
        ("departements", " , ", "Indiquez au moins un département couvert."),
        ("phone", "12345", "Numéro de téléphone non valide"),
        ("phone", "٠٢٩٩٠٠٠٠٠٠", "Numéro de téléphone non valide"),
        ("email", "", "Indiquez au moins un moyen de contact"),
    ],
)
def test_the_admin_answers_bad_input_in_french(client, home_page, field, value, message):
    client.force_login(give_role(UserFactory(), "curator"))
    data = {
        "kind": "facilitateur",
        "name": "Gwenaëlle Le Roux",
        "departements": "35",
        "email": "g.leroux@clauses.example",
        "phone": "",
        "website": "",
        "description": "",
        "structure": "",
    }
    data[field] = value
    response = client.post("/admin/snippets/territoires/facilitator/add/", data)
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert message in content
    assert "Gwenaëlle Le Roux" in content  # what was typed stays


@pytest.mark.parametrize(
    "change,message",
    [
        ({"end": "2027-03-01T09:00"}, "La fin doit être après le début."),
        ({"end": "2027-04-01T09:00"}, "Un rendez-vous dure au plus 14 jours."),
        ({"place": "", "online_url": ""}, "Indiquez un lieu ou un lien en ligne."),
        ({"region": "XYZ"}, "Sélectionnez un choix valide"),
    ],
)
def test_an_event_is_checked(client, home_page, change, message):
    client.force_login(give_role(UserFactory(), "curator"))
    data = {
        "title": "Rencontre du réseau breton",
        "kind": "reseau",
        "start": "2027-03-02T09:00",
        "end": "2027-03-02T12:00",
        "place": "Rennes",
        "online_url": "",
        "organiser": "Réseau breton",
        "region": "BRE",
        "description": "",
        "url": "",
    }
    data.update(change)
    response = client.post("/admin/snippets/territoires/externalevent/add/", data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not ExternalEvent.objects.exists()
