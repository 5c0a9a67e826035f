"""gunicorn's settings for the portal, read from the folder gunicorn starts in.

The application is loaded once, in the master, before the workers are forked: its code and
data (Django, Wagtail, the URL patterns, the templates) are then shared by every worker instead
of being loaded again by each. Python's garbage collector would write to every object it scans,
unsharing the pages that hold them: the objects made while loading are frozen out of its scans
before each fork. Database and cache connections are never shared: a worker opens its own.
"""

import gc

preload_app = True


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()
