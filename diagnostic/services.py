"""Django-side helpers: who may save assessments, the anonymous benchmark, the session state."""

from statistics import median

from allauth.account.models import EmailAddress

from .models import Assessment

SESSION_KEY = "diagnostic"
BENCHMARK_MINIMUM = 5


def is_member(user):
    """A logged-in user whose e-mail address is verified."""
    if not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def member_organisation(user):
    """The organisation whose assessments `user` may save and see, or None."""
    if not is_member(user):
        return None
    profile = getattr(user, "profile", None)
    return profile.organisation if profile else None


def benchmark(org_type, exclude_organisation=None):
    """Medians of the latest assessment of each organisation of the type `org_type`.

    None unless at least BENCHMARK_MINIMUM distinct organisations have one (anonymity). The
    organisation itself is counted when `exclude_organisation` is None.
    """
    if not org_type:
        return None
    latest = (
        Assessment.objects.filter(organisation__kind__name=org_type)
        .order_by("organisation_id", "-year", "-updated_at")
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
        "score": med("score"),
        "env_share": med("env_share"),
        "social_share": med("social_share"),
        "esus_share": med("esus_share"),
    }
