"""The demo content as `make run` writes it."""

import io

from django.core.management import call_command


def seed_demo_twice(password):
    """Seeds the demo, then again as a second `make run` does (which must add nothing); returns
    what both runs printed."""
    out = io.StringIO()
    for _run in range(2):
        call_command("seed_demo", password=password, stdout=out)
    return out.getvalue()
