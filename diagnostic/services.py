"""Django-side helpers: who may save assessments, the anonymous benchmark."""

from statistics import median

from allauth.account.models import EmailAddress

from portal import organisations

from .models import Assessment

BENCHMARK_MINIMUM = 5


def is_member(user):
    """A logged-in user whose e-mail address is verified."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def member_organisation(user, pk=None):
    """The organisation whose assessments `user` may save and see (a verified membership), or
    None; `pk` picks one of theirs when they belong to several."""
    return organisations.acting_organisation(user, pk)


def benchmark(org_type, year, exclude_organisation=None):
    """Medians of the assessments of `year` of the organisations of the type `org_type` (the
    latest version of each): an assessment of 2021 is compared with its peers' 2021, not with
    what they reached since.

    None unless at least BENCHMARK_MINIMUM distinct organisations have one (anonymity). The
    organisation itself is counted when `exclude_organisation` is None.
    """
    if not org_type:
        return None
    latest = (
        Assessment.objects.filter(
            organisation__kind__name=org_type, organisation__validated=True, year=year
        )
        .order_by("organisation_id", "-version")
        .values("organisation_id", "score", "env_share", "social_share", "esus_share")
    )
    if exclude_organisation is not None:
        latest = latest.exclude(organisation=exclude_organisation)
    per_organisation = {}
    for row in latest:
        per_organisation.setdefault(row["organisation_id"], row)
    rows = list(per_organisation.values())
    if len(rows) < BENCHMARK_MINIMUM:
        return None

    def med(name):
        values = [float(row[name]) for row in rows if row[name] is not None]
        return round(median(values), 1) if len(values) >= BENCHMARK_MINIMUM else None

    return {
        "count": len(rows),
        "org_type": org_type,
        "year": year,
        "score": med("score"),
        "env_share": med("env_share"),
        "social_share": med("social_share"),
        "esus_share": med("esus_share"),
    }
