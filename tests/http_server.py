"""A real gunicorn server (several worker processes) serving the test database, for tests that
need concurrency across processes rather than threads in one process.

The server runs the test settings (`portal.settings.test`): same password hasher as the
factories, emails kept in memory, no TLS redirect. It is given the test process's database,
media root and search index directory, and the Redis cache when REDIS_URL is set, so what the
test writes or reads is what the workers see. Production's differences (secure cookies, SSL
redirect, SMTP, manifest static files) are checked by `check --deploy`, not here.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import requests
from django.conf import settings
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60  # seconds for the master to bind and the workers to answer
STOP_TIMEOUT = 15


def database_url():
    """The URL of the database the tests use (pytest-django's test database)."""
    params = connection.settings_dict
    if connection.vendor != "postgresql":
        raise RuntimeError("the gunicorn server needs PostgreSQL: SQLite cannot be shared")
    credentials = quote(params["USER"] or "", safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{quote(params['NAME'], safe='')}"


class GunicornServer:
    def __init__(self, log_path: Path, workers=3, threads=4):
        self.log_path = log_path
        self.workers = workers
        self.threads = threads
        self.process = None
        self.url = None

    def environment(self):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.test",
            DATABASE_URL=database_url(),
            TEST_MEDIA_ROOT=str(settings.MEDIA_ROOT),
            TEST_WHOOSH_PATH=settings.HAYSTACK_CONNECTIONS["default"]["PATH"],
            TEST_PRIVATE_ROOT=str(settings.PROMOTIONS_PRIVATE_ROOT),
            TEST_REGISTRE_ROOT=str(settings.REGISTRE_DOCUMENTS_ROOT),
            TEST_DECP_ROOT=str(settings.DIAGNOSTIC_DECP_ROOT),
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            # Port 0: the system picks a free port; the master logs the one it bound.
            "--bind=127.0.0.1:0",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--timeout=60",
            "--graceful-timeout=5",
            # Several servers may run at once on one machine: no shared control socket.
            "--no-control-socket",
            "--access-logfile=-",
            "--access-logformat=%(m)s %(U)s %(s)s %(L)ss pid=%(p)s",
        ]
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while self.url is None:
            self._check_alive(deadline)
            match = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", self.output())
            if match:
                self.url = match.group(1)
            else:
                time.sleep(0.1)
        # Workers import Django after the master binds: wait until one of them answers.
        while True:
            self._check_alive(deadline)
            try:
                if requests.get(self.url + "/comptes/login/", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)

    def _check_alive(self, deadline):
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({self.process.returncode}):\n{self.output()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn not ready after {START_TIMEOUT}s:\n{self.output()}")

    def output(self):
        """Everything the server logged (startup, access log, tracebacks)."""
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        """Stops the master and its workers (the whole process group if they do not exit)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=STOP_TIMEOUT)
        self.log.close()
