"""Publishing, editing, withdrawing and unpublishing entries of the registry.

Locking strategy, stated up front: « one current entry per organisation and period » is checked
inside a transaction that first locks the organisation's row (`select_for_update`), so two
members of one organisation publishing at the same time are served one after the other and the
second is told that the period is taken. Databases without row locks (SQLite, which serialises
writing transactions instead) and any path that skips this module meet the partial unique
constraint `registre_one_current_entry_per_period`: its IntegrityError is turned into the same
French message. Files are written to storage before the transaction and removed if it fails, so
no lock is held while a file is copied.

Whether a scheme was adopted under the obligation or voluntarily is the organisation's statement:
the verdict of art. L2111-3 and D2111-3 turns on its yearly spending, which only its verified
members and staff may read (`diagnostic.Assessment`). The registry shows what the organisation
states; the form proposes the verdict of its latest saved self-assessment (diagnostic.rules).
"""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Organisation

from .models import AdoptedScheme

TARGET_INDICATORS = {"env_target": "env", "social_target": "social", "esus_target": "esus"}


class PeriodTaken(Exception):
    """The organisation already has a published entry for this period."""

    def __init__(self, entry=None):
        self.entry = entry
        super().__init__(self.message())

    def message(self):
        return _(
            "Votre organisation a déjà un schéma publié pour cette période : modifiez-le, ou "
            "retirez-le avant d'en publier un autre."
        )


def _taken(organisation, start, end, exclude=None):
    entries = AdoptedScheme.objects.filter(
        organisation=organisation,
        period_start=start,
        period_end=end,
        status=AdoptedScheme.Status.PUBLISHED,
    )
    if exclude is not None:
        entries = entries.exclude(pk=exclude.pk)
    return entries.first()


def _delete_file(field_file):
    if field_file and field_file.name:
        field_file.storage.delete(field_file.name)


def publish(organisation, values, upload, user, source_draft=None):
    """A new published entry for `organisation`. Raises PeriodTaken."""
    entry = AdoptedScheme(
        organisation=organisation,
        source_draft=source_draft,
        published_by=user,
        updated_by=user,
        status=AdoptedScheme.Status.PUBLISHED,
        **values,
    )
    entry.document.save(upload.name, upload, save=False)
    entry.file_size = upload.size
    try:
        with transaction.atomic():
            Organisation.objects.select_for_update().get(pk=organisation.pk)
            existing = _taken(organisation, entry.period_start, entry.period_end)
            if existing is not None:
                raise PeriodTaken(existing)
            entry.save()
    except IntegrityError as error:
        _delete_file(entry.document)
        raise PeriodTaken() from error
    except Exception:
        _delete_file(entry.document)
        raise
    return entry


def update(entry, values, upload, user):
    """Writes the edited values (and the new file, if any) of `entry`; an entry withdrawn or
    unpublished is published again. Raises PeriodTaken."""
    old_file = entry.document.name if upload is not None else None
    for name, value in values.items():
        setattr(entry, name, value)
    if upload is not None:
        entry.document.save(upload.name, upload, save=False)
        entry.file_size = upload.size
    entry.updated_by = user
    republished = entry.status != AdoptedScheme.Status.PUBLISHED
    if republished:
        entry.status = AdoptedScheme.Status.PUBLISHED
        entry.status_reason = ""
        entry.status_changed_by = user
        entry.status_changed_at = timezone.now()
    try:
        with transaction.atomic():
            Organisation.objects.select_for_update().get(pk=entry.organisation_id)
            existing = _taken(entry.organisation_id, entry.period_start, entry.period_end, entry)
            if existing is not None:
                raise PeriodTaken(existing)
            entry.save()
    except IntegrityError as error:
        if upload is not None:
            _delete_file(entry.document)
        raise PeriodTaken() from error
    except Exception:
        if upload is not None:
            _delete_file(entry.document)
        raise
    if old_file:
        storage = entry.document.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return republished


def _set_status(entry, status, user, reason=""):
    with transaction.atomic():
        locked = AdoptedScheme.objects.select_for_update().get(pk=entry.pk)
        if locked.status != AdoptedScheme.Status.PUBLISHED:
            return False
        locked.status = status
        locked.status_reason = reason
        locked.status_changed_by = user
        locked.status_changed_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "status_reason",
                "status_changed_by",
                "status_changed_at",
                "updated_at",
            ]
        )
    entry.refresh_from_db()
    return True


def withdraw(entry, user):
    """The organisation takes its entry out of the registry (it keeps reading it)."""
    return _set_status(entry, AdoptedScheme.Status.WITHDRAWN, user)


def unpublish(entry, user, reason):
    """A curator or an administrator takes the entry out of the registry, saying why."""
    return _set_status(entry, AdoptedScheme.Status.UNPUBLISHED, user, reason)


def current_entry(organisation):
    """The organisation's published entry covering the latest period, or None."""
    if organisation is None:
        return None
    return (
        AdoptedScheme.objects.public()
        .filter(organisation=organisation)
        .order_by("-period_end", "-adopted_on", "-pk")
        .first()
    )


def obligation_from_assessments(organisation):
    """« oblige » or « volontaire » from the verdict of the organisation's latest saved
    self-assessment (diagnostic.rules), or "" when it saved none."""
    from diagnostic.models import Assessment

    latest = (
        Assessment.objects.filter(organisation=organisation)
        .order_by("-year", "-version")
        .values_list("obliged", flat=True)
        .first()
    )
    if latest is None:
        return ""
    return AdoptedScheme.Obligation.OBLIGED if latest else AdoptedScheme.Obligation.VOLUNTARY


def _target(indicator, years):
    """The draft's target for the last year of the period that has one."""
    targets = (indicator or {}).get("targets") or {}
    for year in reversed(years):
        raw = targets.get(str(year))
        if raw in (None, ""):
            continue
        try:
            value = Decimal(str(raw).replace(",", "."))
        except InvalidOperation:
            continue
        if value.is_finite() and 0 <= value <= 100:
            return value
    return None


def initial_from_draft(draft):
    """What the publication form takes from a voted draft: period, title and headline targets
    (the target of the period's last year that has one)."""
    from .forms import format_percent

    data = draft.data
    years = list(range(draft.period_start, draft.period_end + 1))
    initial = {
        "organisation": draft.organisation_id,
        "title": _("SPASER %(period)s — %(name)s")
        % {"period": draft.period_label, "name": draft.organisation.name},
        "period_start": str(draft.period_start),
        "period_end": str(draft.period_end),
    }
    for field, key in TARGET_INDICATORS.items():
        value = _target(data["indicateurs"].get(key), years)
        if value is not None:
            initial[field] = format_percent(value)
    return initial
