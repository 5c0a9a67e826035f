"""gunicorn.conf.py: the workers share the application the master loaded, never its connections."""

import runpy

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.template import engines
from gunicorn.config import Config

CONFIG = settings.BASE_DIR / "gunicorn.conf.py"


def test_gunicorn_loads_the_application_once_in_the_master():
    config = Config()
    for name, value in runpy.run_path(str(CONFIG)).items():
        if name in config.settings:
            config.set(name, value)
    assert config.preload_app is True
    for hook in ("when_ready", "pre_fork", "post_fork"):
        assert getattr(config, hook).__module__ != "gunicorn.config"  # ours, not a no-op


def test_the_master_compiles_the_templates_before_the_workers_are_forked():
    hooks = runpy.run_path(str(CONFIG))
    (loader,) = engines["django"].engine.template_loaders  # the cached loader, as in production
    loader.reset()
    hooks["when_ready"](server=None)
    compiled = set(loader.get_template_cache)
    assert {"base_dsfr.html", "includes/header.html", "forum/topic.html"} <= compiled


@pytest.mark.django_db
def test_a_forked_worker_opens_its_own_database_and_cache_connections(monkeypatch):
    """What the master opened is closed in the worker (the test database, in memory under
    SQLite, cannot really be closed: the calls are recorded)."""
    hooks = runpy.run_path(str(CONFIG))
    connection = connections["default"]
    connection.ensure_connection()
    caches["default"].set("warm", 1)
    closed = []
    monkeypatch.setattr(type(connection), "close", lambda self: closed.append(self.alias))
    monkeypatch.setattr(type(caches["default"]), "close", lambda self, **kw: closed.append(self))
    hooks["pre_fork"](server=None, worker=None)
    hooks["post_fork"](server=None, worker=None)
    assert connection.alias in closed
    assert caches["default"] in closed
