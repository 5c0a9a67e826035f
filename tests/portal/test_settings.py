import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    # The browser journeys set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does.
    dropped = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="spaser.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checklist(tmp_path):
    deployment = {
        "SECRET_KEY": "k" * 20 + "9#Lm2@pQ7!vZ4&rT8*wY1^bN6%cH3(jD5)",
        "ALLOWED_HOSTS": "spaser.example.org",
        "WAGTAILADMIN_BASE_URL": "https://spaser.example.org",
        "PORTAL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    # The Sites are compared with the address once the database exists (see
    # tests/portal/test_public_address.py, and .ci/run: migrate, sync_sites, check --deploy).
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **deployment)
    assert result.returncode == 0, result.stdout + result.stderr
    insecure = {**deployment, "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **insecure)
    assert result.returncode != 0 and "portal.E001" in result.stderr


def test_production_workers_share_one_cache_even_without_redis(tmp_path):
    """The page cache's content version must be the same in every gunicorn worker."""
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        SECRET_KEY="k" * 20 + "9#Lm2@pQ7!vZ4&rT8*wY1^bN6%cH3(jD5)",
        ALLOWED_HOSTS="spaser.example.org",
        REDIS_URL="",
        CACHE_PATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "django.core.cache.backends.filebased.FileBasedCache"
    )


def test_the_page_cache_gets_a_redis_database_that_exists():
    from portal.settings.base import _next_redis_database

    assert _next_redis_database("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/1"
    # Redis has 16 databases by default: after the last, the one before it.
    assert _next_redis_database("redis://127.0.0.1:6379/15") == "redis://127.0.0.1:6379/14"


def test_redis_replies_are_parsed_in_c():
    """A page served from the cache reads some thirty keys: redis-py's own parser, in Python,
    took a fifth of serving it."""
    from redis.connection import DefaultParser

    assert DefaultParser.__name__ == "_HiredisParser"
