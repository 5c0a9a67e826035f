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


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "9#Lm2@pQ7!vZ4&rT8*wY1^bN6%cH3(jD5)",
        ALLOWED_HOSTS="spaser.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
