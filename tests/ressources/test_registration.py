import html

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from icalendar import Calendar

from ressources.models import WebinarRegistration
from ressources.registration import RegistrationClosed, cancel, register
from tests.concurrency import run_at_once
from tests.factories import UserFactory

from . import factories

pytestmark = pytest.mark.django_db

Status = WebinarRegistration.Status


def text(response):
    return html.unescape(response.content.decode())


def test_anonymous_visitor_is_sent_to_login(client, webinar):
    response = client.post(f"{webinar.url}inscription/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")
    assert webinar.url in response["Location"]
    assert not WebinarRegistration.objects.exists()


def test_get_on_the_registration_url_changes_nothing(member_client, webinar):
    response = member_client.get(f"{webinar.url}inscription/")
    assert response.status_code == 302
    assert not WebinarRegistration.objects.exists()


def test_member_registers_and_gets_an_invitation(member_client, member, webinar):
    response = member_client.post(f"{webinar.url}inscription/", follow=True)
    assert response.status_code == 200
    content = text(response)
    assert "Inscription confirmée" in content
    assert "Vous êtes inscrit·e à ce webinaire." in content
    assert "Annuler mon inscription" in content
    registration = WebinarRegistration.objects.get()
    assert (registration.user, registration.status, registration.seat) == (
        member,
        Status.CONFIRMED,
        1,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Inscription confirmée : Construire son SPASER en 6 étapes" in message.subject
    assert "est confirmée" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Construire son SPASER en 6 étapes"


def test_registering_twice_keeps_one_registration(member_client, webinar):
    member_client.post(f"{webinar.url}inscription/")
    member_client.post(f"{webinar.url}inscription/")
    assert WebinarRegistration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_capacity_is_never_exceeded_and_extra_members_wait(webinar):
    users = UserFactory.create_batch(4)
    statuses = [register(webinar, user)[0].status for user in users]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING, Status.WAITING]
    assert webinar.confirmed_registrations().count() == webinar.capacity == 2
    third = WebinarRegistration.objects.get(user=users[2])
    fourth = WebinarRegistration.objects.get(user=users[3])
    assert (third.waiting_position(), fourth.waiting_position()) == (1, 2)
    assert "Liste d'attente" in mail.outbox[2].subject
    assert "en position 1" in mail.outbox[2].body
    assert not mail.outbox[2].attachments


def test_full_webinar_offers_the_waiting_list(client, webinar):
    for user in UserFactory.create_batch(2):
        register(webinar, user)
    late = UserFactory()
    client.force_login(late)
    assert "Rejoindre la liste d'attente" in text(client.get(webinar.url))
    content = text(client.post(f"{webinar.url}inscription/", follow=True))
    assert "vous êtes sur liste d'attente" in content
    assert "position 1" in content


def test_cancelling_promotes_the_first_person_waiting(client, webinar):
    first, second, third, fourth = UserFactory.create_batch(4)
    for user in (first, second, third, fourth):
        register(webinar, user)
    mail.outbox.clear()
    client.force_login(first)
    response = client.post(f"{webinar.url}desinscription/", follow=True)
    assert "Votre inscription est annulée." in text(response)
    states = dict(WebinarRegistration.objects.values_list("user", "status"))
    assert states == {
        first.pk: Status.CANCELLED,
        second.pk: Status.CONFIRMED,
        third.pk: Status.CONFIRMED,
        fourth.pk: Status.WAITING,
    }
    assert WebinarRegistration.objects.get(user=fourth).waiting_position() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [third.email]
    assert "Une place s'est libérée" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][0].endswith(".ics")
    assert webinar.confirmed_registrations().count() == 2


def test_cancelling_a_waiting_place_promotes_nobody(webinar):
    users = UserFactory.create_batch(3)
    registrations = [register(webinar, user)[0] for user in users]
    mail.outbox.clear()
    assert cancel(registrations[2]) == []
    assert cancel(registrations[2]) == []
    assert not mail.outbox


def test_cancelled_member_can_register_again_at_the_end_of_the_queue(webinar):
    users = UserFactory.create_batch(3)
    registrations = [register(webinar, user)[0] for user in users]
    cancel(registrations[0])  # users[2] takes the seat
    again, created = register(webinar, users[0])
    assert created and again.pk == registrations[0].pk
    assert again.status == Status.WAITING and again.waiting_position() == 1


def test_adding_seats_promotes_people_waiting(webinar):
    users = UserFactory.create_batch(4)
    for user in users:
        register(webinar, user)
    mail.outbox.clear()
    webinar.capacity = 3
    webinar.save_revision().publish()
    assert webinar.confirmed_registrations().count() == 3
    assert [m.to for m in mail.outbox] == [[users[2].email]]


def test_capacity_cannot_be_lowered_under_the_registrations(webinar):
    from django.core.exceptions import ValidationError

    for user in UserFactory.create_batch(2):
        register(webinar, user)
    webinar.capacity = 1
    with pytest.raises(ValidationError) as error:
        webinar.full_clean()
    assert "déjà inscrites" in str(error.value)


def test_past_webinars_are_closed(member, webinar_index, member_client):
    past = factories.webinar(webinar_index, days=-1)
    with pytest.raises(RegistrationClosed):
        register(past, member)
    response = member_client.post(f"{past.url}inscription/", follow=True)
    assert "Les inscriptions à ce webinaire sont closes." in text(response)
    assert not WebinarRegistration.objects.exists()


def test_the_database_refuses_two_registrations_on_one_seat(webinar):
    first, second = UserFactory.create_batch(2)
    WebinarRegistration.objects.create(webinar=webinar, user=first, status="confirmed", seat=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        WebinarRegistration.objects.create(webinar=webinar, user=second, status="confirmed", seat=1)


def test_the_database_refuses_a_confirmed_registration_without_seat(webinar, member):
    with pytest.raises(IntegrityError), transaction.atomic():
        WebinarRegistration.objects.create(webinar=webinar, user=member, status="confirmed")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)
def test_concurrent_registrations_never_exceed_capacity(home_page):
    index = factories.webinar_index(home_page)
    webinar = factories.webinar(index, capacity=3)
    users = UserFactory.create_batch(10)
    assert run_at_once(lambda user: register(webinar, user), users) == []
    assert webinar.confirmed_registrations().count() == 3
    assert WebinarRegistration.objects.filter(status="waiting").count() == 7
    assert sorted(webinar.confirmed_registrations().values_list("seat", flat=True)) == [1, 2, 3]


def test_my_registrations_page(client, member, webinar):
    assert client.get("/ressources/mes-inscriptions/").status_code == 302
    register(webinar, member)
    client.force_login(member)
    content = client.get("/ressources/mes-inscriptions/").content.decode()
    assert "Construire son SPASER en 6 étapes" in content
    assert "confirmée" in content


def test_visio_link_goes_to_confirmed_members_only(webinar_index):
    page = factories.webinar(webinar_index, capacity=1, join_url="https://visio.example/spaser")
    first, second = UserFactory.create_batch(2)
    register(page, first)
    register(page, second)
    confirmed, waiting = mail.outbox
    assert "https://visio.example/spaser" in confirmed.body
    assert "https://visio.example/spaser" not in waiting.body


def test_visio_link_is_shown_on_the_page_to_confirmed_members_only(client, webinar_index):
    page = factories.webinar(webinar_index, capacity=1, join_url="https://visio.example/spaser")
    first, second = UserFactory.create_batch(2)
    register(page, first)
    register(page, second)
    assert "visio.example" not in client.get(page.url).content.decode()
    client.force_login(second)
    assert "visio.example" not in client.get(page.url).content.decode()
    client.force_login(first)
    assert "visio.example" in client.get(page.url).content.decode()
