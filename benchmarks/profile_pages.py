"""Profile of a first view: what each main page costs to render with the page cache off.

    .venv/bin/python benchmarks/profile_pages.py [--var DIR] [--top PAGE]

In one process, on the demo content (SQLite + Whoosh in a throwaway folder unless --var names one
already seeded): for each page, the CPU time of a render (best of 25), its SQL queries and the
count of Python function calls (a figure that does not move with the machine's load). --top PAGE
adds the 25 most expensive functions of that page.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare(var):
    os.environ.update(
        PORTAL_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(Path(var) / "static"),
        PAGE_CACHE_SECONDS="0",
        REDIS_URL="",
    )
    if not (Path(var) / "db.sqlite3").exists():
        for command in (["migrate", "--noinput"], ["seed_demo"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [sys.executable, "manage.py", *command], cwd=ROOT, check=True, capture_output=True
            )


def pages():
    from demo_pages import main_pages

    return {**main_pages(), "santé": "/sante/"}


def measure(client, path):
    from django.db import connection

    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    times = []
    for _ in range(25):
        started = time.process_time()
        client.get(path)
        times.append(time.process_time() - started)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    profile = cProfile.Profile()
    profile.enable()
    client.get(path)
    profile.disable()
    return min(times) * 1000, len(queries), profile


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var", help="a folder holding a seeded demo database, reused")
    parser.add_argument("--top", help="name of the page whose costliest functions are printed")
    options = parser.parse_args()
    var = options.var or tempfile.mkdtemp(prefix="spaser-profile-")
    prepare(var)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':<18}{'CPU ms':>8}{'requêtes':>10}{'appels':>10}")
    profiles = {}
    for name, path in pages().items():
        cpu, queries, profile = measure(client, path)
        profiles[name] = profile
        calls = pstats.Stats(profile).total_calls
        print(f"{name:<18}{cpu:>8.1f}{queries:>10}{calls:>10}")
    if options.top:
        out = io.StringIO()
        pstats.Stats(profiles[options.top], stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())


if __name__ == "__main__":
    main()
