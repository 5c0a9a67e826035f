"""The demo directory and rendez-vous: real département codes, weekdays, one already over."""

import io

import pytest
from django.utils import timezone

from portal.geography import parse_departements
from territoires import demo
from territoires.models import ExternalEvent, Facilitator

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_valid_directory_and_weekday_rendez_vous():
    demo.seed(password="x", stdout=io.StringIO())
    demo.seed(password="x", stdout=io.StringIO())  # run again: no duplicate
    assert Facilitator.objects.count() == len(demo.DIRECTORY)
    assert ExternalEvent.objects.count() == len(demo.EVENTS)
    for facilitator in Facilitator.objects.all():
        facilitator.full_clean()
        _codes, rejected = parse_departements(facilitator.departements)
        assert not rejected
    covered = {code for f in Facilitator.objects.all() for code, _ in f.departement_list}
    assert {"2A", "2B", "974", "971", "35"} <= covered
    for event in ExternalEvent.objects.all():
        event.full_clean()
        assert timezone.localtime(event.start).weekday() < 5
    assert ExternalEvent.objects.upcoming().count() == len(demo.EVENTS) - 1
    assert Facilitator.objects.covering("35").filter(kind=Facilitator.FACILITATOR).exists()
