"""The directory and the networks' rendez-vous, as a curator fills them in."""

import itertools
from datetime import timedelta

from django.utils import timezone

from territoires.models import ExternalEvent, Facilitator

_counter = itertools.count(1)


def facilitator(departements="35", kind=Facilitator.FACILITATOR, **fields):
    n = next(_counter)
    fields.setdefault("name", f"Facilitatrice n° {n}")
    fields.setdefault("structure", f"Pôle clauses n° {n}")
    fields.setdefault("email", f"facilitation{n}@clauses.example")
    return Facilitator.objects.create(kind=kind, departements=departements, **fields)


def network(departements="22, 29, 35, 56", **fields):
    n = next(_counter)
    fields.setdefault("name", f"Réseau régional n° {n}")
    fields.setdefault("website", f"https://reseau{n}.example/")
    return Facilitator.objects.create(kind=Facilitator.NETWORK, departements=departements, **fields)


def event(days=7, hours=3, region="BRE", **fields):
    n = next(_counter)
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    fields.setdefault("title", f"Rencontre du réseau n° {n}")
    fields.setdefault("place", "Rennes")
    fields.setdefault("organiser", f"Réseau régional n° {n}")
    return ExternalEvent.objects.create(
        start=start, end=start + timedelta(hours=hours), region=region, **fields
    )
