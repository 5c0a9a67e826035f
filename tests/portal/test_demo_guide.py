"""`seed_demo` tells a tester which account shows what: role, email, what to try."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from haystack import connections

from promotions.models import Promotion

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-guide-2026"

ROLES = [
    ("Administratrice", "admin@entraide-spaser.fr"),
    ("Modératrice", "moderation@entraide-spaser.fr"),
    ("Éditeur", "edition@entraide-spaser.fr"),
    ("Gestionnaire des promotions", "promotions@entraide-spaser.fr"),
    ("Mentore", "mentor@nantesmetropole.fr"),
    ("Participante et référente", "participant@ampmetropole.fr"),
    ("Participant", "participant@ville-dunkerque.fr"),
    ("Membre", "membre@bretagne.bzh"),
]


@pytest.fixture
def guide(home_page):
    out = StringIO()
    call_command("seed_demo", password=PASSWORD, stdout=out)
    yield out.getvalue()
    connections["default"].get_backend().clear()


def test_seed_demo_prints_role_account_and_what_to_try(guide):
    lines = guide.splitlines()
    assert any(PASSWORD in line for line in lines)
    for role, email in ROLES:
        heading = f"  {role} — {email}"
        assert heading in lines, heading
        what = lines[lines.index(heading) + 1]
        assert what.lstrip().startswith("· ") and len(what.strip()) > 20, heading
    # The session it points the participants to is the running promotion's next one.
    running = Promotion.objects.get(state=Promotion.State.RUNNING)
    upcoming = running.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    assert f"« {upcoming.title} »" in guide


def test_every_account_the_guide_names_logs_in_with_the_printed_password(guide):
    for _role, email in ROLES:
        assert Client().login(email=email, password=PASSWORD), email
