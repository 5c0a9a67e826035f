"""DECP imports run by the worker: the upload is stored, read in a stream, its progress saved.

The request only stores the file (under DIAGNOSTIC_DECP_ROOT) and enqueues `run_decp_import` in
the same transaction as the DecpImport row (`tasks.start_import`); the worker reads it with
`decp.parse` (ijson: memory stays flat whatever the size), saves how many bytes it has read at
most every PROGRESS_EVERY_BYTES, then keeps the counts and deletes the file.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .decp import DecpError
from .decp import parse as parse_decp
from .models import DecpImport

logger = logging.getLogger(__name__)
Status = DecpImport.Status
PROGRESS_EVERY_BYTES = 4 * 1024 * 1024


def storage_root():
    root = Path(settings.DIAGNOSTIC_DECP_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


class ProgressReader:
    """A binary file whose reads record how far the worker has got."""

    def __init__(self, fileobj, on_progress, every=PROGRESS_EVERY_BYTES):
        self.fileobj = fileobj
        self.on_progress = on_progress
        self.every = every
        self.reported = 0

    def read(self, size=-1):
        data = self.fileobj.read(size)
        position = self.fileobj.tell()
        if position - self.reported >= self.every:
            self.reported = position
            self.on_progress(position)
        return data

    def seek(self, offset, whence=0):
        return self.fileobj.seek(offset, whence)

    def tell(self):
        return self.fileobj.tell()


def summarize(result, buyer, year):
    """The counts shown to the member, or (None, field, message) when there is nothing to show."""
    found_year, stats = result.for_buyer(buyer, year)
    if stats is None or stats.contracts + stats.defence_excluded == 0:
        years = result.years(buyer)
        if years:
            message = _(
                "Aucun marché de cet acheteur notifié en %(year)s. Années présentes : %(years)s."
            ) % {"year": year, "years": ", ".join(map(str, years))}
            return None, "year", message
        return None, "siret", " ".join(result.warnings) or _("Aucun marché trouvé.")
    return (
        {
            "buyer": buyer,
            "year": found_year,
            "contracts": stats.contracts,
            "value": round(stats.value, 2),
            "env_share": stats.env_share,
            "social_share": stats.social_share,
            "env_value_share": stats.env_value_share,
            "social_value_share": stats.social_value_share,
            "env_unknown": stats.env_unknown,
            "social_unknown": stats.social_unknown,
            "by_value": sorted(stats.by_value.items()),
            "shape": result.shape,
            "records": result.records,
            "warnings": result.warnings,
        },
        "",
        "",
    )


def run(pk):
    """Reads import `pk` (the worker's task); returns its final status."""
    claimed = DecpImport.objects.filter(pk=pk, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    decp_import = DecpImport.objects.get(pk=pk)
    path = storage_root() / decp_import.stored_name

    def progress(position):
        DecpImport.objects.filter(pk=pk).update(bytes_read=min(position, decp_import.size))

    summary, error_field, error = None, "", ""
    try:
        with open(path, "rb") as fileobj:
            result = parse_decp(ProgressReader(fileobj, progress), buyer=decp_import.buyer)
        summary, error_field, error = summarize(result, decp_import.buyer, decp_import.year)
    except DecpError as exc:
        error_field, error = "file", str(exc)
    except FileNotFoundError:
        error_field, error = (
            "file",
            _("Le fichier déposé n'a pas été retrouvé : déposez-le à nouveau."),
        )
    except Exception:
        logger.exception("DECP import %s failed", pk)
        error_field, error = "file", _("Ce fichier n'a pas pu être lu. Réessayez ou signalez-le.")
    finally:
        path.unlink(missing_ok=True)
    DecpImport.objects.filter(pk=pk).update(
        status=Status.DONE if summary else Status.FAILED,
        summary=summary,
        error=error,
        error_field=error_field,
        bytes_read=decp_import.size,
        stored_name="",
        finished_at=timezone.now(),
    )
    return Status.DONE if summary else Status.FAILED
