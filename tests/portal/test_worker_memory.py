"""A server process loads what every request needs, not the heavy libraries of rare ones."""

import subprocess
import sys

from django.conf import settings

# Document renderers a request loads when it asks for a file (WeasyPrint alone weighs ~44 MB).
ON_DEMAND = ("weasyprint", "fpdf", "docx", "odf")

PROBE = """
import sys
import django

django.setup()
from django.urls import get_resolver

get_resolver().url_patterns  # what a gunicorn worker imports before its first request
import portal.wsgi  # noqa: F401

print(" ".join(name for name in {names!r} if name in sys.modules))
"""


def test_a_server_process_does_not_load_the_document_renderers():
    probe = PROBE.format(names=ON_DEMAND)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert result.stdout.split() == []
