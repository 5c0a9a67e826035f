"""Every main page is valid HTML for the Nu Html Checker (vnu.jar from npm, run by the system Java).

The checker starts once (a JVM start costs seconds) over all the pages written to a folder.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.site_pages import prepare_site, prepare_visits

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NOT_FOUND = "page introuvable"


def vnu_command():
    if not VNU_JAR.exists():
        pytest.fail(
            f"{VNU_JAR} is missing: run `make test`, or `npm ci --ignore-scripts` "
            "at the repository root, to install the front-end checkers."
        )
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: `make test` installs Debian's default-jre-headless.")
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout"]


def test_main_pages_are_valid_html(home_page, tmp_path):
    command = vnu_command()
    prepare_site()
    pages = {}
    for visit in prepare_visits():
        for name, url in visit.pages.items():
            response = visit.client.get(url)
            expected = 404 if name == NOT_FOUND else 200
            assert response.status_code == expected, (visit.role, name, url)
            path = tmp_path / f"page-{len(pages):03d}.html"
            path.write_bytes(response.content)
            pages[path.name] = f"{visit.role} — {name} ({url})"
        for name, form in visit.invalid_forms.items():
            response = visit.client.post(form.action, form.data)
            assert response.status_code == 200, (visit.role, name, form.action)
            assert b'aria-invalid="true"' in response.content, (visit.role, name)
            path = tmp_path / f"page-{len(pages):03d}.html"
            path.write_bytes(response.content)
            pages[path.name] = f"{visit.role} — {name} (POST {form.action})"

    result = subprocess.run(
        [*command, "--exit-zero-always", *(str(tmp_path / name) for name in sorted(pages))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = {}
    for message in messages:
        page = pages[message["url"].rsplit("/", 1)[-1]]
        where = f"l.{message.get('lastLine', '?')}"
        errors.setdefault(page, []).append(f"{where}: {message['message']}")
    report = "\n".join(f"{page}\n  " + "\n  ".join(lines) for page, lines in sorted(errors.items()))
    if errors:
        pytest.fail(f"Nu Html Checker errors:\n{report}", pytrace=False)
