"""Shared machinery of the load and scale benchmarks: a throwaway production-like deployment
(PostgreSQL + Redis + gunicorn with production settings) on 127.0.0.1, measured with wrk.

Nothing here is imported by the portal; the benchmarks run it from the repository root:
PostgreSQL must listen on 127.0.0.1:5432 (trust auth) and Redis on 127.0.0.1:6379.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
BARE_PATH = "/sante/"


def require_tools():
    missing = [tool for tool in ("wrk", "psql", "redis-cli") if not shutil.which(tool)]
    if missing:
        sys.exit(
            f"Missing: {', '.join(missing)}. On Debian: apt-get install wrk postgresql-client "
            "redis-tools (PostgreSQL and Redis must run on 127.0.0.1)."
        )


class Deployment:
    """A fresh database, index, media and static folder, configured as in production."""

    def __init__(self, name="spaser_bench", redis_db=14):
        self.name = name
        self.redis_db = redis_db
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # wrk talks plain HTTP on loopback; a TLS proxy sits in front in production.
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
            "REDIS_URL": f"redis://127.0.0.1:6379/{redis_db}",
            "CACHE_KEY_PREFIX": name,
            # The page cache lives in the next Redis database; its header says hit or miss.
            "PAGE_CACHE_HEADER": "true",
            "PORTAL_VAR_DIR": str(self.tmp / "var"),
            "WHOOSH_PATH": str(self.tmp / "whoosh"),
            "MEDIA_ROOT": str(self.tmp / "media"),
            "STATIC_ROOT": str(self.tmp / "static"),
        }

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True
        )

    def script(self, path, *args):
        """Run a benchmark helper script inside the deployment; it prints JSON on its last line."""
        result = subprocess.run(
            [PYTHON, str(path), *args], cwd=ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            sys.exit(f"{path.name} failed:\n{result.stderr[-3000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def create(self):
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
        subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{self.name}"'], check=True)
        subprocess.run([*psql, f'CREATE DATABASE "{self.name}"'], check=True)
        self.flush_cache()
        self.manage("migrate", "--noinput")
        self.manage("seed_demo")
        self.manage("collectstatic", "--noinput")

    def flush_cache(self):
        for database in (self.redis_db, self.redis_db + 1):  # default and page caches
            subprocess.run(["redis-cli", "-n", str(database), "flushdb"], check=True, stdout=-3)

    def gunicorn(self, workers=2, **settings):
        """The portal under gunicorn; keyword arguments override environment settings (e.g.
        PAGE_CACHE_SECONDS=0)."""
        env = {**self.env, **{name: str(value) for name, value in settings.items()}}
        return serve("portal.wsgi", env, ROOT, workers)

    def drop(self):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
            + [f'DROP DATABASE IF EXISTS "{self.name}"'],
            check=False,
        )
        self.flush_cache()
        shutil.rmtree(self.tmp, ignore_errors=True)


GUNICORN_FLAGS = ("--log-level=warning",)


@contextlib.contextmanager
def serve(app, env, directory, workers=2):
    """gunicorn serving `app` on a free loopback port, with the flags every benchmark shares."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            *GUNICORN_FLAGS,
        ],
        cwd=directory,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def bare_django(workers=2):
    """The one-file Django view of benchmarks/bare_app.py, started as the portal is."""
    return serve("bare_app:application", {**os.environ}, ROOT / "benchmarks", workers)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answers, whatever the page says
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _millis(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _UNITS[unit]


def wrk(url, cookie=None, seconds=10, connections=8, threads=2):
    """Requests/s, p50 and p99 (ms) and the count of error responses of one wrk run."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(latency) != {"50", "99"}:
        raise RuntimeError(f"unexpected wrk output for {url}:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _millis(latency["50"]),
        "p99": _millis(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


AUDIENCES = (("anonyme", "anonymous"), ("connecté", "member"))


def measure_pages(base, targets, seconds, connections):
    """wrk figures of each page of benchmarks/targets.py, anonymous then logged in, after a
    warm-up: {(page, audience): figures}, with how the page cache served the page."""
    figures = {}
    for audience, cookie_name in AUDIENCES:
        for name, path in targets["pages"].items():
            # Anonymous visitors carry no cookie, except on their own result page.
            personal = cookie_name == "member" or "diagnostic" in path
            cookie = targets["cookies"][cookie_name] if personal else None
            check_page(base + path, cookie)
            wrk(base + path, cookie, seconds=1, connections=connections)
            measured = wrk(base + path, cookie, seconds=seconds, connections=connections)
            measured["cache"] = check_page(base + path, cookie)
            figures[name, audience] = measured
    return figures


def check_page(url, cookie=None):
    """Fail early, with the page's status, if a benchmarked URL does not answer 200; else return
    how the page cache served it ("hit", "miss" or "-" when it was not cached)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
            return response.headers.get("X-Page-Cache", "-")
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{url} answered {error.code}") from error
