"""django-csp's middleware against the portal's, which builds the header once per process.

    .venv/bin/python benchmarks/csp_header.py [--var DIR]

In one process, on the demo content (as profile_pages.py prepares it, page cache on): two WSGI
handlers that differ only by their CSP middleware serve `/sante/` and the home page from the page
cache in turn; prints the best time per request of each (5 rounds of 2,000 requests).
"""

import argparse
import io
import os
import sys
import tempfile
import time

from profile_pages import ROOT, prepare

ROUNDS, REQUESTS = 5, 2000
MIDDLEWARES = {
    "django-csp": "csp.middleware.CSPMiddleware",
    "portail": "portal.middleware.CSPMiddleware",
}


def environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }


def handler_with(csp_middleware):
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    settings.MIDDLEWARE = [
        csp_middleware if name.endswith(".CSPMiddleware") else name for name in settings.MIDDLEWARE
    ]
    return WSGIHandler()


def time_per_request(handler, path):
    def start_response(status, headers):
        if not status.startswith("200"):
            raise SystemExit(f"{path} answered {status}")

    started = time.perf_counter()
    for _ in range(REQUESTS):
        b"".join(handler(environ(path), start_response))
    return (time.perf_counter() - started) / REQUESTS * 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var", help="a folder holding a seeded demo database, reused")
    var = parser.parse_args().var or tempfile.mkdtemp(prefix="spaser-csp-")
    prepare(var)
    os.environ["PAGE_CACHE_SECONDS"] = "600"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    handlers = {name: handler_with(path) for name, path in MIDDLEWARES.items()}
    for path in ("/sante/", "/"):
        best = {}
        for _ in range(ROUNDS):
            for name, handler in handlers.items():
                time_per_request(handler, path)  # warm: the page is in the cache
                best[name] = min(best.get(name, float("inf")), time_per_request(handler, path))
        ratio = best["portail"] / best["django-csp"]
        figures = ", ".join(f"{name} {us:.0f} µs" for name, us in best.items())
        print(f"{path:<9} {figures} : {ratio:.0%}")


if __name__ == "__main__":
    main()
