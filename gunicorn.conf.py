"""gunicorn's settings for the portal, read from the folder gunicorn starts in.

The application is loaded once, in the master, before the workers are forked: its code and
data (Django, Wagtail, the URL patterns, the templates) are then shared by every worker instead
of being loaded again by each. Python's garbage collector would write to every object it scans,
unsharing the pages that hold them: the objects made while loading are frozen out of its scans
before each fork. Database and cache connections are never shared: a worker opens its own.

Django loads the URL patterns (and through them every view) and compiles each template only when
a request first needs them: `when_ready` does it once in the master, so that the workers share
that too and no worker's first requests pay for it.
"""

import gc
import logging
from pathlib import Path

preload_app = True


def when_ready(server):
    from django.conf import settings
    from django.template import TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("health")  # imports every URL module and view, and builds the map of their names
    templates = Path(settings.BASE_DIR) / "templates"
    for path in sorted(templates.rglob("*.html")):
        name = path.relative_to(templates).as_posix()
        try:
            get_template(name)
        except TemplateSyntaxError:
            # A request for it shows the error; the server starts all the same.
            logging.getLogger("gunicorn.error").exception("Template %s does not compile", name)


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()
