"""pip-audit on the installed environment (the project itself, installed editable, is skipped).

Fails on any known vulnerability and on any dependency that could not be audited, as
`pip-audit --strict` would; when no dependency at all could be audited, the vulnerability
service is out of reach from this machine: say so plainly and do not fail the build for it.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

PIP_AUDIT = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "pip-audit"


def main():
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        run = subprocess.run(
            [PIP_AUDIT, "--skip-editable", "--progress-spinner", "off", "--desc", "off"]
            + ["--format", "json", "--output", report.name],
            capture_output=True,
            text=True,
        )
        try:
            dependencies = json.loads(Path(report.name).read_text())["dependencies"]
        except (ValueError, KeyError):
            print(run.stdout, run.stderr, sep="\n")
            print("pip-audit did not produce a report.")
            return 1

    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return 1
    if dependencies and len(skipped) == len(dependencies):
        print(
            f"pip-audit: the vulnerability service could not be reached; none of the "
            f"{len(dependencies)} installed distributions was audited "
            f"(first reason: {skipped[0]['skip_reason']}). AUDIT NOT PERFORMED."
        )
        return 0
    for dep in skipped:
        print(f"NOT AUDITED {dep['name']}: {dep['skip_reason']}")
    if skipped:
        return 1
    print(f"pip-audit: {len(dependencies)} distributions audited, no known vulnerability.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
