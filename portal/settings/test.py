import os
import tempfile

from .base import *
from .base import CACHES, DATABASES, REDIS_URL

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# SQLite's test database is a file, as the embedded default is, not Django's in-memory database:
# threads of one process (the live server, a worker thread of a browser journey) would share its
# cache, whose table locks fail at once ("database table is locked") instead of waiting their turn.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.mkdtemp(prefix="spaser-db-"), "test.sqlite3")
    }
    # A test database is thrown away: no need to wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF"
# Django's test runner replaces EMAIL_BACKEND with locmem; tests/conftest.py puts the outbox back
# and delivers through locmem, so `mail.outbox` holds what the worker sent.
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the request (tests of the worker choose the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A server process started by a test (tests/http_server.py) is given the test process's
# directories, so both share one media root and one search index.
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="spaser-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="spaser-static-")
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "portal.search_backend.FrenchWhooshEngine",
        "PATH": os.environ.get("TEST_WHOOSH_PATH") or tempfile.mkdtemp(prefix="spaser-whoosh-"),
        "INCLUDE_SPELLING": True,
    }
}
SEARCH_INDEX_RETRIES = 2
SEARCH_INDEX_RETRY_DELAY = 0.01
SEARCH_INDEX_LOCK_TIMEOUT = 0.05
WAGTAILADMIN_BASE_URL = "http://testserver"
REGISTRE_DOCUMENTS_ROOT = os.environ.get("TEST_REGISTRE_ROOT") or tempfile.mkdtemp(
    prefix="spaser-registre-"
)
DIAGNOSTIC_DECP_ROOT = os.environ.get("TEST_DECP_ROOT") or tempfile.mkdtemp(prefix="spaser-decp-")
PROMOTIONS_PRIVATE_ROOT = os.environ.get("TEST_PRIVATE_ROOT") or tempfile.mkdtemp(
    prefix="spaser-private-"
)


def _redis_databases_of_worker(url, worker):
    """pytest-xdist runs the suite in several processes (`gw0`, `gw1`…) and every test empties the
    caches: each worker gets two Redis databases of its own, REDIS_URL's shifted down by two per
    worker and the one below it for the pages (gw0 on …/15: 15 and 14; gw1: 13 and 12)."""
    head, _sep, tail = url.rpartition("/")
    index = worker.removeprefix("gw")
    if not (tail.isascii() and tail.isdigit() and index.isascii() and index.isdigit()):
        return CACHES["default"]["LOCATION"], CACHES["pages"]["LOCATION"]
    default = (int(tail) - 2 * int(index)) % 16
    return f"{head}/{default}", f"{head}/{(default - 1) % 16}"


_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker:
    (
        CACHES["default"]["LOCATION"],
        CACHES["pages"]["LOCATION"],
    ) = _redis_databases_of_worker(REDIS_URL, _worker)
# The tests check hits and misses through the header production never sends.
PAGE_CACHE_HEADER = True
