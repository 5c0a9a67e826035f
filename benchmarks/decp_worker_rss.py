"""Peak memory of the worker that reads DECP imports: flat as the uploaded file grows.

Sets up a throwaway deployment (SQLite and folders in a temporary directory, database task
backend), generates DECP files of growing size, stores each as an upload would
(`diagnostic.tasks.start_import`) and runs one `manage.py run_worker --batch` per file. The peak
resident memory (RSS) of each worker process is compared with a worker that had nothing to do.

    .venv/bin/python benchmarks/decp_worker_rss.py [--counts 20000 100000 300000]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diagnostic.sample import AMP_SIREN, NANTES_SIREN, contracts, siret, write_decp

BUYERS = [siret(AMP_SIREN, n) for n in (1, 2, 3)] + [siret(NANTES_SIREN, 1)]

ENQUEUE = """
from django.contrib.auth import get_user_model
from django.core.files import File
from diagnostic.tasks import start_import
user, _ = get_user_model().objects.get_or_create(username="bench", defaults={{"email": "b@x.fr"}})
with open({path!r}, "rb") as fileobj:
    start_import(File(fileobj, name="decp.json"), None, user, {buyer!r}, None)
"""

REPORT = """
from diagnostic.models import DecpImport
item = DecpImport.objects.latest("pk")
print(item.status, item.summary and item.summary["records"], item.error)
"""

MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def manage(env, *args, capture=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )


def worker_peak_kib(env):
    """Peak RSS (KiB) of one `run_worker --batch` process, measured by a fresh parent."""
    command = [sys.executable, "manage.py", "run_worker", "--batch", "--no-startup-delay"]
    command += ["--no-reload", "--no-scheduler", "--verbosity", "0"]
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1]), time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[20_000, 100_000, 300_000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="decp-worker-") as folder:
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            PORTAL_VAR_DIR=folder,
            TASKS_BACKEND="database",
        )
        manage(env, "migrate", "--noinput", "-v", "0")
        idle, _ = worker_peak_kib(env)
        rows = []
        for count in args.counts:
            path = Path(folder) / f"decp_{count}.json"
            with open(path, "w", encoding="utf-8") as fileobj:
                write_decp(fileobj, contracts(count, BUYERS, years=(2024, 2025)))
            size = path.stat().st_size
            manage(env, "shell", "-c", ENQUEUE.format(path=str(path), buyer=AMP_SIREN))
            path.unlink()
            peak, elapsed = worker_peak_kib(env)
            report = manage(env, "shell", "-c", REPORT, capture=True).stdout.strip()
            report = report.splitlines()[-1].split()  # the shell may print a banner first
            rows.append((count, size, peak, elapsed, report))
    print(f"Worker sans tâche : pic RSS {idle / 1024:.1f} Mo")
    print(
        f"{'contrats':>10} {'fichier (Mo)':>13} {'pic RSS (Mo)':>13} {'au-dessus du repos':>19} {'durée (s)':>10}  résultat"
    )
    for count, size, peak, elapsed, report in rows:
        print(
            f"{count:>10} {size / 1e6:>13.1f} {peak / 1024:>13.1f} {(peak - idle) / 1024:>17.1f} Mo"
            f" {elapsed:>10.1f}  {' '.join(report[:2])}"
        )
    growth = (rows[-1][2] - rows[0][2]) / 1024
    ratio = rows[-1][1] / rows[0][1]
    flat = growth < 20
    print(
        f"Fichier x{ratio:.1f}, pic RSS {growth:+.1f} Mo entre le plus petit et le plus grand "
        f"({'plat' if flat else 'NON PLAT'})."
    )
    return 0 if flat and all(r[4][0] == "done" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
