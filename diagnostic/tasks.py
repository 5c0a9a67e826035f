"""DECP imports in the background: the worker's task, and the request's call that enqueues it.

The task imports the code it runs (`imports`); `imports` never imports this module.
"""

import uuid
from pathlib import Path

from django.core.files.move import file_move_safe
from django.db import transaction
from django_tasks import task

from portal.background import enqueue

from . import imports
from .models import DecpImport


@task()
def run_decp_import(pk):
    """Reads an uploaded DECP file (see diagnostic/imports.py)."""
    return imports.run(pk)


def start_import(upload, organisation, user, buyer, year):
    """Stores the uploaded file and enqueues its reading; returns the DecpImport."""
    stored_name = f"{uuid.uuid4().hex}.json"
    target = imports.storage_root() / stored_name
    if hasattr(upload, "temporary_file_path"):
        upload.file.flush()
        file_move_safe(upload.temporary_file_path(), str(target))
    else:
        upload.seek(0)
        with open(target, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    try:
        with transaction.atomic():
            decp_import = DecpImport.objects.create(
                organisation=organisation,
                created_by=user,
                file_name=Path(upload.name).name[:255],
                stored_name=stored_name,
                size=target.stat().st_size,
                buyer=buyer,
                year=year,
            )
            enqueue(run_decp_import, decp_import.pk)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return decp_import
