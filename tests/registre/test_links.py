"""The self-assessment's « published » answer points to the organisation's entry in the
registry when there is one, and proposes to publish it otherwise."""

from decimal import Decimal

import pytest

from diagnostic.models import Assessment
from diagnostic.questionnaire import SESSION_KEY
from diagnostic.scoring import Answers
from registre import services

pytestmark = pytest.mark.django_db


def saved_assessment(organisation, user, published="oui"):
    answers = Answers(
        year=2025,
        spending=Decimal("80000000"),
        org_type="Métropole",
        adopted=True,
        published=published,
    )
    return Assessment.save_new_version(organisation, answers, user, source="questionnaire")


def test_the_published_answer_links_the_registry_entry(client, entry, organisation, org_member):
    assessment = saved_assessment(organisation, org_member)
    client.force_login(org_member)
    text = client.get(f"/diagnostic/evaluations/{assessment.pk}/").content.decode()
    assert "est au registre des SPASER adoptés" in text
    assert f'href="{entry.get_absolute_url()}"' in text


def test_no_link_once_the_entry_is_withdrawn(client, entry, organisation, org_member):
    assessment = saved_assessment(organisation, org_member)
    services.withdraw(entry, org_member)
    client.force_login(org_member)
    text = client.get(f"/diagnostic/evaluations/{assessment.pk}/").content.decode()
    assert entry.get_absolute_url() not in text


def test_no_link_when_the_answer_is_not_published(client, entry, organisation, org_member):
    assessment = saved_assessment(organisation, org_member, published="non")
    client.force_login(org_member)
    text = client.get(f"/diagnostic/evaluations/{assessment.pk}/").content.decode()
    assert entry.get_absolute_url() not in text


def test_the_scheme_step_names_the_entry(client, entry, org_member):
    client.force_login(org_member)
    session = client.session
    session[SESSION_KEY] = {
        "organisation": {
            "org_type": "Métropole",
            "category": "collectivite",
            "year": 2025,
            "spending": "80000000",
            "shared_scheme": False,
        }
    }
    session.save()
    response = client.get("/diagnostic/etape/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "est publié au registre des SPASER adoptés" in text
    assert entry.get_absolute_url() in text
