"""Every main page is valid HTML for the Nu Html Checker (vnu.jar from npm, run by the system Java).

The checker starts once (a JVM start costs seconds) over all the pages written to a folder. Neither
vnu nor axe reports an aria-describedby or aria-labelledby naming a missing id (a screen reader then
reads nothing): the test checks those references itself.
"""

import json
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from django.conf import settings

from tests.site_pages import prepare_visits

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NOT_FOUND = "page introuvable"
ID_REFERENCES = ("aria-describedby", "aria-labelledby")


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


def fetch_pages():
    """{label: HTML} of every page, and of every form sent empty (its error messages)."""
    pages = {}
    for visit in prepare_visits():
        for name, url in visit.pages.items():
            response = visit.client.get(url)
            expected = 404 if name == NOT_FOUND else 200
            assert response.status_code == expected, (visit.role, name, url)
            pages[f"{visit.role} — {name} ({url})"] = response.content
        for name, form in visit.invalid_forms.items():
            response = visit.client.post(form.action, form.data)
            assert response.status_code == 200, (visit.role, name, form.action)
            assert b'aria-invalid="true"' in response.content, (visit.role, name)
            pages[f"{visit.role} — {name} (POST {form.action})"] = response.content
    return pages


def vnu_errors(pages, folder):
    files = {}
    for label, content in pages.items():
        path = folder / f"page-{len(files):03d}.html"
        path.write_bytes(content)
        files[path.name] = label
    result = subprocess.run(
        [*vnu_command(), "--exit-zero-always", *(str(folder / name) for name in sorted(files))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    for message in json.loads(result.stdout)["messages"]:
        label = files[message["url"].rsplit("/", 1)[-1]]
        yield label, f"l.{message.get('lastLine', '?')}: {message['message']}"


def dangling_references(pages):
    for label, content in pages.items():
        document = lxml.html.fromstring(content)
        ids = set(document.xpath("//@id"))
        for attribute in ID_REFERENCES:
            for element in document.xpath(f"//*[@{attribute}]"):
                for missing in set(element.get(attribute).split()) - ids:
                    yield label, f"<{element.tag}> {attribute}: no element has id “{missing}”"


def test_main_pages_are_valid_html(demo_site, tmp_path):
    vnu_command()
    pages = fetch_pages()
    assert len(pages) > 50
    errors = {}
    for label, error in [*vnu_errors(pages, tmp_path), *dangling_references(pages)]:
        errors.setdefault(label, []).append(error)
    if errors:
        report = "\n".join(f"{label}\n  " + "\n  ".join(lines) for label, lines in errors.items())
        pytest.fail(f"Invalid HTML:\n{report}", pytrace=False)
